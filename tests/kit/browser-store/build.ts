import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumProfile, serveStatic, type StaticServer } from '../chromium.ts';
// Types only: importing the worker's values would run it in Node.
import type { WorkerReplies, WorkerRequest } from './worker.ts';

export type { BenchReply, ContractResult, InfoReply, WorkerReplies, WorkerRequest } from './worker.ts';

const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * The page: starts the worker and exposes `window.runInWorker(msg)`, which resolves with the
 * worker's answer or rejects with its error (also when the worker fails to load).
 */
const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>mekendesh browser store</title></head>
<body>
<script type="module">
const worker = new Worker('./worker.js', { type: 'module' });
const pending = new Map();
let seq = 0;
worker.addEventListener('message', (e) => {
  const { id, ok, value, error } = e.data;
  const p = pending.get(id);
  if (!p) return;
  pending.delete(id);
  if (ok) p.resolve(value); else p.reject(new Error(error));
});
worker.addEventListener('error', (e) => {
  const err = new Error('worker failed: ' + (e.message || 'could not load worker.js (see the console)'));
  for (const p of pending.values()) p.reject(err);
  pending.clear();
});
window.runInWorker = (msg) => new Promise((resolve, reject) => {
  const id = ++seq;
  pending.set(id, { resolve, reject });
  worker.postMessage({ id, msg });
});
</script>
</body>
</html>
`;

/**
 * Bundles the worker (ESM, browser) into `outDir` with the page and `sqlite3.wasm`.
 * sqlite-wasm finds its wasm with `new URL('sqlite3.wasm', import.meta.url)`; esbuild keeps
 * `import.meta.url` in an ESM bundle, so the wasm must sit next to `worker.js`.
 */
export async function buildBrowserStore(outDir: string): Promise<{ outDir: string }> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [WORKER_ENTRY],
    outfile: join(outDir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'silent',
    // The store and core are TypeScript sources with `.ts` imports; esbuild reads them as is.
  });
  const bundle = await readFile(join(outDir, 'worker.js'), 'utf8');
  if (!bundle.includes('new URL("sqlite3.wasm", import.meta.url)')) {
    throw new Error('sqlite-wasm no longer locates sqlite3.wasm via import.meta.url: update buildBrowserStore');
  }
  const require = createRequire(import.meta.url);
  await copyFile(require.resolve('@sqlite.org/sqlite-wasm/sqlite3.wasm'), join(outDir, 'sqlite3.wasm'));
  await writeFile(join(outDir, 'index.html'), INDEX_HTML);
  return { outDir };
}

/** A running browser store: a page whose worker holds sqlite-wasm on OPFS. */
export interface BrowserStore {
  /** A persistent context on a temp profile (OPFS on disk, as for a user). */
  context: BrowserContext;
  page: Page;
  url: string;
  /** Sends one request to the worker and resolves with its answer. */
  run<C extends WorkerRequest['cmd']>(msg: Extract<WorkerRequest, { cmd: C }>): Promise<WorkerReplies[C]>;
  /** Reloads the page: the old worker dies, a new one starts on the same OPFS. */
  reload(): Promise<void>;
  /** Console output of the page and its worker, for error messages. */
  log: string[];
  close(): Promise<void>;
}

const pageReady = (page: Page) =>
  page.waitForFunction(() => typeof (window as unknown as { runInWorker?: unknown }).runInWorker === 'function');

/**
 * Builds the bundle into a temp dir, serves it on 127.0.0.1, launches Chromium on a fresh
 * on-disk profile (so OPFS starts empty) and opens the page. `close()` undoes all of it.
 */
export async function startBrowserStore(): Promise<BrowserStore> {
  const dir = await mkdtemp(join(tmpdir(), 'mekendesh-browser-store-'));
  let server: StaticServer | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromiumProfile>> | undefined;
  try {
    await buildBrowserStore(dir);
    server = await serveStatic(dir);
    chromium = await launchChromiumProfile();
    const { context } = chromium;
    const page = context.pages()[0] ?? (await context.newPage());
    const log: string[] = [];
    page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
    const { url } = server;
    await page.goto(url);
    await pageReady(page);
    const [srv, browser] = [server, chromium];
    return {
      context,
      page,
      url,
      log,
      run: (msg) =>
        page.evaluate(
          (m) => (window as unknown as { runInWorker(m: unknown): Promise<never> }).runInWorker(m),
          msg as WorkerRequest,
        ),
      reload: async () => {
        await page.reload();
        await pageReady(page);
      },
      close: async () => {
        await browser.close();
        await srv.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await chromium?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
