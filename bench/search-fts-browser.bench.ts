/**
 * MiniSearch (ours, `@mekendesh/search`) against SQLite FTS5 in the browser: both in one
 * dedicated worker of headless Chromium (on-disk profile), FTS5 on sqlite-wasm over the OPFS
 * SAH-pool VFS as the PWA stores its data, on the same 100,000 profiles
 * (bench/search-workload.ts) and the same text queries: latency p50/p95 as ratios measured in
 * the same worker, and recall on misspelled and transliterated queries.
 *
 * Direct run: `pnpm tsx bench/search-fts-browser.bench.ts [profiles]`.
 */
import { startBrowserStore } from '../tests/kit/browser-store/build.ts';
import { ftsResults } from './search.bench.ts';
import type { BenchResult } from './types.ts';

export default async function run(profiles = 100_000): Promise<BenchResult[]> {
  const browser = await startBrowserStore();
  try {
    const info = await browser.run({ cmd: 'info' });
    const c = await browser.run({ cmd: 'fts-bench', profiles });
    const [build, ...rest] = ftsResults(c, 'Chromium worker: ');
    return [{ ...build!, note: `sqlite-wasm ${info.sqliteVersion} on OPFS (VFS ${info.vfs})` }, ...rest];
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(n)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
