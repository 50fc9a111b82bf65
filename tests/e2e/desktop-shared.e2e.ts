/**
 * The screens the desktop shares with the PWA, in headless Chromium over the real desktop
 * backend (the same engine as the PWA's worker, on better-sqlite3) and the real server: the
 * leader edits their own profile, searches the skills bank and opens a compatriot (a private
 * phone is not there), posts an offer, in the desktop's language, and it all syncs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t as desktopT } from '../../desktop/renderer/src/i18n/index.ts';
import { buildRenderer, startDesktop, type DesktopHarness } from '../kit/desktop.ts';
import { en, ky, waitForText } from '../kit/pwa.ts';
import { eventually, openClient, signUp, startTestServer, type TestUser } from '../kit/server.ts';

const PRIVATE_PHONE = '+996555000111';
const shot = (page: Page, name: string) =>
  process.env.MEKENDESH_SCREENSHOTS === '1' ? page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots', name), fullPage: true }) : null;

describe('the shared screens in the desktop app', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let dataDir: string;
  let leader: TestUser;
  let build: { dir: string; remove(): void };
  let h: DesktopHarness;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-shared-'));
    [server, build] = await Promise.all([startTestServer(), buildRenderer()]);
    leader = await signUp(server.url, 'Leader');
    // A compatriot with a private phone, in the skills bank.
    const bakyt = await signUp(server.url, 'Bakyt');
    const c = openClient(server, bakyt);
    try {
      c.client.mutate('profile.update', {
        id: bakyt.account.id,
        patch: { nameCyrillic: 'Бакыт Токтогулов', nameLatin: 'Bakyt Toktogulov', country: 'RU', city: 'Москва', sectors: ['construction'], skills: ['construction.welding'], phone: PRIVATE_PHONE },
      });
      await c.client.syncNow();
    } finally {
      await c.close();
    }
    h = await startDesktop({ rendererDir: build.dir, serverUrl: server.url, dataDir });
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('edits the profile, searches the skills bank, opens a compatriot and posts an offer, all synced', async () => {
    const d = (key: Parameters<typeof desktopT>[1]) => desktopT('en', key);
    await page.getByRole('combobox', { name: 'Тил' }).selectOption('en');
    await page.getByLabel(d('signIn.email')).fill(leader.email);
    await page.getByLabel(d('signIn.password')).fill(leader.password);
    await page.getByRole('button', { name: d('signIn.submit') }).click();

    const areas = page.getByRole('navigation', { name: d('area.label') });
    await areas.getByRole('button', { name: d('area.app') }).click();
    expect(await areas.getByRole('button', { name: d('area.app') }).getAttribute('aria-current')).toBe('page');
    const nav = page.getByRole('navigation', { name: en('nav.label') });
    expect(await nav.getByRole('link', { name: en('nav.profile') }).getAttribute('aria-current')).toBe('page');

    // The leader's own profile: the PWA's form, saved through the backend's engine.
    const profile = page.getByRole('form', { name: en('profile.title') });
    await profile.getByLabel(en('profile.nameLatin'), { exact: true }).fill('Asel Leader');
    await profile.getByRole('button', { name: en('profile.save') }).click();
    await waitForText(page, profile, [en('profile.saved')]);
    await shot(page, 'desktop-shared-profile-en.png');
    await eventually(() => server.store.records.get('profiles', leader.account.id)?.nameLatin === 'Asel Leader', 15_000);

    // The skills bank, searched offline-capable on the backend's index.
    await nav.getByRole('link', { name: en('nav.bank') }).click();
    const bank = page.getByRole('region', { name: en('search.title') });
    await bank.getByRole('searchbox', { name: en('search.label') }).fill('Toktogulv');
    const hits = bank.getByRole('list', { name: en('search.results.label') }).getByRole('button');
    await eventually(async () => (await hits.allTextContents()).join() === 'Бакыт Токтогулов · Bakyt Toktogulov', 15_000);
    await shot(page, 'desktop-shared-bank-en.png');
    await hits.first().click();
    await page.getByRole('heading', { name: 'Бакыт Токтогулов' }).waitFor();
    expect(await page.getByText(PRIVATE_PHONE).count()).toBe(0);
    await page.getByRole('button', { name: en('compatriot.back') }).click();

    // An offer, posted from the desktop.
    await nav.getByRole('link', { name: en('nav.offers') }).click();
    const mine = page.getByRole('region', { name: en('offers.title') });
    await mine.getByRole('button', { name: en('offers.new') }).click();
    const form = page.getByRole('form', { name: en('offers.new') });
    await form.getByLabel(en('offers.titleField'), { exact: true }).fill('Accounting lessons for village schools');
    await form.getByLabel(en('transfer.addSkill'), { exact: true }).selectOption('construction.roofing');
    await form.getByRole('checkbox', { name: en('format.remote_mentoring') }).check();
    await form.getByRole('group', { name: en('offers.regions') }).getByRole('checkbox').first().check();
    await form.getByRole('button', { name: en('offers.create') }).click();
    await waitForText(page, mine.getByRole('article', { name: 'Accounting lessons for village schools' }), [en('transfer.status.open')]);
    await eventually(() => server.store.records.where('offers', 'account_id = ?', [leader.account.id]).length === 1, 15_000);

    // The desktop's language switch changes the shared screens too.
    await page.getByRole('combobox', { name: d('shell.language') }).selectOption('ky');
    await page.getByRole('navigation', { name: ky('nav.label') }).getByRole('link', { name: ky('nav.offers') }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ky');

    // Back to the associations: the desktop's own screens, unstyled by the PWA's sheet.
    await page.getByRole('navigation', { name: desktopT('ky', 'area.label') }).getByRole('button', { name: desktopT('ky', 'area.associations') }).click();
    await page.getByRole('heading', { name: desktopT('ky', 'associations.title') }).waitFor();
  });
});
