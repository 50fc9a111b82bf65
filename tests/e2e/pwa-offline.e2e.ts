/**
 * The installed PWA offline: after the first visit the service worker has precached the shell
 * (index.html, the hashed assets, the engine worker and sqlite3.wasm), so a reload with no
 * network still starts the app, opens the local database and accepts edits, which sync once
 * the network is back. Built with Vite, served by the real server (with its CSP), driven in
 * headless Chromium on an on-disk profile, by role and label only.
 */

import Database from 'better-sqlite3';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ky, signUpInApp, startPwa, waitForText, type PwaEnv } from '../kit/pwa.ts';
import { eventually, startTestServer } from '../kit/server.ts';

describe('the PWA offline, from its service worker', () => {
  let env: PwaEnv;

  beforeAll(async () => {
    env = await startPwa('mekendesh-pwa-offline-');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('ships a manifest with icons, served under the CSP', async () => {
    const res = await fetch(new URL('/manifest.webmanifest', env.server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/manifest\+json|json/);
    expect(res.headers.get('content-security-policy')).toContain("manifest-src 'self'");
    const manifest = (await res.json()) as { name: string; short_name: string; lang: string; start_url: string; display: string; icons: { src: string; sizes: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: 'Мекендеш', short_name: 'Мекендеш', lang: 'ky', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const png = await fetch(new URL(icon.src, env.server.url));
      expect(png.headers.get('content-type'), icon.src).toBe('image/png');
      expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString(), icon.src).toBe('PNG');
    }
    // Everything the page needs offline is in the precache list, and nothing under /api.
    const sw = await readFile(join(env.dist, 'sw.js'), 'utf8');
    for (const url of ['index.html', '.wasm', 'engine.worker-', 'assets/index-']) expect(sw, url).toContain(url);
    expect(sw).not.toMatch(/url:"\/?api\//);
  });

  it('starts, shows local data and takes edits with no network after the first visit', async () => {
    const page = await env.page();
    const context = page.context();
    const { dist, log } = env;
    await env.withLog(async () => {
      const accountId = await signUpInApp(page, env, 'Бакыт');
      const status = page.getByRole('status', { name: ky('status.label') });

      // After sign-in the app asks for persistent storage and says what the browser answered.
      const note = page.getByRole('note', { name: ky('storage.label') });
      const persistence = await eventually(async () => {
        const text = (await note.textContent()) ?? '';
        return text === ky('storage.persisted') || text === ky('storage.denied') ? text : null;
      });
      log.push(`[info] persistence: ${persistence}`);

      const profileForm = page.getByRole('form', { name: ky('profile.title') });
      const cyrillic = profileForm.getByLabel(ky('profile.nameCyrillic'), { exact: true });
      const latin = profileForm.getByLabel(ky('profile.nameLatin'), { exact: true });
      await cyrillic.fill('Бакыт Токтогулов');
      await profileForm.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, profileForm, [ky('profile.saved')]);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      await eventually(() => env.server.store.records.get('profiles', accountId)?.nameCyrillic === 'Бакыт Токтогулов');

      // The service worker has installed (precached the shell) and controls the page.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
      });

      // Offline reload: the page comes from the service worker, the local data opens. Offline
      // for real: the browser's emulation does not always reach a worker started by a reload,
      // so the server goes away too, and comes back on the same port and database.
      const { port, dataDir } = env.server;
      await env.server.close();
      await context.setOffline(true);
      const offlineLoad = await page.reload();
      expect(offlineLoad?.fromServiceWorker()).toBe(true);
      await page.getByRole('heading', { name: ky('profile.title') }).waitFor();
      await waitForText(page, status, [ky('sync.offline')]);
      await eventually(async () => (await cyrillic.inputValue()) === 'Бакыт Токтогулов');

      // Edit offline: saved on this device only.
      await latin.fill('Bakyt Toktogulov');
      await profileForm.getByRole('button', { name: ky('profile.save') }).click();
      await waitForText(page, profileForm, [ky('profile.saved')]);
      await waitForText(page, status, [ky('sync.offline'), ky('sync.pending', { count: 1 })]);

      // Reload again, still offline: the edit is there, still waiting.
      expect((await page.reload())?.fromServiceWorker()).toBe(true);
      await waitForText(page, status, [ky('sync.offline'), ky('sync.pending', { count: 1 })]);
      await eventually(async () => (await latin.inputValue()) === 'Bakyt Toktogulov');

      // Nothing reached the server while offline.
      const onDisk = new Database(join(dataDir, 'mekendesh.db'), { readonly: true });
      const data = onDisk.prepare('SELECT data FROM profiles WHERE id = ?').get(accountId) as { data: string };
      onDisk.close();
      expect(JSON.parse(data.data).nameLatin).toBeUndefined();

      // Online again: it syncs.
      const restarted = await startTestServer({ staticDir: dist, port, dataDir });
      env.server = { ...restarted, stop: async () => { await restarted.close(); await rm(dataDir, { recursive: true, force: true }); } };
      await context.setOffline(false);
      await waitForText(page, status, [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
      await eventually(() => env.server.store.records.get('profiles', accountId)?.nameLatin === 'Bakyt Toktogulov');

      // Offline failures are expected (the session check, sync, the SW's update check); nothing else.
      const unexpected = env.unexpectedErrors(/401|ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i);
      expect(unexpected).toEqual([]);
    });
  });
});
