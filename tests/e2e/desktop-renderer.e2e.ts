/**
 * The desktop renderer in headless Chromium, its bridge backed by the real backend (temp data
 * folder, better-sqlite3) syncing with the real server on loopback. One leader's day: sign in,
 * found an association, a roster of a few hundred people (sort, search, facets, bulk tags),
 * edit a member, invite with a printable QR card, approve a request, give a role, resolve a
 * conflict made on another device, work offline while the server is down, back up and restore.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS } from '@mekendesh/core';
import { buildRenderer, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import { eventually, openClient, post, signUp, startTestServer, type TestUser } from '../kit/server.ts';

const FIRST = ['Асель', 'Бакыт', 'Үмүт', 'Нурлан', 'Айгүл', 'Эрлан', 'Жылдыз', 'Темир', 'Гүлнара', 'Азамат'];
const LAST = ['Бекова', 'Асанов', 'Осмонова', 'Токтогулов', 'Сыдыкова', 'Жумабаев'];
const CITIES = ['Стамбул', 'Анкара', 'Москва', 'Бишкек'];
const SEEDED = 300;
const phoneOf = (i: number) => `+90532${1_000_000 + i}`;

/** Polls a page condition (Playwright's own `expect` is not used with vitest). */
const until = <T>(fn: () => Promise<T>, timeoutMs = 15_000) => eventually(fn, timeoutMs, 50);
const text = async (page: Page, role: Parameters<Page['getByRole']>[0], name: string | RegExp) => (await page.getByRole(role, { name }).textContent()) ?? '';

