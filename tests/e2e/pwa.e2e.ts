/**
 * The PWA end to end: built with Vite into a temp folder, served by the real server (its
 * static files, with the app's Content-Security-Policy, and the API on the same origin), and
 * driven in headless Chromium on an on-disk profile (OPFS on disk, as for a user), by role and
 * label only.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en, ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually } from '../kit/server.ts';

describe('the PWA in Chromium against the real server', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('signs up, edits the profile online and offline, syncs, searches and switches language', async () => {
    const page = await env.page();
    const { server } = env;
    const context = page.context();
    await env.withLog(async () => {
      // Sign up (Kyrgyz is the default language).
      const accountId = await signUpInApp(page, env, 'Айгүл');
      const status = page.getByRole('status', { name: ky('status.label') });

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

      // The skills bank (its own page) finds the Latin name typed in Cyrillic.
      const nav = page.getByRole('navigation', { name: ky('nav.label') });
      await nav.getByRole('link', { name: ky('nav.bank') }).click();
      await expect.poll(() => nav.getByRole('link', { name: ky('nav.bank') }).getAttribute('aria-current')).toBe('page');
      await page.getByRole('searchbox', { name: ky('search.label') }).fill('Жакыпова');
      const results = page.getByRole('region', { name: ky('search.title') });
      await waitForText(page, results, [ky('search.results', { count: 1 }), 'Aigul Zhakypova']);
      expect(await results.getByRole('listitem').allTextContents()).toEqual(['Айгүл Асанова · Aigul Zhakypova']);

      // English, back on the profile page.
      await page.getByLabel(ky('shell.language'), { exact: true }).selectOption('en');
      await page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.profile') }).click();
      await page.getByRole('heading', { name: en('profile.title') }).waitFor();
      await eventually(async () => (await page.getByLabel(en('profile.nameLatin'), { exact: true }).inputValue()) === 'Aigul Zhakypova');
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
      expect(env.unexpectedErrors(/401/)).toEqual([]);
    });
  });
});
