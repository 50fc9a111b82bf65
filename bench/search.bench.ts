/**
 * The skills-bank search over N demo profiles (as a signed-in member sees them), in Node:
 * index build, snapshot save and load, and query latency for a mix of name, place, skill,
 * transliterated, misspelled and faceted queries. The baseline is a scan of the same profiles
 * with the same filters and a plain substring test, run in the same process.
 *
 * Direct run: `pnpm tsx bench/search.bench.ts [profiles]`.
 */
import { join } from 'node:path';
import type { ProfileView } from '@mekendesh/core';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { ProfileSearch, type SearchQuery } from '@mekendesh/search';
import { decodeTableRows } from '@mekendesh/store';
import { tempDir } from '../tests/kit/server.ts';
import type { BenchResult } from './types.ts';

const QUERIES: SearchQuery[] = [
  { text: 'Айгүл' },
  { text: 'Aigul' },
  { text: 'Toktogulov' },
  { text: 'Toktogulv' },
  { text: 'Бишкек' },
  { text: 'Bishkek' },
  { text: 'Osh' },
  { text: 'сварка' },
  { text: 'welding' },
  { text: 'nursing' },
  { text: 'Айг' },
  { filters: { country: ['RU'] } },
  { filters: { sector: ['construction'], language: ['tr'] } },
  { text: 'Osh', filters: { country: ['TR'], availability: ['long'] } },
  { text: 'cooking Москва' },
  { filters: { format: ['investment'], homeRegion: ['batken'] } },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export default async function run(profiles = 100_000): Promise<BenchResult[]> {
  const data = tempDir('mekendesh-bench-search-');
  try {
    const store = new ServerStore(openServerDb(join(data.dir, 'mekendesh.db')));
    await generateDemo(store, { members: profiles, seed: 3, logN: 10 });
    // What a signed-in member holds: the members-level projection of every profile.
    const views: ProfileView[] = [];
    let cursor: string | null = null;
    const reader = store.db.get<{ id: string }>("SELECT id FROM accounts WHERE id LIKE 'demo-login-%' AND roles NOT LIKE '%coordinator%'")!.id;
    for (;;) {
      const page = store.pull(reader, 'bench-search-client-01', cursor);
      for (const t of page.puts) if (t.table === 'profiles') views.push(...(decodeTableRows(t) as ProfileView[]));
      cursor = page.cursor;
      if (!page.more) break;
    }
    store.db.close();

    let t0 = performance.now();
    const index = new ProfileSearch();
    index.addAll(views);
    const buildMs = performance.now() - t0;
    t0 = performance.now();
    const json = index.toJSON();
    const saveMs = performance.now() - t0;
    t0 = performance.now();
    const loaded = ProfileSearch.fromJSON(json);
    const loadMs = performance.now() - t0;

    const times: number[] = [];
    const baseTimes: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const q of QUERIES) {
        t0 = performance.now();
        loaded.search({ ...q, limit: 20 });
        times.push(performance.now() - t0);
        // Baseline: a scan with a substring test on the visible name and city, and the filters.
        t0 = performance.now();
        const needle = (q.text ?? '').toLowerCase();
        let n = 0;
        for (const v of views) {
          if (q.filters?.country && !q.filters.country.includes(v.country ?? '')) continue;
          if (needle && !`${v.nameCyrillic ?? ''} ${v.nameLatin ?? ''} ${v.city ?? ''}`.toLowerCase().includes(needle)) continue;
          n++;
        }
        baseTimes.push(performance.now() - t0 + n * 0);
      }
    }
    const p50 = pct(times, 0.5);
    const p95 = pct(times, 0.95);
    const b50 = pct(baseTimes, 0.5);
    return [
      { name: `search index build, ${views.length} profiles (Node)`, value: Math.round(buildMs), unit: 'ms', note: 'budget 4,000 ms' },
      { name: 'search index snapshot: save (toJSON)', value: Math.round(saveMs), unit: 'ms', note: `${(json.length / 1e6).toFixed(1)} MB` },
      { name: 'search index snapshot: load (fromJSON), instead of a rebuild', value: Math.round(loadMs), unit: 'ms' },
      { name: `search query p50 (${QUERIES.length} queries × 10)`, value: Math.round(p50 * 100) / 100, unit: 'ms' },
      { name: 'search query p95', value: Math.round(p95 * 100) / 100, unit: 'ms', note: 'budget 15 ms' },
      { name: 'baseline: substring scan of name and city, p50', value: Math.round(b50 * 100) / 100, unit: 'ms' },
      { name: 'search p50 / scan p50', value: Math.round((p50 / b50) * 100) / 100, unit: '×' },
    ];
  } finally {
    data.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(n)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
