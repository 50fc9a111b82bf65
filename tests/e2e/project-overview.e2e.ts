/**
 * The project overview in the PWA, in two headless Chromiums against the real server, driven
 * by role and label: a home partner creates a project through the form while offline, records
 * a pledge in USD and one in KGS and an expense in KGS (a negative amount and a missing purpose
 * are refused with their reasons, translated, on their fields), sees the totals per currency
 * formatted for Kyrgyz and English, attaches a receipt (refused with its reason offline, a wrong file refused in the browser
 * first), adds a milestone and an update, and adds a compatriot found by name as a viewer; that
 * member then has the project in their list and reads it without any way to change it. The
 * public switch makes `/projects/<id>` show the same totals. Nothing wider than 360 px.
 */
import { t as pageText } from '@mekendesh/i18n/pages';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Key } from '../../pwa/src/i18n/index.ts';
import '../../pwa/src/i18n/project.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { en, ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually } from '../kit/server.ts';

const MEMBER = 'Айбек Токтогулов';
const TITLE = 'Айылдын суу түтүгү';
const SEOUL = 'Сеулдагы кыргыздар';
const VILLAGERS = 'Айылдаштар';
const PIPES = 'Түтүктөр';
type Tr = (key: Key, args?: Record<string, string | number>) => string;
/** `MEKENDESH_SCREENSHOTS=1` writes docs/screenshots/project-overview-{ky,en}.png; otherwise a temp folder. */
const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
/** Roles of controls that must carry a name (as in pwa-a11y.e2e.ts). */
const CONTROLS = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'listbox', 'slider', 'switch', 'tab', 'menuitem']);

/** Controls in Chromium's accessibility tree without a name. */
async function unnamedControls(cdp: CDPSession): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
  const controls = nodes.filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? ''));
  if (controls.length < 10) return [`only ${controls.length} controls in the tree`];
  return controls.filter((n) => !(n.name?.value ?? '').trim()).map((n) => String(n.role?.value));
}

