/**
 * A nomination in the PWA, in headless Chromium against the real server, driven by role and
 * label: an embassy user opens the award page, goes offline, fills the nomination form (a
 * member found by name on the device, the statement and its language, an evidence link), saves
 * a draft (which says it stays on this device), is refused submission without a statement
 * (the reason on the field), submits, and sees the nomination's page with "not sent yet". A file
 * needs the server: offline it says so. Online again the nomination reaches the server as made;
 * a file posing as an image is refused with the server's reason, a real one is kept, and a
 * one-time endorsement link is made for a named person. Every control is named, nothing is
 * wider than 360 px. `MEKENDESH_SCREENSHOTS=1` writes docs/screenshots/award-nomination-{ky,en}.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Key } from '../../pwa/src/i18n/index.ts';
import '../../pwa/src/i18n/award.ts';
import { en, ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { eventually, post, signUp, type TestUser } from '../kit/server.ts';

const SHOTS = process.env.MEKENDESH_SCREENSHOTS === '1' ? join(import.meta.dirname, '../../docs/screenshots') : join(tmpdir(), 'mekendesh-screenshots');
const CONTROLS = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'listbox', 'slider', 'switch', 'tab', 'menuitem']);
const NOMINEE = 'Айгүл Токтогулова';
const STATEMENT =
  'Айгүл Стамбулда 2020-жылы кыргыз жамаатын уюштуруп, Нарын облусундагы Ат-Башы айылына 15 кычкылтек концентраторун жана дары-дармек жөнөтүүнү башкарган. Ошондон бери ал жыл сайын айылдын мектебине компьютер класс курууга каражат чогултат жана жаш мекендештерге түрк тилин үйрөтөт.';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082', 'hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
const T = (ky: string, ru: string, en: string) => ({ ky, ru, en });
type Tr = (key: Key, args?: Record<string, string | number>) => string;

async function unnamedControls(cdp: CDPSession): Promise<string[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
  const controls = nodes.filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? ''));
  if (controls.length < 10) return [`only ${controls.length} controls in the tree`];
  return controls.filter((n) => !(n.name?.value ?? '').trim()).map((n) => String(n.role?.value));
}

/** Sends mutations as another device of `user` would (the coordinator's, the nominee's). */
async function push(env: PwaEnv, user: TestUser, mutations: [string, unknown][]) {
  const body = { clientId: `e2e-${user.account.id.replace(/-/g, '')}`.slice(0, 40), mutations: mutations.map(([name, args], i) => ({ id: i + 1, name, args, createdAt: new Date().toISOString() })) };
  const res = await post(env.server.url, '/api/sync/push', body, user.token);
  expect(res.status).toBe(200);
  for (const r of res.body.results as { status: string }[]) expect(r).toMatchObject({ status: 'applied' });
}

