/**
 * The PWA end to end: built with Vite into a temp folder, served by the real server (its
 * static files, with the app's Content-Security-Policy, and the API on the same origin), and
 * driven in headless Chromium on an on-disk profile (OPFS on disk, as for a user), by role and
 * label only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPwa } from '../../pwa/build.ts';
import { t, type Key } from '../../pwa/src/i18n/index.ts';
import { launchChromiumProfile } from '../kit/chromium.ts';
import { eventually, startTestServer } from '../kit/server.ts';

const ky = (key: Key, args?: Record<string, string | number>) => t('ky', key, args);
const en = (key: Key, args?: Record<string, string | number>) => t('en', key, args);

/** Waits until `locator`'s text contains every one of `texts`. */
const waitForText = async (page: Page, locator: Locator, texts: string[], timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.textContent().catch(() => '')) ?? '';
    if (texts.every((x) => last.includes(x))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${JSON.stringify(texts)} in ${JSON.stringify(last)}`);
};

describe('the PWA in Chromium against the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let chromium: Awaited<ReturnType<typeof launchChromiumProfile>>;
  let dist: string;
  const log: string[] = [];

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'mekendesh-pwa-'));
    await buildPwa({ outDir: dist, logLevel: 'silent' });
    server = await startTestServer({ staticDir: dist });
    chromium = await launchChromiumProfile();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('signs up, edits the profile online and offline, syncs, searches and switches language', async () => {
    const { context } = chromium;
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    try {
      await page.goto(server.url);

      // Sign up (Kyrgyz is the default language).
      await page.getByLabel(ky('auth.displayName')).fill('Айгүл');
      await page.getByLabel(ky('auth.email')).fill(`aigul.${Date.now()}@example.org`);
      await page.getByLabel(ky('auth.password')).fill('correct horse battery');
      await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();

      const status = page.getByRole('status', { name: ky('status.label') });
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
      const accountId = (session as { account: { id: string } }).account.id;

      // Edit the name online: it reaches the server. ("Saved" shows once the worker has applied
      // the edit locally; only then does "all synced" mean this edit too.)
      const profileForm = page.getByRole('form', { name: ky('profile.title') });
      await profileForm.getByLabel(ky('profile.nameCyrillic'), { exact: true }).fill('Айгүл Асанова');
      await profileForm.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, profileForm, [ky('profile.saved')]);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      await eventually(() => server.store.records.get('profiles', accountId)?.nameCyrillic === 'Айгүл Асанова');
      expect(await status.textContent()).toMatch(new RegExp(ky('status.lastSync', { time: '' })));

      // Offline: the edit is saved on this device only, one change pending.
      await context.setOffline(true);
      await profileForm.getByLabel(ky('profile.nameLatin'), { exact: true }).fill('Aigul Zhakypova');
      await profileForm.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, profileForm, [ky('profile.saved')]);
      await waitForText(page, status, [ky('sync.offline'), ky('sync.pending', { count: 1 })]);
      expect(server.store.records.get('profiles', accountId)?.nameLatin).toBeNull();

      // Back online: it syncs.
      await context.setOffline(false);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      await eventually(() => server.store.records.get('profiles', accountId)?.nameLatin === 'Aigul Zhakypova');

      // The skills bank finds the Latin name typed in Cyrillic.
      await page.getByRole('searchbox', { name: ky('search.label') }).fill('Жакыпова');
      const results = page.getByRole('region', { name: ky('search.title') });
      await waitForText(page, results, [ky('search.results', { count: 1 }), 'Aigul Zhakypova']);
      expect(await results.getByRole('listitem').allTextContents()).toEqual(['Айгүл Асанова · Aigul Zhakypova']);

      // English.
      await page.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      await page.getByRole('heading', { name: en('profile.title') }).waitFor();
      expect(await page.getByLabel(en('profile.nameLatin'), { exact: true }).inputValue()).toBe('Aigul Zhakypova');
      expect(await page.getByLabel(en('facet.country'), { exact: true }).count()).toBe(1);
      await waitForText(page, page.getByRole('status', { name: en('status.label') }), [en('sync.idle'), en('sync.pending', { count: 0 })]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      // A reload starts a new worker on the same OPFS pool: the session, the language and the
      // local data are all still there.
      await page.reload();
      await waitForText(page, page.getByRole('status', { name: en('status.label') }), [en('sync.idle')]);
      const latin = page.getByLabel(en('profile.nameLatin'), { exact: true });
      await eventually(async () => (await latin.inputValue()) === 'Aigul Zhakypova');

      // Nothing failed on the page; the one expected error is the signed-out session check.
      expect(log.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) && !l.includes('401'))).toEqual([]);
    } catch (err) {
      const tail = log.slice(-30).join('\n');
      throw err instanceof Error ? Object.assign(err, { message: `${err.message}\nbrowser console:\n${tail}` }) : err;
    }
  });
});