/** The smallest PNG there is (1×1), and an HTML page posing as one. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082', 'hex');

describe('the project overview in the PWA: money per currency, reasons, receipts, members, public page', () => {
  let env: PwaEnv;
  let second: Awaited<ReturnType<typeof launchChromiumProfile>>;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-project-');
    mkdirSync(SHOTS, { recursive: true });
    second = await launchChromiumProfile();
  });
  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  const nav = (page: Page, tr: Tr = ky) => page.getByRole('navigation', { name: tr('nav.label') });
  const status = (page: Page, tr: Tr = ky) => page.getByRole('status', { name: tr('status.label') });
  const synced = (page: Page, tr: Tr = ky) => waitForText(page, status(page, tr), [tr('sync.idle'), tr('sync.pending', { count: 0 })], 30_000);
  const field = (scope: Locator, tr: Tr, key: Key) => scope.getByLabel(tr(key), { exact: true });
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  /** The totals table's cells, per currency (spaces normalised). */
  const totals = async (table: Locator) => {
    const out: Record<string, string[]> = {};
    for (const row of await table.getByRole('row').all()) {
      const head = (await row.getByRole('rowheader').allTextContents())[0];
      if (head) out[head.trim()] = (await row.getByRole('cell').allTextContents()).map((t) => t.replace(/\s/g, ' ').trim());
    }
    return out;
  };
  /** Opens a page of the nav until `ready` shows (a page visit is when the app syncs). */
  async function visitUntil(page: Page, link: Key, ready: Locator, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await nav(page).getByRole('link', { name: ky(link) }).click();
      if (await ready.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return;
      if (Date.now() > end) throw new Error(`${ready} did not show`);
      await nav(page).getByRole('link', { name: ky('nav.profile') }).click();
    }
  }

  it('runs from a project made offline to money per currency, a viewer added by name and the public page', async () => {
    const partner = await env.page();
    const member = second.context.pages()[0] ?? (await second.context.newPage());
    member.on('console', (m) => env.log.push(`[member ${m.type()}] ${m.text()}`));
    member.on('pageerror', (e) => env.log.push(`[pageerror] member: ${e.message}`));
    await partner.setViewportSize({ width: 360, height: 800 });
    await env.withLog(async () => {
      // The member: a name on the profile, which members (and partners) may see.
      const memberId = await signUpInApp(member, env, 'Айбек');
      const profile = member.getByRole('form', { name: ky('profile.title') });
      await profile.getByLabel(ky('profile.nameCyrillic'), { exact: true }).fill(MEMBER);
      await profile.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(member, profile, [ky('profile.saved')]);
      await synced(member);
      // Projects of their own are for home partners: the member is told so.
      await nav(member).getByRole('link', { name: ky('nav.projects') }).click();
      await waitForText(member, member.getByRole('region', { name: ky('projects.title') }), [ky('project.new.cannot')]);

      // The partner: signed up, made a home partner on the server (a coordinator's job).
      const partnerId = await signUpInApp(partner, env, 'Кашкалдак');
      env.server.store.db.transaction(() => {
        const acc = env.server.store.records.get('accounts', partnerId)!;
        env.server.store.records.put('accounts', { ...acc, roles: ['member', 'home_partner'] });
      });
      const list = partner.getByRole('region', { name: ky('projects.title') });
      await visitUntil(partner, 'nav.projects', list.getByRole('button', { name: ky('project.new.open') }));
      await partner.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      });

      // Offline: the project is made on the device, from the form, and opens.
      await partner.context().setOffline(true);
      await list.getByRole('button', { name: ky('project.new.open') }).click();
      const form = list.getByRole('form', { name: ky('project.new.title') });
      expect(await field(form, ky, 'project.new.owner').inputValue()).toBe('partner');
      await field(form, ky, 'project.field.sector').selectOption('energy_water');
      await field(form, ky, 'project.field.region').selectOption('naryn');
      await field(form, ky, 'project.field.settlement').selectOption('naryn.at_bashy');
      await field(form, ky, 'project.field.budget').fill('500 000');
      // No title yet: the field says so, nothing is made.
      await form.getByRole('button', { name: ky('project.new.create') }).click();
      await waitForText(partner, form, [ky('transfer.fixErrors'), ky('transfer.issue.required')]);
      expect(await field(form, ky, 'project.field.title').getAttribute('aria-invalid')).toBe('true');
      await field(form, ky, 'project.field.title').fill(TITLE);
      await field(form, ky, 'project.field.summary').fill('Ат-Башыга таза суу түтүгүн тартуу.');
      await form.getByRole('button', { name: ky('project.new.create') }).click();
      await partner.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
      const projectId = decodeURIComponent(/#\/projects\/([^/]+)/.exec(partner.url())![1]!);
      const about = partner.getByRole('region', { name: ky('project.about') });
      await waitForText(partner, about, [ky('project.status.draft'), 'Ат-Башы', ky('project.field.budget')]);

      // Money, still offline: a negative amount and a missing purpose are refused on their fields.
      const pledges = partner.getByRole('region', { name: ky('project.pledges') });
      await pledges.getByRole('button', { name: ky('project.pledge.add') }).click();
      let pledge = pledges.getByRole('form', { name: ky('project.pledge.add') });
      await field(pledge, ky, 'project.pledge.donorName').fill(SEOUL);
      await field(pledge, ky, 'project.amount').fill('-5');
      await field(pledge, ky, 'project.currency').selectOption('USD');
      await pledge.getByRole('button', { name: ky('project.pledge.save') }).click();
      await waitForText(partner, pledge, [ky('errors.amount_not_positive'), ky('transfer.fixErrors')]);
      expect(await field(pledge, ky, 'project.amount').getAttribute('aria-invalid')).toBe('true');
      await field(pledge, ky, 'project.amount').fill('2 500');
      await field(pledge, ky, 'project.pledge.status').selectOption('received');
      await field(pledge, ky, 'project.pledge.receivedDate').fill('2026-05-12');
      await pledge.getByRole('checkbox', { name: ky('project.pledge.anonymous') }).uncheck();
      await pledge.getByRole('button', { name: ky('project.pledge.save') }).click();
      await pledges.getByRole('article', { name: SEOUL }).waitFor();

      await pledges.getByRole('button', { name: ky('project.pledge.add') }).click();
      pledge = pledges.getByRole('form', { name: ky('project.pledge.add') });
      await field(pledge, ky, 'project.pledge.donorName').fill(VILLAGERS);
      await field(pledge, ky, 'project.amount').fill('100000');
      await pledge.getByRole('button', { name: ky('project.pledge.save') }).click();
      await waitForText(partner, pledges.getByRole('article', { name: VILLAGERS }), [ky('pledge.status.pledged'), ky('project.pledge.isAnonymous')]);

      const expenses = partner.getByRole('region', { name: ky('project.expenses') });
      await expenses.getByRole('button', { name: ky('project.expense.add') }).click();
      const expense = expenses.getByRole('form', { name: ky('project.expense.add') });
      await field(expense, ky, 'project.amount').fill('40 000');
      await expense.getByRole('button', { name: ky('project.expense.save') }).click();
      await waitForText(partner, expense, [ky('errors.purpose_required')]);
      expect(await field(expense, ky, 'project.expense.purpose').getAttribute('aria-invalid')).toBe('true');
      await field(expense, ky, 'project.expense.purpose').fill(PIPES);
      await expense.getByRole('button', { name: ky('project.expense.save') }).click();
      await expenses.getByRole('article', { name: PIPES }).waitFor();
      await waitForText(partner, status(partner), [ky('sync.offline')]);
      // A receipt needs the server: offline the expense saves and the file waits, with the reason.
      await expenses.getByRole('button', { name: ky('project.expense.editOf', { purpose: PIPES }) }).click();
      const offlineEdit = expenses.getByRole('form', { name: ky('project.expense.edit') });
      await field(offlineEdit, ky, 'project.receipt.file').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
      await offlineEdit.getByRole('button', { name: ky('transfer.saveChanges') }).click();
      await waitForText(partner, offlineEdit, [ky('project.receipt.savedWithout'), ky('project.receipt.offline')]);
      await offlineEdit.getByRole('button', { name: ky('transfer.cancel') }).click();

      // Totals per currency, never summed, in Kyrgyz (the device's formatting).
      const money = partner.getByRole('region', { name: ky('project.money') });
      const table = money.getByRole('table', { name: ky('project.money.totals') });
      const kyTotals = await totals(table);
      expect(Object.keys(kyTotals)).toEqual(['KGS', 'USD']);
      expect(kyTotals.KGS![0]).toMatch(/^100 000,00\s?\S+/);
      expect(kyTotals.KGS![1]).toMatch(/^0,00/);
      expect(kyTotals.KGS![2]).toMatch(/^40 000,00/);
      expect(kyTotals.USD![0]).toMatch(/^2 500,00/);
      expect(kyTotals.USD![1]).toMatch(/^2 500,00/);
      expect(await overflow(partner)).toBeLessThanOrEqual(0);

      // Back online: everything reaches the server as it was made.
      await partner.context().setOffline(false);
      await synced(partner);
      expect(env.server.store.records.get('projects', projectId)).toMatchObject({
        title: TITLE, partnerId, associationId: null, sector: 'energy_water', region: 'naryn', settlement: 'naryn.at_bashy', budgetAmount: 50_000_000, budgetCurrency: 'KGS', isPublic: false,
      });
      expect(env.server.store.records.where('pledges', 'project_id = ?', [projectId]).map((p) => [p.donorName, p.amount, p.currency, p.status, p.anonymous, p.receivedOn]).sort()).toEqual([
        [VILLAGERS, 10_000_000, 'KGS', 'pledged', true, null],
        [SEOUL, 250_000, 'USD', 'received', false, '2026-05-12'],
      ]);

      // In English: the same totals in English formatting.
      await partner.getByLabel(ky('shell.language')).selectOption('en');
      const enTable = partner.getByRole('region', { name: en('project.money') }).getByRole('table', { name: en('project.money.totals') });
      await enTable.waitFor();
      const enTotals = await totals(enTable);
      expect(enTotals).toEqual({ KGS: ['KGS 100,000.00', 'KGS 0.00', 'KGS 40,000.00'], USD: ['$2,500.00', '$2,500.00', '$0.00'] });

      // A receipt: a page posing as an image is refused in the browser; a PNG goes to the server.
      const expensesEn = partner.getByRole('region', { name: en('project.expenses') });
      await expensesEn.getByRole('button', { name: en('project.expense.editOf', { purpose: PIPES }) }).click();
      const editExpense = expensesEn.getByRole('form', { name: en('project.expense.edit') });
      const file = field(editExpense, en, 'project.receipt.file');
      await file.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script>') });
      await waitForText(partner, editExpense, [en('errors.receipt_bad_type')]);
      expect(await file.getAttribute('aria-invalid')).toBe('true');
      await file.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
      await editExpense.getByRole('button', { name: en('transfer.saveChanges') }).click();
      await waitForText(partner, expensesEn.getByRole('article', { name: PIPES }), [en('project.receipt.view')], 30_000);
      const receiptHref = await expensesEn.getByRole('link', { name: en('project.receipt.view') }).getAttribute('href');
      const receipt = await partner.evaluate((href) => fetch(href!).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength })), receiptHref);
      expect(receipt).toEqual({ status: 200, type: 'image/png', size: PNG.length });

      // A milestone (progress out of range refused) and an update.
      const milestones = partner.getByRole('region', { name: en('project.milestones') });
      await milestones.getByRole('button', { name: en('project.milestone.add') }).click();
      const ms = milestones.getByRole('form', { name: en('project.milestone.add') });
      await field(ms, en, 'project.milestone.title').fill('Траншея');
      await field(ms, en, 'project.milestone.progress').fill('140');
      await ms.getByRole('button', { name: en('project.milestone.save') }).click();
      await waitForText(partner, ms, [en('errors.progress_out_of_range')]);
      await field(ms, en, 'project.milestone.progress').fill('40');
      await ms.getByRole('button', { name: en('project.milestone.save') }).click();
      expect(await milestones.getByRole('progressbar', { name: 'Траншея' }).getAttribute('value')).toBe('40');
      const updates = partner.getByRole('region', { name: en('project.updates') });
      await updates.getByRole('button', { name: en('project.update.add') }).click();
      const up = updates.getByRole('form', { name: en('project.update.add') });
      await field(up, en, 'project.update.text').fill('Түтүктөр сатылып алынды.');
      await up.getByRole('button', { name: en('project.update.save') }).click();
      await waitForText(partner, updates, ['Түтүктөр сатылып алынды.']);

      // Every form open at once on a 360 px phone: every control named, nothing cut off.
      await partner.getByRole('region', { name: en('project.about') }).getByRole('button', { name: en('project.editAbout') }).click();
      await partner.getByRole('region', { name: en('project.pledges') }).getByRole('button', { name: en('project.pledge.add') }).click();
      await expensesEn.getByRole('button', { name: en('project.expense.add') }).click();
      await milestones.getByRole('button', { name: en('project.milestone.add') }).click();
      await updates.getByRole('button', { name: en('project.update.add') }).click();
      const cdp = await partner.context().newCDPSession(partner);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(partner)).toBeLessThanOrEqual(0);
      const open = partner.getByRole('form').filter({ has: partner.getByRole('button', { name: en('transfer.cancel') }) });
      expect(await open.count()).toBe(5);
      while ((await open.count()) > 0) await open.first().getByRole('button', { name: en('transfer.cancel') }).click();
      await cdp.detach();

      // A compatriot found by name, added as a viewer.
      const members = partner.getByRole('region', { name: en('project.members') });
      await members.getByRole('searchbox', { name: en('project.members.search') }).fill('Айбек');
      await field(members, en, 'project.members.newRole').selectOption('viewer');
      await members.getByRole('button', { name: en('project.members.addOf', { name: MEMBER }) }).click();
      await waitForText(partner, members, [en('project.members.added', { name: MEMBER }), en('project.role.viewer')]);
      // The last owner cannot step down.
      await members.getByRole('combobox', { name: en('project.members.roleOf', { name: en('project.members.you', { name: 'Кашкалдак' }) }) }).selectOption('editor');
      await waitForText(partner, members, [en('errors.last_owner'), en('project.members.lastOwnerHint')]);
      expect(await overflow(partner)).toBeLessThanOrEqual(0);
      await partner.screenshot({ path: join(SHOTS, 'project-overview-en.png'), fullPage: true });
      await synced(partner, en);
      expect(env.server.store.projectRole(projectId, memberId)).toBe('viewer');

      // The member has it in their list and reads it all, with nothing to change.
      const memberList = member.getByRole('region', { name: ky('projects.title') });
      await visitUntil(member, 'nav.projects', memberList.getByRole('link', { name: TITLE }));
      await memberList.getByRole('link', { name: TITLE }).click();
      const memberMoney = member.getByRole('region', { name: ky('project.money') });
      await waitForText(member, member.getByRole('main'), [ky('project.readOnly'), SEOUL, VILLAGERS, PIPES, 'Траншея']);
      expect(Object.keys(await totals(memberMoney.getByRole('table')))).toEqual(['KGS', 'USD']);
      expect(await member.getByRole('button', { name: ky('project.pledge.add') }).count()).toBe(0);
      expect(await member.getByRole('button', { name: ky('project.expense.add') }).count()).toBe(0);
      expect(await member.getByRole('checkbox', { name: ky('project.public.switch') }).count()).toBe(0);
      await member.screenshot({ path: join(SHOTS, 'project-overview-ky.png'), fullPage: true });

      // The public switch: the public page shows the same totals.
      await partner.getByRole('checkbox', { name: en('project.public.switch') }).check();
      const publicLink = partner.getByRole('link', { name: en('project.public.open') });
      expect(await publicLink.getAttribute('href')).toBe(`/projects/${projectId}`);
      await synced(partner, en);
      await eventually(() => env.server.store.publicProject(projectId) !== null);
      const visitor = await partner.context().newPage();
      try {
        await visitor.goto(`${env.server.url}/projects/${encodeURIComponent(projectId)}?lang=en`);
        const publicMoney = visitor.getByRole('region', { name: pageText('en', 'projectPage.money') }).getByRole('table');
        expect(await totals(publicMoney)).toEqual(enTotals);
        await visitor.goto(`${env.server.url}/projects/${encodeURIComponent(projectId)}?lang=ky`);
        // In Kyrgyz the amounts agree; the currency's sign may not: Debian's Chromium has no Kyrgyz
        // locale data and formats as Russian ("KGS", "$"), Node's ICU has it ("сом", "USD").
        const amounts = (t: Record<string, string[]>) => Object.fromEntries(Object.entries(t).map(([c, cells]) => [c, cells.map((x) => x.replace(/[^\d, -]/g, '').trim())]));
        expect(amounts(await totals(visitor.getByRole('region', { name: pageText('ky', 'projectPage.money') }).getByRole('table')))).toEqual(amounts(kyTotals));
      } finally {
        await visitor.close();
      }

      expect(env.unexpectedErrors(/401|Failed to load resource|ERR_INTERNET_DISCONNECTED|receipt/)).toEqual([]);
    });
  }, 180_000);
});
