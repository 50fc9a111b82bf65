/**
 * The PWA under test: built with Vite into a temp folder, served by the real server (its static
 * files with the app's CSP, and the API on the same origin), and opened in headless Chromium on
 * an on-disk profile. Shared by the `tests/e2e/pwa*.e2e.ts` files.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buildPwa } from '../../pwa/build.ts';
import { loadAllLocales, t, type Key } from '../../pwa/src/i18n/index.ts';
// Strings that the app loads with a screen's chunk: registered here so tests can name them.
import '../../pwa/src/i18n/workspace.ts';
import { launchChromiumProfile } from './chromium.ts';
import { startTestServer } from './server.ts';

// The app loads Russian and English when chosen; tests name things in every language.
await loadAllLocales();

export const ky = (key: Key, args?: Record<string, string | number>) => t('ky', key, args);
export const en = (key: Key, args?: Record<string, string | number>) => t('en', key, args);

/** Waits until `locator`'s text contains every one of `texts`. */
export async function waitForText(page: Page, locator: Locator, texts: string[], timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = (await locator.textContent().catch(() => '')) ?? '';
    if (texts.every((x) => last.includes(x))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${JSON.stringify(texts)} in ${JSON.stringify(last)}`);
}

export interface PwaEnv {
  /** Replaceable: a test may stop the server and start another on the same port and data. */
  server: Awaited<ReturnType<typeof startTestServer>>;
  dist: string;
  /** The page's console and errors, for failure messages and "nothing else failed" checks. */
  log: string[];
  /** The browser's first page, logging into `log`. */
  page(): Promise<Page>;
  /** The page's errors other than those expected (`allowed`). */
  unexpectedErrors(allowed: RegExp): string[];
  /** Runs `fn`, adding the tail of the browser console to any failure. */
  withLog<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startPwa(prefix = 'mekendesh-pwa-'): Promise<PwaEnv> {
  const dist = await mkdtemp(join(tmpdir(), prefix));
  await buildPwa({ outDir: dist, logLevel: 'silent' });
  const server = await startTestServer({ staticDir: dist });
  const chromium = await launchChromiumProfile();
  const log: string[] = [];
  const env: PwaEnv = {
    server,
    dist,
    log,
    async page() {
      const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
      page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
      return page;
    },
    unexpectedErrors: (allowed) => log.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) && !allowed.test(l)),
    async withLog(fn) {
      try {
        return await fn();
      } catch (err) {
        const tail = log.slice(-30).join('\n');
        throw err instanceof Error ? Object.assign(err, { message: `${err.message}\nbrowser console:\n${tail}` }) : err;
      }
    },
    async close() {
      await chromium.close();
      await env.server.stop();
      await rm(dist, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * Signs up in the app (Kyrgyz, the default language), waits until sync is idle, and returns
 * the new account's id.
 */
export async function signUpInApp(page: Page, env: PwaEnv, name: string): Promise<string> {
  await page.goto(env.server.url);
  await page.getByLabel(ky('auth.displayName')).fill(name);
  await page.getByLabel(ky('auth.email')).fill(`user.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`);
  await page.getByLabel(ky('auth.password')).fill('correct horse battery');
  await page.getByRole('button', { name: ky('auth.signUp'), exact: true }).click();
  await waitForText(page, page.getByRole('status', { name: ky('status.label') }), [ky('sync.idle'), ky('sync.pending', { count: 0 })]);
  const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()));
  return (session as { account: { id: string } }).account.id;
}
