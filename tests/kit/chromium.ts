import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Flags for a quiet, offline, headless Chromium (the system one; never `playwright install`). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const executablePath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium. Each `browser.newContext()` is a fresh off-the-record
 * (incognito) profile. Beware for storage tests: there OPFS lives in the browser process's
 * memory and every sync-access-handle call is a synchronous IPC (about 1 ms each here,
 * against 2 to 60 µs on disk), so use {@link launchChromiumProfile} to measure or to
 * test OPFS.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Launches headless Chromium on a fresh on-disk profile in a temp dir (a persistent
 * context), so OPFS is backed by real files as for a user. `close()` also deletes the dir.
 */
export async function launchChromiumProfile(): Promise<{ context: BrowserContext; userDataDir: string; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'mekendesh-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executablePath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return {
      context,
      userDataDir,
      close: async () => {
        await context.close().catch(() => {});
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (a free port), with the MIME types browsers insist on. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
        let file = normalize(join(root, pathname));
        if (file !== root && !file.startsWith(root + sep)) {
          res.writeHead(403).end();
          return;
        }
        if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
