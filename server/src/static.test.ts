import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from '@mekendesh/store';
import { APP_CSP, createApp } from './app.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { memoryLogger } from './log.ts';
import { ServerStore } from './storage/server-store.ts';

const dist = mkdtempSync(join(tmpdir(), 'mekendesh-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="ky"><title>Мекендеш</title><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(dist, 'assets', 'sqlite3.wasm'), Buffer.from([0, 97, 115, 109]));

function app() {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  return createApp({ store: new ServerStore(db), logger: memoryLogger(), config: { ...DEFAULT_CONFIG, staticDir: dist } });
}

describe('serving the built PWA', () => {
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves files with their types and a strict CSP; other paths get the app page', async () => {
    const a = app();
    const js = await a.request('/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(APP_CSP);
    const wasm = await a.request('/assets/sqlite3.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    for (const path of ['/', '/profile', '/search?q=Ош']) {
      const page = await a.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('never serves outside the folder, and unknown API paths stay JSON 404s', async () => {
    const a = app();
    const escape = await a.request('/assets/../../etc/passwd');
    expect(await escape.text()).not.toContain('root:');
    const api = await a.request('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toBe('not_found');
  });
});
