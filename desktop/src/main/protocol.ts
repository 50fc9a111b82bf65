/**
 * The renderer is served from `app://mekendesh/`, a custom scheme, rather than `file:`: it
 * gets a real origin (so `'self'` in the CSP and the IPC sender check mean "our files"), its
 * responses carry our headers, and it can read nothing outside the built renderer folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mekendesh';
/** Origin of the renderer, as Chromium writes it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * `standard` (URLs with a host and an origin), `secure` (a secure context, like https),
 * `supportFetchAPI` (fetch of our own files), `codeCache`. Deliberately not `bypassCSP`,
 * `corsEnabled`, `allowServiceWorkers` or `stream`.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True for `app://mekendesh/…` (no credentials, no port): the only place the window may be. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Headers on every response of the scheme, errors included. */
export function appHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The `protocol.handle('app', …)` handler: files of `rootDir` only, `index.html` for `/` and
 * for extension-less paths (client-side routes), 404 otherwise; GET and HEAD only.
 */
export function createAppProtocolHandler(opts: { rootDir: string; csp: string }): (request: Request) => Promise<Response> {
  const root = resolve(opts.rootDir);
  const headers = appHeaders(opts.csp);
  const fail = (status: number) => new Response(null, { status, headers });

  const fileOf = (pathname: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const file = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
    // `resolve` has removed every `..`: anything not below the root was an escape attempt.
    return file.startsWith(root + sep) ? file : null;
  };
  const isFile = async (file: string) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    if (!isAppUrl(request.url)) return fail(404);
    let file = fileOf(new URL(request.url).pathname);
    if (!file) return fail(404);
    if (!(await isFile(file))) {
      if (extname(file) !== '') return fail(404);
      file = resolve(root, 'index.html');
      if (!(await isFile(file))) return fail(404);
    }
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    });
  };
}
