/**
 * Builds the desktop app into `dist/` with esbuild: `main.cjs`, `preload.cjs` (sandboxed
 * preloads cannot `require` our modules, so it is one file), `backend.cjs` (the utility
 * process; better-sqlite3 stays external, a native module rebuilt for Electron at packaging)
 * and `renderer/` (the React UI, built by Vite from `renderer/`: `index.html`, `assets/`).
 *
 *   pnpm --filter @mekendesh/desktop build
 *
 * `MEKENDESH_SERVER_URL` at build time sets the server the app talks to (default: the local
 * development server); it also goes into the renderer's CSP.
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';
import { rendererConfig } from './renderer/vite.config.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_SERVER_URL, serverOriginOf } from './src/main/config.ts';
import { buildCsp } from './src/shared/csp.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Builds into `outDir` (default `desktop/dist`); returns the folder. */
export async function buildDesktop(opts: { outDir?: string; serverUrl?: string; minify?: boolean } = {}): Promise<string> {
  const outDir = opts.outDir ?? join(here, 'dist');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'renderer'), { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    minify: opts.minify ?? false,
    logLevel: 'warning',
    legalComments: 'none',
    // Electron 45 runs Node 22 and Chromium 142.
    target: ['node22', 'chrome142'],
  };
  const serverUrl = opts.serverUrl || process.env.MEKENDESH_SERVER_URL || DEV_SERVER_URL;
  // Fails the build for a URL the app would refuse (not https, not loopback).
  const csp = buildCsp(serverOriginOf(serverUrl));
  await Promise.all([
    build({
      ...common,
      platform: 'node',
      entryPoints: [join(here, 'src/main/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      external: ['electron'],
      define: { MEKENDESH_SERVER_URL: JSON.stringify(serverUrl) },
    }),
    build({
      ...common,
      // A sandboxed preload has no Node: `browser` makes a stray Node import fail the build.
      platform: 'browser',
      entryPoints: [join(here, 'src/preload/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: ['electron'],
    }),
    build({
      ...common,
      platform: 'node',
      entryPoints: [join(here, 'src/backend/main.ts')],
      outfile: join(outDir, 'backend.cjs'),
      // ws's optional native speed-ups (bufferutil, utf-8-validate) are not shipped: ws falls back to JS.
      external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
    }),
  ]);
  // The page's own copy of the policy, identical to the header the app:// handler sends.
  const metaCsp = csp.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
  // A production build even when started from a test runner: Vite and the React plugin take
  // NODE_ENV (`test` under vitest) over the mode, and would mix development JSX with production React.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild(rendererConfig({ outDir: join(outDir, 'renderer'), csp: metaCsp, minify: opts.minify ?? true }));
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildDesktop();
  console.log(`built ${out}`);
}
