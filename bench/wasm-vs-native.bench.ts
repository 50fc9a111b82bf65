/**
 * The store workload (bench/store-workload.ts) on better-sqlite3 over a real file in WAL mode
 * (as the server runs it) in this Node process, and on sqlite-wasm over OPFS (SAH-pool VFS)
 * in a worker of headless Chromium. Each side runs 3 times; per phase the median is reported,
 * with the ratio wasm/native.
 *
 * Direct run: `pnpm tsx bench/wasm-vs-native.bench.ts [rows]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { betterSqlite3Driver, type SqlDriver } from '@mekendesh/store';
import { startBrowserStore } from '../tests/kit/browser-store/build.ts';
import { runStoreWorkload, type PhaseTiming, type WorkloadPhase } from './store-workload.ts';
import type { BenchResult } from './types.ts';

export const ROWS = 20_000;
export const RUNS = 3;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const readPragmas = (db: SqlDriver, names: readonly string[]) =>
  Object.fromEntries(names.map((p) => [p, String(Object.values(db.get(`PRAGMA ${p}`) ?? {})[0])]));

const PRAGMAS = ['journal_mode', 'synchronous', 'page_size', 'cache_size'] as const;
const describePragmas = (p: Record<string, string>) => PRAGMAS.map((k) => `${k}=${p[k]}`).join(' ');

/** better-sqlite3 on a fresh file per run, WAL + synchronous=FULL like server/src/db.ts. */
async function runNative(rows: number, runs: number): Promise<{ timings: PhaseTiming[][]; pragmas: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mekendesh-bench-native-'));
  const timings: PhaseTiming[][] = [];
  let pragmas: Record<string, string> = {};
  try {
    for (let r = 0; r < runs; r++) {
      timings.push(
        runStoreWorkload(() => {
          const raw = new Database(join(dir, `bench-${r}.db`));
          raw.pragma('journal_mode = WAL');
          raw.pragma('synchronous = FULL');
          const db = betterSqlite3Driver(raw);
          pragmas = readPragmas(db, PRAGMAS);
          return db;
        }, rows),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { timings, pragmas };
}

/** sqlite-wasm on OPFS in a Chromium worker, a fresh pool file per run. */
async function runWasmOpfs(rows: number, runs: number): Promise<{ timings: PhaseTiming[][]; pragmas: Record<string, string>; version: string }> {
  const store = await startBrowserStore();
  try {
    const info = await store.run({ cmd: 'info' });
    const timings: PhaseTiming[][] = [];
    let pragmas: Record<string, string> = {};
    for (let r = 0; r < runs; r++) {
      const reply = await store.run({ cmd: 'bench', rows });
      timings.push(reply.timings);
      pragmas = reply.pragmas;
    }
    return { timings, pragmas, version: `${info.sqliteVersion}, vfs ${info.vfs}` };
  } catch (err) {
    if (store.log.length) (err as Error).message += `\nbrowser console:\n${store.log.join('\n')}`;
    throw err;
  } finally {
    await store.close();
  }
}

const phasesOf = (runs: PhaseTiming[][]) => [...new Set(runs.flat().map((t) => t.phase))];
const samplesOf = (runs: PhaseTiming[][], phase: WorkloadPhase) =>
  runs.map((run) => run.find((t) => t.phase === phase)?.ms ?? Number.NaN);
const listSamples = (xs: readonly number[]) => `runs ${xs.map((x) => x.toFixed(0)).join('/')} ms`;

export default async function run(rows = ROWS, runs = RUNS): Promise<BenchResult[]> {
  const native = await runNative(rows, runs);
  const wasm = await runWasmOpfs(rows, runs);
  const results: BenchResult[] = [];
  const sample = `${rows} rows, median of ${runs}`;
  for (const phase of phasesOf(native.timings)) {
    const ns = samplesOf(native.timings, phase);
    const ws = samplesOf(wasm.timings, phase);
    const [n, w] = [median(ns), median(ws)];
    results.push(
      { name: `store.${phase}.native`, value: n, unit: 'ms', note: `better-sqlite3, file, ${describePragmas(native.pragmas)}; ${sample}; ${listSamples(ns)}` },
      { name: `store.${phase}.wasm_opfs`, value: w, unit: 'ms', note: `sqlite-wasm ${wasm.version} in headless Chromium worker, ${describePragmas(wasm.pragmas)}; ${sample}; ${listSamples(ws)}` },
      { name: `store.${phase}.ratio_wasm_over_native`, value: w / n, unit: 'x' },
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = process.argv[2] ? Number(process.argv[2]) : ROWS;
  const results = await run(rows);
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const value = r.unit === 'x' ? r.value.toFixed(2) : r.value.toFixed(1);
    console.log(`${r.name.padEnd(width)}  ${value.padStart(9)} ${r.unit}${r.note ? `   (${r.note})` : ''}`);
  }
}
