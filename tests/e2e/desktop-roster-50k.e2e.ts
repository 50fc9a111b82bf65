/**
 * The roster table at 50,000 people: seeded straight into the account's database, opened in
 * the renderer over the real backend; the table keeps only a window of rows in the DOM,
 * scrolls to the last person, and sorts and searches the whole roster.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, leaderWithAssociation, seedRosterDirect, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import { eventually, signUp, startTestServer, type TestUser } from '../kit/server.ts';

const COUNT = 50_000;

describe('the desktop roster at 50,000 rows', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let build: { dir: string; remove(): void };
  let leader: TestUser;
  let h: DesktopHarness;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
    [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir });
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders only the rows in view, scrolls to the end, sorts and searches', async () => {
    const { accountId, associationId } = await leaderWithAssociation(h.backend, leader, 'Москвадагы кыргыздар');
    await h.backend.handlers.close();
    let t = Date.now();
    seedRosterDirect(dataDir, accountId, associationId, COUNT);
    console.log(`seeded ${COUNT} entries in ${Date.now() - t} ms`);

    const page = h.page;
    await page.getByRole('combobox', { name: 'Тил' }).selectOption('en');
    await page.getByLabel('Email').fill(leader.email);
    await page.getByLabel('Password').fill(leader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    t = Date.now();
    await page.getByRole('button', { name: 'Open the association “Москвадагы кыргыздар”' }).click();
    await page.getByText('50,001 people').waitFor();
    console.log(`roster of ${COUNT + 1} open in ${Date.now() - t} ms (index load included)`);

    const table = page.getByRole('table', { name: 'Members' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(COUNT + 2));
    const domRows = () => table.getByRole('row').count();
    expect(await domRows()).toBeLessThan(100);

    // To the end: the last person's row is there, with its index, and still only a window.
    const scroller = page.locator('.rtable-scroll');
    t = Date.now();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = table.locator(`[role="row"][aria-rowindex="${COUNT + 2}"]`);
    await last.waitFor();
    await eventually(async () => (await last.getAttribute('aria-busy')) === null);
    console.log(`scrolled to row ${COUNT + 1} in ${Date.now() - t} ms`);
    expect(await domRows()).toBeLessThan(100);
    expect(await last.getByRole('checkbox').getAttribute('aria-label')).toMatch(/^Select /);

    // Back to the middle and sorted by city: a new query starts at the top, whole roster sorted.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await eventually(async () => (await table.locator('[aria-busy="true"]').count()) === 0);
    t = Date.now();
    await table.getByRole('columnheader', { name: 'City' }).getByRole('button').click();
    await eventually(async () => ((await table.getByRole('row').nth(1).getByRole('cell').nth(4).textContent()) ?? '') === 'Анкара');
    console.log(`sorted ${COUNT + 1} by city in ${Date.now() - t} ms`);
    expect(await table.getByRole('columnheader', { name: 'City' }).getAttribute('aria-sort')).toBe('ascending');

    t = Date.now();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Талант Кадыров');
    await eventually(async () => (await page.getByText(/^[\d,]+ people$/).textContent()) !== '50,001 people');
    console.log(`searched ${COUNT + 1} in ${Date.now() - t} ms: ${await page.getByText(/^[\d,]+ people$/).textContent()}`);
    await eventually(async () => (await table.locator('[aria-busy="true"]').count()) === 0);
    const shown = (await table.getByRole('row').allTextContents()).slice(1);
    expect(shown.length).toBeGreaterThan(0);
    // Every term matches (Кадыров and Абдыкадырова alike), case- and form-insensitively.
    for (const row of shown) expect(row).toMatch(/Талант (Абды)?[Кк]адыров/);
    expect(await domRows()).toBeLessThan(100);
  });
});
