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
import { REGIONS, SETTLEMENTS, SKILLS } from '@mekendesh/core';
import { ProfileSearch } from '@mekendesh/search';
import { startBrowserStore } from '../tests/kit/browser-store/build.ts';
import { makeSearchProfiles, runSearchWorkload, SEARCH_QUERIES } from './search-workload.ts';
import type { BenchResult } from './types.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Queries a user types wrong or in the other script, with what they should find. */
const RECALL_QUERIES: { q: string; expect: (p: ReturnType<typeof makeSearchProfiles>[number]) => boolean }[] = [
  { q: 'Bishkek', expect: (p) => p.homeRegion === 'bishkek_city' },
  { q: 'Ош', expect: (p) => p.homeRegion === 'osh' || p.homeRegion === 'osh_city' },
  { q: 'Toktogulv', expect: (p) => /^Toktogul/.test(p.nameLatin?.split(' ')[1] ?? '') },
  { q: 'Токтогулов', expect: (p) => /^Toktogulov$/.test(p.nameLatin?.split(' ')[1] ?? '') },
  // The demo's own Latin spelling is "Zhamilya"; users also write "Jamilya" or "Djamilya".
  { q: 'Jamilya', expect: (p) => (p.nameCyrillic ?? '').startsWith('Жамиля ') },
  { q: 'Djamilya', expect: (p) => (p.nameCyrillic ?? '').startsWith('Жамиля ') },
  { q: 'сварка', expect: (p) => p.skills.includes('construction.welding') || p.skillsAbroad.includes('construction.welding') },
  { q: 'Naryn', expect: (p) => p.homeRegion === 'naryn' },
];

function fts5(profiles: ReturnType<typeof makeSearchProfiles>) {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')");
  const label = new Map<string, string>([
    ...SKILLS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
    ...REGIONS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
    ...SETTLEMENTS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
  ]);
  const ins = db.prepare('INSERT INTO f (id, text) VALUES (?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const p of profiles) {
      const text = [p.nameCyrillic, p.nameLatin, p.city, p.homeRegion && label.get(p.homeRegion), p.homeSettlement && label.get(p.homeSettlement), ...[...p.skills, ...p.skillsAbroad].map((s) => label.get(s))]
        .filter(Boolean)
        .join(' ');
      ins.run(p.id, text);
    }
  })();
  const buildMs = performance.now() - t0;
  const query = db.prepare('SELECT id FROM f WHERE f MATCH ? ORDER BY rank LIMIT ?');
  const run = (q: string, limit = 20) => {
    const match = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((t) => `"${t.replace(/"/g, '')}"*`).join(' AND ');
    return match ? (query.all(match, limit) as { id: string }[]).map((r) => r.id) : [];
  };
  return { buildMs, run };
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

  // MiniSearch (ours) against FTS5 on the same profiles and text queries, in this process.
  const data = makeSearchProfiles(profiles);
  const ours = new ProfileSearch();
  ours.addAll(data);
  const fts = fts5(data);
  results.push({ name: 'FTS5: index build', value: Math.round(fts.buildMs), unit: 'ms' });
  const textQueries = SEARCH_QUERIES.filter((q) => q.text && !q.filters).map((q) => q.text!);
  const oursMs: number[] = [];
  const ftsMs: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const q of textQueries) {
      let t0 = performance.now();
      ours.search({ text: q, limit: 20 });
      oursMs.push(performance.now() - t0);
      t0 = performance.now();
      fts.run(q);
      ftsMs.push(performance.now() - t0);
    }
  }
  results.push(
    { name: `text queries p50: ours / FTS5 (${textQueries.length} queries × 10)`, value: r2(pct(oursMs, 0.5) / pct(ftsMs, 0.5)), unit: '×', note: `${r2(pct(oursMs, 0.5))} ms vs ${r2(pct(ftsMs, 0.5))} ms` },
    { name: 'text queries p95: ours / FTS5', value: r2(pct(oursMs, 0.95) / pct(ftsMs, 0.95)), unit: '×', note: `${r2(pct(oursMs, 0.95))} ms vs ${r2(pct(ftsMs, 0.95))} ms` },
  );
  for (const { q, expect } of RECALL_QUERIES) {
    const wanted = new Set(data.filter(expect).map((p) => p.id));
    const found = (ids: string[]) => ids.filter((id) => wanted.has(id)).length / Math.max(1, wanted.size);
    const oursIds = ours.search({ text: q, limit: wanted.size + 10 }).hits.map((h) => h.id);
    const ftsIds = fts.run(q, wanted.size + 10);
    results.push({ name: `recall "${q}" (${wanted.size} profiles): ours vs FTS5`, value: r2(found(oursIds)), unit: '', note: `FTS5 ${r2(found(ftsIds))}` });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const r of await run(n)) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
