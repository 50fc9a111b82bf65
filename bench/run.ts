/**
 * `pnpm bench`: runs every benchmark and prints its figures with the machine they ran on.
 * Each benchmark compares against a baseline measured in the same process and run, because
 * these machines are noisy: read the ratios, not the absolute times.
 *
 * Options: `--only sync|search|search-browser|coldstart|wasm|roster|import|workspace|credentials|audit`, `--profiles 100000` (sync),
 * `--rows 20000` (wasm; roster: 50000), `--import-rows 50000` (import), `--seconds 20` (workspace: the latency run).
 * Results also go to bench/.out/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchResult } from './types.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    profiles: { type: 'string' },
    rows: { type: 'string' },
    'import-rows': { type: 'string' },
    seconds: { type: 'string' },
  },
});

const machine = {
  date: new Date().toISOString(),
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadBefore: loadavg().map((l) => l.toFixed(2)).join(' '),
};
process.stdout.write(`Machine: ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadBefore}, ${machine.date}\n\n`);

const suites: { name: string; run: () => Promise<BenchResult[]> }[] = [
  {
    name: 'sync',
    run: async () => (await import('./sync.bench.ts')).default(values.profiles ? Number(values.profiles) : 100_000),
  },
  {
    name: 'search',
    run: async () => (await import('./search.bench.ts')).default(values.profiles ? Number(values.profiles) : 100_000),
  },
  {
    name: 'roster',
    run: async () => (await import('./roster.bench.ts')).default(values.rows ? Number(values.rows) : 50_000),
  },
  {
    name: 'search-browser',
    run: async () => (await import('./search-fts-browser.bench.ts')).default(values.profiles ? Number(values.profiles) : 100_000),
  },
  {
    name: 'coldstart',
    run: async () => (await import('./cold-start.bench.ts')).default(values.profiles ? Number(values.profiles) : 100_000),
  },
  {
    name: 'wasm',
    run: async () => (await import('./wasm-vs-native.bench.ts')).default(values.rows ? Number(values.rows) : undefined),
  },
  {
    name: 'import',
    run: async () => (await import('./import.bench.ts')).default(values['import-rows'] ? Number(values['import-rows']) : 50_000),
  },
  {
    name: 'workspace',
    run: async () => (await import('./workspace.bench.ts')).default(values.seconds ? { seconds: Number(values.seconds) } : {}),
  },
  {
    name: 'credentials',
    run: async () => (await import('./credentials.bench.ts')).default(1_000),
  },
  {
    name: 'audit',
    run: async () => (await import('./audit.bench.ts')).default(100_000),
  },
];

const all: Record<string, BenchResult[]> = {};
for (const suite of suites) {
  if (values.only && values.only !== suite.name) continue;
  process.stdout.write(`## ${suite.name}\n\n| figure | value |\n|---|---|\n`);
  const results = await suite.run();
  all[suite.name] = results;
  for (const r of results) process.stdout.write(`| ${r.name} | ${r.value.toLocaleString('en')} ${r.unit}${r.note ? ` (${r.note})` : ''} |\n`);
  process.stdout.write('\n');
}

const out = join(import.meta.dirname, '.out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.json'), JSON.stringify({ machine, results: all }, null, 2));
