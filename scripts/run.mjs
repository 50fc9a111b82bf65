#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node 20 and npm:
// installs what is missing (pnpm, dependencies, Chromium for browser tests), then runs.
// Plain Node, no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'help';
const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_manage_package_manager_versions: 'false' };

function log(msg) {
  process.stderr.write(`[mekendesh] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function works(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', cwd: root, env });
  return !r.error && r.status === 0;
}

/** pnpm: the one on PATH, else a local copy in .tools/ (no root needed). */
function ensurePnpm() {
  if (works('pnpm', ['--version'])) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && works(local, ['--version'])) return local;
  log('installing pnpm 10 into .tools/ …');
  mkdirSync(join(root, '.tools'), { recursive: true });
  if (run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', join(root, '.tools'), 'pnpm@10']) !== 0) {
    throw new Error('could not install pnpm');
  }
  return local;
}

/** Installs dependencies when node_modules is missing or the lockfile changed since the last install. */
function ensureDependencies(pnpm) {
  const lock = join(root, 'pnpm-lock.yaml');
  const stamp = join(root, 'node_modules', '.mekendesh-lock-hash');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('installing dependencies (better-sqlite3 compiles from source: allow a minute or two) …');
  if (run(pnpm, ['install', '--frozen-lockfile']) !== 0) throw new Error('pnpm install failed');
  writeFileSync(stamp, hash);
}

/** Newest modification time of the files under `dir` (skipping node_modules and dist). */
function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    const s = statSync(p);
    latest = Math.max(latest, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return latest;
}

/** Builds the PWA when it has never been built, or its sources changed since. */
function ensurePwa(pnpm) {
  const index = join(root, 'pwa', 'dist', 'index.html');
  const sources = Math.max(newest(join(root, 'pwa')), newest(join(root, 'packages')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the PWA …');
  if (run(pnpm, ['--filter', '@mekendesh/pwa', 'build']) !== 0) throw new Error('the PWA build failed');
}

/** Chromium for the browser tests: Debian's package when running as root. */
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (candidates.some((p) => existsSync(p))) return;
  if (process.getuid?.() !== 0) {
    log('Chromium is missing and this is not root: install it (apt-get install chromium) or set CHROMIUM_PATH.');
    return;
  }
  log('installing Chromium (apt-get) …');
  run('apt-get', ['update', '-qq']);
  if (run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) {
    throw new Error('could not install chromium');
  }
}

try {
  const pnpm = ensurePnpm();
  ensureDependencies(pnpm);
  switch (command) {
    case 'bootstrap':
      ensureChromium();
      process.exit(0);
    case 'start':
      ensurePwa(pnpm);
      process.exit(run(pnpm, ['--filter', '@mekendesh/server', 'start']));
    case 'test': {
      ensureChromium();
      const typecheck = run(pnpm, ['typecheck']);
      if (typecheck !== 0) process.exit(typecheck);
      process.exit(run(pnpm, ['vitest', 'run', ...process.argv.slice(3)]));
    }
    default:
      log('usage: node scripts/run.mjs <start|test|bootstrap>');
      process.exit(2);
  }
} catch (err) {
  log(String(err instanceof Error ? err.message : err));
  process.exit(1);
}