describe('a nomination in the PWA: offline draft, refusals, submission, files and links', () => {
  let env: PwaEnv;
  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-award-nomination-');
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => env?.close());

  const nav = (page: Page, tr: Tr = ky) => page.getByRole('navigation', { name: tr('nav.label') });
  const status = (page: Page) => page.getByRole('status', { name: ky('status.label') });
  const field = (scope: Locator, tr: Tr, key: Key, args?: Record<string, string | number>) => scope.getByLabel(tr(key, args), { exact: true });
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('drafts and submits offline, syncs, and takes files and links online', async () => {
    const page = await env.page();
    await page.setViewportSize({ width: 360, height: 800 });
    await env.withLog(async () => {
      const grant = (id: string, role: 'coordinator' | 'embassy_staff') =>
        env.server.store.db.transaction(() => {
          const acc = env.server.store.records.get('accounts', id)!;
          env.server.store.records.put('accounts', { ...acc, roles: ['member', role] });
        });
      // A coordinator's cycle, open for nominations; a member with a name (the nominee).
      const coordinator = await signUp(env.server.url, 'Coordinator');
      grant(coordinator.account.id, 'coordinator');
      await push(env, coordinator, [
        ['awardCycle.create', {
          id: 'cycle-e2e-nomination', year: 2026, title: T('Мыкты Мекендеш — 2026', 'Мыкты Мекендеш — 2026', 'Mykty Mekendesh 2026'),
          categories: [
            { id: 'philanthropy', name: T('Кайрымдуулук', 'Благотворительность', 'Philanthropy') },
            { id: 'skills_transfer', name: T('Тажрыйба алмашуу', 'Передача опыта', 'Skills transfer') },
          ],
          nominationsOpen: day(-5), nominationsClose: day(12), reviewEnd: day(40), announcement: day(60),
          rubric: { scaleMin: 1, scaleMax: 10, criteria: [{ id: 'impact', name: T('Таасири', 'Влияние', 'Impact'), weight: 2 }] },
          committee: [coordinator.account.id], reviewersPerNomination: 1, quorum: 1, winnerCooldownCycles: 2, nominatorCap: 3,
        }],
        ['awardCycle.publish', { id: 'cycle-e2e-nomination', published: true }],
      ]);
      const nominee = await signUp(env.server.url, 'Aigul');
      await push(env, nominee, [['profile.update', { id: nominee.account.id, patch: { nameCyrillic: NOMINEE, country: 'TR', city: 'Стамбул' } }]]);

      // The embassy user: the award page, with "nominate" once the role has synced.
      const embassyId = await signUpInApp(page, env, 'Нурлан');
      grant(embassyId, 'embassy_staff');
      const nominate = page.getByRole('link', { name: ky('award.nominate') });
      for (let i = 0; !(await nominate.isVisible()); i++) {
        if (i > 40) throw new Error('no "nominate" link');
        await nav(page).getByRole('link', { name: ky(i % 2 ? 'nav.profile' : 'nav.award') }).click();
        await page.waitForTimeout(250);
      }
      const cycles = page.getByRole('region', { name: ky('award.cycles') });
      await waitForText(page, cycles, ['Мыкты Мекендеш — 2026', ky('award.window.closesIn', { count: 12 })]);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      });

      // Offline: the form, a member found by name on the device.
      await page.context().setOffline(true);
      await nominate.click();
      const form = page.getByRole('form', { name: ky('award.form.title') });
      await field(form, ky, 'award.form.category').selectOption('philanthropy');
      await form.getByRole('searchbox', { name: ky('award.form.findMember') }).fill('Айгүл');
      await form.getByRole('button', { name: ky('award.form.chooseOf', { name: NOMINEE }) }).click();
      await waitForText(page, form, [NOMINEE, 'Стамбул']);
      await form.getByRole('button', { name: ky('award.form.addLink') }).click();
      await field(form, ky, 'award.form.linkUrl', { n: 1 }).fill('https://kabar.kg/news/at-bashy-oxygen');
      await field(form, ky, 'award.form.linkTitle', { n: 1 }).fill('Кабар: Ат-Башыга кычкылтек');
      await form.getByRole('button', { name: ky('award.form.saveDraft') }).click();
      await waitForText(page, form, [ky('award.form.savedOffline')]);
      expect(page.url()).toMatch(/#\/award\/nomination\//);
      const nominationId = decodeURIComponent(/#\/award\/nomination\/([^/]+)/.exec(page.url())![1]!);

      // No statement: refused here, the reason on the field; the draft is kept.
      await form.getByRole('button', { name: ky('award.form.submit') }).click();
      await waitForText(page, form, [ky('award.form.notSubmitted', { reason: ky('errors.statement_required') })]);
      expect(await field(form, ky, 'award.form.statement').getAttribute('aria-invalid')).toBe('true');
      await field(form, ky, 'award.form.statement').fill(STATEMENT);
      expect(await field(form, ky, 'award.form.statement').getAttribute('aria-invalid')).toBeNull();
      await field(form, ky, 'award.form.statementLang').selectOption('ky');

      // The form filled in, in Kyrgyz and in English: named controls, a phone's width.
      const cdp = await page.context().newCDPSession(page);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'award-nomination-ky.png'), fullPage: true });
      await page.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      const enForm = page.getByRole('form', { name: en('award.form.title') });
      await waitForText(page, enForm, [en('award.form.statement'), NOMINEE, en('award.window.closesIn', { count: 12 })]);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'award-nomination-en.png'), fullPage: true });
      await page.getByLabel(en('shell.language'), { exact: true }).selectOption('ky');

      // Submitted offline: its page, "not sent yet"; a file needs the server and says so.
      await page.getByRole('form', { name: ky('award.form.title') }).getByRole('button', { name: ky('award.form.submit') }).click();
      const view = page.getByRole('region', { name: NOMINEE });
      await waitForText(page, view, [ky('award.status.submitted'), ky('award.unsent'), STATEMENT.slice(0, 40), 'Кабар: Ат-Башыга кычкылтек']);
      expect(await view.getByRole('list', { name: ky('award.timeline') }).getByRole('listitem').first().textContent()).toContain(ky('award.status.draft'));
      await field(view, ky, 'award.files.add').setInputFiles({ name: 'сүрөт.png', mimeType: 'image/png', buffer: PNG });
      await waitForText(page, view, [ky('award.files.refused', { name: 'сүрөт.png', reason: ky('award.offline') })]);
      await waitForText(page, status(page), [ky('sync.offline')]);
      expect(env.server.store.records.get('nominations', nominationId)).toBeUndefined();

      // Online: the nomination reaches the server as it was made.
      await page.context().setOffline(false);
      await waitForText(page, status(page), [ky('sync.idle'), ky('sync.pending', { count: 0 })], 30_000);
      expect(env.server.store.records.get('nominations', nominationId)).toMatchObject({
        status: 'submitted', cycleId: 'cycle-e2e-nomination', categoryId: 'philanthropy', nominatorId: embassyId, associationId: null,
        nomineeAccountId: nominee.account.id, nomineeName: NOMINEE, nomineeCountry: 'TR', nomineeCity: 'Стамбул', statement: STATEMENT, statementLang: 'ky',
        evidenceLinks: [{ url: 'https://kabar.kg/news/at-bashy-oxygen', title: 'Кабар: Ат-Башыга кычкылтек' }],
      });
      await expect.poll(() => view.getByText(ky('award.unsent')).count()).toBe(0);

      // Files: a page posing as an image is refused by the server with its reason; a PNG is kept.
      const file = field(view, ky, 'award.files.add');
      await file.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script>') });
      await waitForText(page, view, [ky('award.files.refused', { name: 'fake.png', reason: ky('errors.evidence_bad_type') })]);
      expect(await file.getAttribute('aria-invalid')).toBe('true');
      await file.setInputFiles({ name: 'сүрөт.png', mimeType: 'image/png', buffer: PNG });
      await view.getByRole('link', { name: 'сүрөт.png' }).waitFor({ timeout: 30_000 });
      const href = await view.getByRole('link', { name: 'сүрөт.png' }).getAttribute('href');
      expect(await page.evaluate((h) => fetch(h!).then((r) => r.status), href)).toBe(200);

      // A one-time endorsement link for a named person.
      const endorsements = view.getByRole('region', { name: ky('award.endorsements') });
      await field(endorsements, ky, 'award.endorse.name').fill('Мектептин директору');
      await endorsements.getByRole('button', { name: ky('award.endorse.create'), exact: true }).click();
      const link = endorsements.getByRole('textbox', { name: ky('award.endorse.linkFor', { name: 'Мектептин директору' }) });
      expect(await link.inputValue()).toMatch(/\/endorse\/[A-Za-z0-9_-]{43}$/);
      await waitForText(page, view, [ky('award.endorsements.waiting', { names: 'Мектептин директору' })]);
      expect(await unnamedControls(cdp)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await cdp.detach();

      // The list of my nominations shows it with its status.
      await nav(page).getByRole('link', { name: ky('nav.award') }).click();
      const mine = page.getByRole('region', { name: ky('award.mine') });
      await waitForText(page, mine.getByRole('article', { name: NOMINEE }), [ky('award.status.submitted'), 'Кайрымдуулук']);

      // The nominee, on their own phone: a notification asks for consent; they read what would
      // be published and agree.
      const phone = await launchChromiumProfile();
      try {
        const p = phone.context.pages()[0] ?? (await phone.context.newPage());
        await p.setViewportSize({ width: 360, height: 800 });
        await p.goto(env.server.url);
        await p.getByRole('button', { name: ky('auth.haveAccount') }).click();
        await p.getByLabel(ky('auth.email')).fill(nominee.email);
        await p.getByLabel(ky('auth.password')).fill(nominee.password);
        await p.getByRole('button', { name: ky('auth.signIn'), exact: true }).click();
        await nav(p).getByRole('link', { name: ky('nav.notifications') }).click();
        const asked = p.getByRole('article', { name: /«Мыкты Мекендеш»/ });
        await asked.waitFor({ timeout: 15_000 });
        await asked.getByRole('link').click();
        const consent = p.getByRole('region', { name: ky('award.consent.title') });
        await waitForText(p, consent, ['Мыкты Мекендеш — 2026', 'Кайрымдуулук', ky('award.consent.state.pending')]);
        expect(await consent.textContent()).toContain(env.server.store.records.get('nominations', nominationId)!.statement);
        await consent.getByRole('button', { name: ky('award.consent.give') }).click();
        await waitForText(p, consent.getByRole('status'), [ky('award.consent.saved')]);
        expect(await consent.getByRole('button', { name: ky('award.consent.give') }).isDisabled()).toBe(true);
        await eventually(() => env.server.store.records.get('nominations', nominationId)?.consent === 'given');
        expect(env.server.store.records.get('nominations', nominationId)!.consentBy).toBe(nominee.account.id);
        expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await p.screenshot({ path: join(SHOTS, 'award-consent-ky.png'), fullPage: true });
      } finally {
        await phone.close();
      }
      expect(env.unexpectedErrors(/401|Failed to load resource|ERR_INTERNET_DISCONNECTED/)).toEqual([]);
    });
  }, 90_000);
});
