/**
 * Skills-bank search over 100,000 profiles (bench/search-workload.ts):
 * - in Node and in a dedicated worker of headless Chromium (the PWA's engine), with index
 *   build, snapshot save and load, and query p50/p95;
 * - against SQLite FTS5 (better-sqlite3, same profiles, same text queries): latency, and
 *   recall on misspelled and transliterated queries.
 *
 * Direct run: `pnpm tsx bench/search.bench.ts [profiles]`.
 */
import Database from 'better-sqlite3';
import { betterSqlite3Driver } from '@mekendesh/store';
import { startBrowserStore } from '../tests/kit/browser-store/build.ts';
import { runFtsComparison, runSearchWorkload, SEARCH_QUERIES, type FtsComparison } from './search-workload.ts';
import type { BenchResult } from './types.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The figures of an ours-against-FTS5 run, as ratios with the times beside them. */
export function ftsResults(c: FtsComparison, where = ''): BenchResult[] {
  return [
    { name: `${where}FTS5: index build, ${c.profiles} profiles`, value: Math.round(c.ftsBuildMs), unit: 'ms' },
    { name: `${where}text queries p50: ours / FTS5 (${c.textQueries} queries × ${c.rounds})`, value: r2(c.ours.p50 / c.fts.p50), unit: '×', note: `${r2(c.ours.p50)} ms vs ${r2(c.fts.p50)} ms` },
    { name: `${where}text queries p95: ours / FTS5`, value: r2(c.ours.p95 / c.fts.p95), unit: '×', note: `${r2(c.ours.p95)} ms vs ${r2(c.fts.p95)} ms` },
    ...c.recall.map((r) => ({ name: `${where}recall "${r.q}" (${r.wanted} profiles): ours vs FTS5`, value: r2(r.ours), unit: '', note: `FTS5 ${r2(r.fts)}` })),
  ];
}

export default async function run(profiles = 100_000): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const node = runSearchWorkload(profiles);
  const browser = await startBrowserStore();
  let chromium;
  try {
    chromium = await browser.run({ cmd: 'search-bench', profiles });
  } finally {
    await browser.close();
  }
  for (const [where, r] of [['Node', node], ['Chromium worker', chromium]] as const) {
    results.push(
      { name: `${where}: index build, ${profiles} profiles`, value: Math.round(r.buildMs), unit: 'ms', note: 'budget 4,000 ms' },
      { name: `${where}: snapshot save / load`, value: Math.round(r.loadMs), unit: 'ms (load)', note: `save ${Math.round(r.saveMs)} ms, ${(r.snapshotBytes / 1e6).toFixed(1)} MB` },
      { name: `${where}: query p50 (${SEARCH_QUERIES.length} queries × 10)`, value: r2(r.p50), unit: 'ms' },
      { name: `${where}: query p95`, value: r2(r.p95), unit: 'ms', note: 'budget 15 ms' },
    );
  }
  results.push({ name: 'Chromium worker / Node, query p50', value: r2(chromium.p50 / node.p50), unit: '×' });

  // MiniSearch (ours) against FTS5 on the same profiles and text queries, in this process
  // (the same comparison in Chromium: bench/search-fts-browser.bench.ts).
  results.push(...ftsResults(runFtsComparison(betterSqlite3Driver(new Database(':memory:')), profiles)));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(n)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