describe('the desktop renderer against the real backend and server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let serverData: string;
  let dataDir: string;
  let leader: TestUser;
  let build: { dir: string; remove(): void };
  let h: DesktopHarness;
  let page: Page;
  let associationId: string;

  const restartServer = async () => {
    server = await startTestServer({ dataDir: serverData, port: Number(new URL(server.url).port) });
  };

  beforeAll(async () => {
    serverData = mkdtempSync(join(tmpdir(), 'mekendesh-server-'));
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
    [server, build] = await Promise.all([startTestServer({ dataDir: serverData }), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(serverData, { recursive: true, force: true });
  });

  it('starts in Kyrgyz, switches language, signs in (a wrong password is explained) and reopens without signing in', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('ky');
    await page.getByRole('heading', { name: 'Кирүү' }).waitFor();
    await page.getByRole('combobox', { name: 'Тил' }).selectOption('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Email').fill(leader.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(leader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'My associations' }).waitFor();
    await page.getByText('You do not lead an association yet.').waitFor();
    expect(JSON.parse(h.credentials.token!)).toMatchObject({ accountId: leader.account.id });
    // The sync status is always on screen.
    await until(async () => (await text(page, 'status', 'Sync status')).includes('All changes synced'));
    expect(await text(page, 'status', 'Sync status')).toMatch(/Last synced: /);

    // A restart with the stored session opens the account directly, even offline.
    h.network.offline = true;
    page = await h.reopen();
    await page.getByRole('heading', { name: 'My associations' }).waitFor();
    await until(async () => (await text(page, 'status', 'Sync status')).includes('Saved on this device only'));
    h.network.offline = false;
    await page.getByRole('button', { name: 'Sync now' }).click();
    await until(async () => (await text(page, 'status', 'Sync status')).includes('All changes synced'));
  });

  it('founds an association, lists it with counts and opens its roster of a few hundred people', async () => {
    await page.getByLabel('Name of the association').fill('Стамбулдагы кыргыздар');
    await page.getByLabel('City').fill('Стамбул');
    await page.getByLabel('Country').fill('TR');
    await page.getByRole('button', { name: 'Create an association' }).click();
    await page.getByRole('heading', { name: 'Стамбулдагы кыргыздар' }).waitFor();
    await page.getByText('1 member · no requests').waitFor();
    associationId = (await h.backend.handlers.associations())[0]!.id;

    const t0 = Date.now();
    for (let i = 0; i < SEEDED; i++) {
      h.backend.handlers.rosterCreate({
        associationId,
        fields: {
          ...EMPTY_ROSTER_FIELDS,
          nameCyrillic: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 6]}`,
          phone: phoneOf(i),
          city: CITIES[i % 4]!,
          tags: i % 5 === 0 ? ['жаштар'] : [],
          groups: i % 7 === 0 ? ['кеңеш'] : [],
          renewalDate: i % 3 === 0 ? '2020-01-01' : '2030-01-01',
        },
      });
    }
    console.log(`seeded ${SEEDED} roster entries in ${Date.now() - t0} ms`);
    await page.getByRole('button', { name: 'Open the association “Стамбулдагы кыргыздар”' }).click();
    await page.getByRole('heading', { name: 'Roster' }).waitFor();
    await until(async () => (await page.getByText('301 people').count()) === 1);
    const table = page.getByRole('table', { name: 'Members' });
    expect(await table.getAttribute('aria-rowcount')).toBe('302');
    await until(async () => (await page.getByText(`${SEEDED} unsent`).count()) === 0);
  });

  it('sorts by a header, searches, filters a facet with counts, and bulk-tags a selection', async () => {
    const table = page.getByRole('table', { name: 'Members' });
    const nameHeader = table.getByRole('columnheader', { name: 'Name' });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    const firstRow = () => table.getByRole('row').nth(1);
    await until(async () => ((await firstRow().textContent()) ?? '').startsWith('Азамат'));
    await nameHeader.getByRole('button').click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    await until(async () => !((await firstRow().textContent()) ?? '').startsWith('Азамат'));
    const cityHeader = table.getByRole('columnheader', { name: 'City' });
    await cityHeader.getByRole('button').click();
    expect(await cityHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    await until(async () => ((await firstRow().getByRole('cell').nth(4).textContent()) ?? '') === 'Анкара');

    // The keyboard moves through rows like a spreadsheet, scrolling the virtualised body along.
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[aria-rowindex]')?.getAttribute('aria-rowindex') ?? null);
    const focusedPart = () => page.evaluate(() => (document.activeElement?.closest('.c-select') ? 'select' : document.activeElement?.tagName.toLowerCase()));
    await firstRow().getByRole('cell').nth(1).getByRole('button').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await until(async () => (await focusedRow()) === '4');
    await page.keyboard.press('Control+End');
    await until(async () => (await focusedRow()) === String(SEEDED + 2));
    expect(await focusedPart()).toBe('button');
    await page.keyboard.press('ArrowUp');
    await until(async () => (await focusedRow()) === String(SEEDED + 1));
    await page.keyboard.press('Control+Home');
    await until(async () => (await focusedRow()) === '2');
    await page.keyboard.press('PageDown');
    await until(async () => Number(await focusedRow()) > 10);
    // On a checkbox, the checkbox of the next row.
    await firstRow().getByRole('checkbox').focus();
    await page.keyboard.press('ArrowDown');
    await until(async () => (await focusedRow()) === '3');
    expect(await focusedPart()).toBe('select');

    await page.getByRole('searchbox', { name: 'Search' }).fill('Асель');
    await until(async () => (await page.getByText('30 people').count()) === 1);
    // Facet counts: 10 of the 30 are expired.
    const expired = page.getByRole('checkbox', { name: /^Expired \(10\)$/ });
    await expired.waitFor();
    await expired.check();
    await until(async () => (await page.getByText('10 people').count()) === 1);
    expect(await table.getAttribute('aria-rowcount')).toBe('11');

    // Three picked by hand, tagged at once.
    for (let r = 1; r <= 3; r++) await table.getByRole('row').nth(r).getByRole('checkbox').check();
    await page.getByText('3 selected').waitFor();
    const bulk = page.getByRole('group', { name: 'Change the selected' });
    await bulk.getByLabel('Tag or group').fill('волонтёр');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    await bulk.getByText('3 entries changed').waitFor();
    await page.getByRole('checkbox', { name: /^волонтёр \(3\)$/ }).waitFor();

    // Every match selected ("select all matching"), a renewal date set on all of them.
    await table.getByRole('checkbox', { name: 'Select all 10 matching' }).check();
    await page.getByText('10 selected').waitFor();
    await bulk.getByLabel('Renewal date').fill('2031-05-01');
    await bulk.getByRole('button', { name: 'Set renewal date' }).click();
    await bulk.getByText('10 entries changed').waitFor();
    // No longer expired: the filtered view empties, and the server gets the change.
    await until(async () => (await page.getByText('0 people').count()) === 1);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('checkbox', { name: /^Expired/ }).uncheck();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await until(async () => (await page.getByText('301 people').count()) === 1);
    await until(async () => server.store.records.where('roster', 'association_id = ?', [associationId]).filter((e) => e.renewalDate === '2031-05-01').length === 10);
  });

  it('opens a member, shows field errors inline, saves an edit; adds a member, deletes a duplicate', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill(phoneOf(42));
    await until(async () => (await page.getByText('1 person').count()) === 1);
    const table = page.getByRole('table', { name: 'Members' });
    await table.getByRole('button', { name: 'Үмүт Сыдыкова' }).click();
    await page.getByRole('heading', { name: 'Үмүт Сыдыкова' }).waitFor();
    expect(await page.getByLabel('Phone').inputValue()).toBe(phoneOf(42));
    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct the marked fields.' }).waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Email').fill('umut@example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: '← Back to the roster' }).click();
    await table.getByRole('row').filter({ hasText: 'umut@example.org' }).waitFor();

    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByRole('heading', { name: 'New member' }).waitFor();
    await page.getByLabel('Name (Cyrillic)').fill('Жаңы Мүчө');
    await page.getByLabel('Tags').fill('жаштар, 2026');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Жаңы');
    await table.getByRole('row').filter({ hasText: 'жаштар, 2026' }).waitFor();

    // Added twice by mistake: the second one is deleted (after a confirmation).
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('Name (Cyrillic)').fill('Жаңы Мүчө');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await until(async () => (await page.getByText('2 people').count()) === 1);
    await table.getByRole('button', { name: 'Жаңы Мүчө' }).last().click();
    await page.getByRole('button', { name: 'Delete from the roster' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await until(async () => (await page.getByText('1 person').count()) === 1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  it('creates an invitation, shows its printable QR card, approves two requests at once, revokes a code, makes a member secretary', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Invitations' }).click();
    await page.getByLabel('Valid for (days)').fill('14');
    await page.getByLabel('Maximum uses').fill('5');
    expect(await page.getByLabel('Joining needs a leader’s approval').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create an invitation' }).click();
    // The server draws the code at the next sync.
    const row = page.getByRole('row').filter({ hasText: 'Active' });
    await row.waitFor();
    const code = ((await row.getByRole('cell').first().textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(await row.textContent()).toContain('0 of 5');

    await page.getByRole('button', { name: `QR card of code ${code}` }).click();
    const qr = page.getByRole('img', { name: `QR code of the invitation link ${code}` });
    await qr.waitFor();
    // Rendered from a data: URL under the page's CSP.
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const card = page.locator('.print-card');
    expect(await card.textContent()).toContain(`${server.url}/?invite=${code}`);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    // The print stylesheet keeps only the card.
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Two people join with the code: requests to approve, both at once.
    const joiner = await signUp(server.url, 'Joiner');
    const second = await signUp(server.url, 'Second');
    // The joiner's profile: what they share with the association shows on their roster entry.
    const device = openClient(server, joiner);
    try {
      device.client.mutate('profile.update', { id: joiner.account.id, patch: { nameCyrillic: 'Жолдошбек Мамытов', city: 'Измир' } });
      await device.client.syncNow();
    } finally {
      await device.close();
    }
    for (const u of [joiner, second]) expect((await post(server.url, '/api/invitations/redeem', { code }, u.token)).status).toBe(200);
    await nav.getByRole('button', { name: 'Requests' }).click();
    await page.getByRole('heading', { name: 'Requests to join' }).waitFor();
    await until(async () => (await page.getByRole('button', { name: /^Approve(?! selected)/ }).count()) === 2);
    await page.getByRole('checkbox', { name: 'Select all requests' }).check();
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.getByText('2 requests approved').waitFor();
    await page.getByText('No new requests.').waitFor();
    await until(async () => [joiner, second].every((u) => server.store.records.openMembership(associationId, u.account.id)?.status === 'active'));

    // The linked member's entry: their shared profile, read-only; their role is set under Roles.
    await nav.getByRole('button', { name: 'Roster' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Жолдошбек');
    await page.getByRole('table', { name: 'Members' }).getByRole('button', { name: 'Жолдошбек Мамытов' }).click();
    const profile = page.getByRole('region', { name: 'Account profile' });
    await profile.waitFor();
    expect(await profile.textContent()).toContain('Измир');
    expect(await profile.getByRole('textbox').count()).toBe(0);
    expect(await page.getByLabel('Role').isDisabled()).toBe(true);
    await page.getByRole('button', { name: '← Back to the roster' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    // A second code, revoked.
    await nav.getByRole('button', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Create an invitation' }).click();
    await until(async () => (await page.getByRole('row').filter({ hasText: 'Active' }).count()) === 2);
    const other = ((await page.getByRole('row').filter({ hasText: 'Active' }).first().getByRole('cell').first().textContent()) ?? '').trim();
    expect(other).not.toBe(code);
    await page.getByRole('button', { name: `Revoke code ${other}` }).click();
    await page.getByRole('row').filter({ hasText: other }).filter({ hasText: 'Revoked' }).waitFor();
    expect(await page.getByRole('button', { name: `Revoke code ${other}` }).isDisabled()).toBe(true);

    await nav.getByRole('button', { name: 'Roles' }).click();
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    await until(async () => (await page.getByRole('combobox', { name: /^Role of/ }).count()) === 3);
    await page.getByRole('combobox', { name: 'Role of Жолдошбек Мамытов' }).selectOption('secretary');
    await page.getByText(/is now “Secretary”/).waitFor();
    await until(async () => server.store.records.openMembership(associationId, joiner.account.id)?.role === 'secretary');
  });

  it('a conflict made on another device: shows both values, Keep mine wins; an open form reloads over a synced change', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Roster' }).click();
    const [id] = h.backend.handlers.rosterIds({ associationId, query: { text: phoneOf(0) } });
    expect(id).toBeDefined();
    // This computer goes offline and edits Асель's phone…
    h.network.offline = true;
    await page.getByRole('searchbox', { name: 'Search' }).fill(phoneOf(0));
    await page.getByRole('table', { name: 'Members' }).getByRole('button', { name: 'Асель Бекова' }).click();
    await page.getByLabel('Phone').fill('+996700111222');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await until(async () => (await text(page, 'status', 'Sync status')).includes('1 unsent change'));
    // …while another device of the same leader changes it on the server.
    const other = openClient(server, leader);
    try {
      await other.client.syncNow();
      other.client.mutate('roster.update', { id: id!, patch: { phone: '+905550000000' }, base: { phone: phoneOf(0) } });
      await other.client.syncNow();
    } finally {
      await other.close();
    }
    h.network.offline = false;
    await page.getByRole('button', { name: 'Sync now' }).click();
    // The refusal shows from the push; the pull of the same round rolls the local edit back.
    // Keep mine is based on what the entry holds, so wait for the round to end.
    await until(async () => h.backend.handlers.rejected().length === 1 && h.backend.handlers.syncStatus().state === 'idle');
    await until(async () => (await text(page, 'status', 'Sync status')).includes('The server refused 1 change'));

    await nav.getByRole('button', { name: /^Conflicts/ }).click();
    await page.getByRole('heading', { name: 'Editing a member' }).waitFor();
    const fieldRow = page.getByRole('row', { name: /Phone/ });
    expect((await fieldRow.getByRole('cell').allTextContents())).toEqual(['+905550000000', '+996700111222']);
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByText('Everything was accepted: no conflicts to resolve.').waitFor();
    await until(async () => server.store.records.get('roster', id!)?.phone === '+996700111222');

    // Online, a change from elsewhere arrives while the form is open: saving over it is refused
    // here at once, and the form shows the current values.
    await nav.getByRole('button', { name: 'Roster' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('+996700111222');
    await page.getByRole('table', { name: 'Members' }).getByRole('button', { name: 'Асель Бекова' }).click();
    await page.getByLabel('City').waitFor();
    const another = openClient(server, leader);
    try {
      await another.client.syncNow();
      another.client.mutate('roster.update', { id: id!, patch: { city: 'Измир' }, base: { city: 'Стамбул' } });
      await another.client.syncNow();
    } finally {
      await another.close();
    }
    await until(async () => h.backend.handlers.rosterEntry({ id: id! }).city === 'Измир');
    await page.getByLabel('City').fill('Бурса');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('This member was changed elsewhere. The current values are shown: make your change again.').waitFor();
    expect(await page.getByLabel('City').inputValue()).toBe('Измир');
    await page.getByRole('button', { name: '← Back to the roster' }).click();
  });

  it('offline while the server is down: edits wait as pending and go out when it is back', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Roster' }).click();
    await server.close();
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('Name (Cyrillic)').fill('Офлайн Кошулган');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Офлайн');
    await page.getByRole('table', { name: 'Members' }).getByRole('button', { name: 'Офлайн Кошулган' }).waitFor();
    await until(async () => {
      const s = await text(page, 'status', 'Sync status');
      return s.includes('Saved on this device only') && s.includes('1 unsent change');
    });
    await restartServer();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await until(async () => (await text(page, 'status', 'Sync status')).includes('All changes synced'), 20_000);
    expect(server.store.records.where('roster', 'association_id = ?', [associationId]).filter((e) => e.nameCyrillic === 'Офлайн Кошулган')).toHaveLength(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });

  it('backs up to the chosen file and restores from it', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Backup' }).click();
    const file = join(dataDir, 'chosen-backup.db');
    h.dialogs.save = file;
    await page.getByRole('button', { name: 'Save a backup…' }).click();
    await page.getByText(`Backup saved: ${file}`).waitFor();
    h.dialogs.open = file;
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await page.getByRole('button', { name: 'Yes, restore' }).click();
    await page.getByText('The data was restored from the backup.').waitFor();
    await nav.getByRole('button', { name: 'Roster' }).click();
    // The seeded 300, the leader, two added by hand, the two approved members.
    await until(async () => (await page.getByText('305 people').count()) === 1);
    await nav.getByRole('button', { name: 'Backup' }).click();
    // Cancelled dialogs do nothing.
    h.dialogs.save = null;
    await page.getByRole('button', { name: 'Save a backup…' }).click();
    await until(async () => (await page.getByText('The data was restored from the backup.').count()) === 0);
    // Import and export have their place in the navigation (tested in desktop-impexp.e2e.ts).
    await nav.getByRole('button', { name: 'Import and export' }).click();
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
  });
});
