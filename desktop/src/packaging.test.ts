/**
 * The packaging side: the electron-builder configuration (parsed and validated with
 * electron-builder's own loader and schema, then its security-relevant settings asserted), and
 * the esbuild output it packages, including the backend bundle started in plain Node.
 * Packaging itself needs the Electron binary, which this machine cannot download.
 */
import { builtinModules } from 'node:module';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop } from '../build.ts';
import { buildCsp } from './shared/csp.ts';

const desktop = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(desktop, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** electron-builder's own config loader and validator (app-builder-lib, reached through electron-builder). */
function builderConfigApi() {
  const fromBuilder = createRequire(createRequire(join(desktop, 'package.json')).resolve('electron-builder/package.json'));
  const config = fromBuilder('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, any>>;
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  return { ...config, logger: new DebugLogger(false) };
}

describe('electron-builder configuration', () => {
  let config: Record<string, any>;
  const api = builderConfigApi();
  beforeAll(async () => {
    config = await api.getConfig(desktop, 'electron-builder.yml', null);
  });

  it('passes electron-builder’s schema (and a wrong key would not)', async () => {
    await expect(api.validateConfiguration(config, api.logger)).resolves.toBeUndefined();
    await expect(api.validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, api.logger)).rejects.toThrow(/configuration/);
  });

  it('names the app and builds AppImage and deb, NSIS, dmg; publishes nothing', () => {
    expect(config.appId).toBe('kg.mekendesh.desktop');
    expect(config.productName).toBe('Mekendesh');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.publish).toBeNull();
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux.category).toBe('Office');
    expect(config.directories.buildResources).toBe('build');
    const icon = readFileSync(join(desktop, 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('NSIS installs per user, without elevation, and keeps the data on uninstall', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, deleteAppDataOnUninstall: false });
  });

  it('packages only the built output, in an asar, with better-sqlite3 rebuilt for Electron and unpacked', () => {
    expect(config.files).toEqual([{ filter: ['dist/**/*', 'package.json', '!**/*.map'] }]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node']);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(pkg.main).toBe('dist/main.cjs');
    // Everything else is bundled by esbuild; Electron and the builder are build tools.
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3']);
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
  });

  it('flips the security fuses: no run-as-node, no NODE_OPTIONS or --inspect, asar only and checked, file: without extra privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the build (esbuild)', () => {
  let out: string;
  beforeAll(async () => {
    out = await buildDesktop({ outDir: mkdtempSync(join(tmpdir(), 'mekendesh-desktop-dist-')), serverUrl: 'https://sync.mekendesh.example' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const requires = (file: string) => [...new Set([...readFileSync(join(out, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();

  it('writes main, preload, backend and the renderer (Vite: index.html and hashed assets, linked relatively)', () => {
    for (const f of ['main.cjs', 'preload.cjs', 'backend.cjs', 'renderer/index.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => /^\.\/assets\/index-[\w-]+\.js$/.test(a))).toBe(true);
    expect(assets.some((a) => /^\.\/assets\/index-[\w-]+\.css$/.test(a))).toBe(true);
    for (const a of assets) expect(existsSync(join(out, 'renderer', a)), a).toBe(true);
    // The app:// scheme has no CORS support: no crossorigin attributes.
    expect(html).not.toMatch(/crossorigin/);
    // The renderer takes nothing from Node: no require() left in its bundle.
    const js = readFileSync(join(out, 'renderer', assets.find((a) => a.endsWith('.js'))!), 'utf8');
    expect(js).not.toMatch(/\brequire\("/);
  });

  it('the sandboxed preload is one file that requires nothing but electron', () => {
    expect(requires('preload.cjs')).toEqual(['electron']);
  });

  it('main and backend bundle our packages; only electron, better-sqlite3 and Node built-ins stay outside', () => {
    const builtin = (m: string) => builtinModules.includes(m.replace(/^node:/, ''));
    expect(requires('main.cjs').filter((m) => !builtin(m))).toEqual(['electron']);
    // ws tries its optional native helpers inside try/catch and runs without them.
    expect(requires('backend.cjs').filter((m) => !builtin(m)).sort()).toEqual(['better-sqlite3', 'bufferutil', 'utf-8-validate']);
    expect(readFileSync(join(out, 'main.cjs'), 'utf8')).toContain('"https://sync.mekendesh.example"');
  });

  it('the page carries the same CSP as the header (less frame-ancestors) and no inline script', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const header = buildCsp('https://sync.mekendesh.example');
    expect(meta).toBe(header.replace("; frame-ancestors 'none'", ''));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\son\w+=/);
  });

  it('a server URL the app would refuse fails the build', async () => {
    await expect(buildDesktop({ outDir: join(out, 'bad'), serverUrl: 'http://sync.mekendesh.example' })).rejects.toThrow(/https/);
  });

  it('the bundled backend starts in plain Node, opens its database in WAL mode, and shuts down cleanly', async () => {
    const data = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-data-'));
    // Plays `process.parentPort` over Node's IPC channel (no ports: only ready and shutdown).
    const shim = join(out, 'parent-port-shim.cjs');
    writeFileSync(
      shim,
      `process.parentPort = { on: (e, l) => process.on('message', (data) => l({ data, ports: [] })), postMessage: (m) => process.send(m) };\nrequire(${JSON.stringify(join(out, 'backend.cjs'))});\n`,
    );
    try {
      const child = fork(shim, [`--data-dir=${data}`, '--app-version=7.7.7'], {
        env: { ...process.env, NODE_PATH: join(desktop, 'node_modules') },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const first = await new Promise<unknown>((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`backend exited with ${code}`)));
      });
      expect(first).toEqual({ type: 'ready' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.send({ type: 'shutdown' });
      expect(await exited).toBe(0);
      const db = new Database(join(data, 'mekendesh.db'), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) FROM _migrations').pluck().get()).toBeGreaterThan(0);
      db.close();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
