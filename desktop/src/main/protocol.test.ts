import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsp } from '../shared/csp.ts';
import { serverOriginOf } from './config.ts';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME_DEFINITION, createAppProtocolHandler, isAppUrl } from './protocol.ts';

const CSP = buildCsp('https://sync.mekendesh.example');
let root: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'mekendesh-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>m</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  // Next to the renderer folder, where a traversal would land.
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  handler = createAppProtocolHandler({ rootDir: root, csp: CSP });
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is standard and secure, without CSP bypass, CORS or service workers', () => {
    expect(APP_SCHEME_DEFINITION).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
    expect(APP_ENTRY).toBe(`${APP_ORIGIN}/index.html`);
    expect(isAppUrl('app://mekendesh/x')).toBe(true);
    expect(isAppUrl('app://user@mekendesh/x')).toBe(false);
    expect(isAppUrl('file:///x')).toBe(false);
  });

  it('serves the renderer files with their type, index.html for / and client-side routes', async () => {
    const index = await get('app://mekendesh/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>m</title>');
    const js = await get('app://mekendesh/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://mekendesh/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get('app://mekendesh/roster/members')).text()).toContain('<title>m</title>');
    const head = await get('app://mekendesh/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves anything outside the renderer folder, another host, or other methods', async () => {
    const cases: [string, string, number][] = [
      ['app://mekendesh/../secret.txt', 'GET', 404],
      ['app://mekendesh/%2e%2e/secret.txt', 'GET', 404],
      ['app://mekendesh/assets/..%2f..%2fsecret.txt', 'GET', 404],
      ['app://mekendesh/..%5csecret.txt', 'GET', 404],
      ['app://mekendesh/%00index.html', 'GET', 404],
      ['app://mekendesh/%E0%A4%A', 'GET', 404],
      ['app://mekendesh/missing.js', 'GET', 404],
      ['app://other/index.html', 'GET', 404],
      ['app://mekendesh/index.html', 'POST', 405],
    ];
    for (const [url, method, status] of cases) {
      const res = await get(url, method);
      expect(res.status, `${method} ${url}`).toBe(status);
      expect(await res.text(), url).not.toContain('secret');
    }
  });

  it('puts the CSP and the other security headers on every response, errors included', async () => {
    for (const [url, method] of [
      ['app://mekendesh/', 'GET'],
      ['app://mekendesh/assets/app.js', 'GET'],
      ['app://mekendesh/missing.js', 'GET'],
      ['app://mekendesh/../secret.txt', 'GET'],
      ['app://mekendesh/', 'PUT'],
    ] as const) {
      const res = await get(url, method);
      expect(res.headers.get('content-security-policy'), url).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('the CSP', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

  it('allows only the app itself and the configured server; no inline script, no eval, no frames', () => {
    const d = directives(CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'https://sync.mekendesh.example']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https:(?!\/\/)|http:(?!\/\/)|file:/);
  });

  it('the server must be https, or http on loopback only; credentials in the URL are refused', () => {
    expect(serverOriginOf('https://sync.mekendesh.example/api/')).toBe('https://sync.mekendesh.example');
    expect(serverOriginOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(serverOriginOf('http://localhost:8787/x')).toBe('http://localhost:8787');
    for (const bad of ['http://sync.mekendesh.example', 'ws://127.0.0.1', 'file:///x', 'https://u:p@x.example', "https://x.example'; script-src *", 'nonsense']) {
      expect(() => serverOriginOf(bad), bad).toThrow();
    }
  });
});
