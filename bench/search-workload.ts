/**
 * The skills-bank search workload, defined once and run in Node and in the PWA-like worker in
 * Chromium (bundled by tests/kit/browser-store). No Node APIs.
 *
 * Profiles are synthetic but shaped like the demo set: Kyrgyz names in both scripts, diaspora
 * cities, home regions, skills by sector; country, sector and language each match about a
 * tenth or more of all profiles, which is what makes naive scored search slow.
 */
import { EMPTY_PROFILE_FIELDS, FORMATS, REGIONS, SETTLEMENTS, SKILLS, type ProfileView } from '@mekendesh/core';
import type { SqlDriver } from '@mekendesh/store';
import { DIASPORA_CITIES, FEMALE_GIVEN, MALE_GIVEN, SURNAME_ROOTS, surname } from '@mekendesh/core/names';
import { ProfileSearch, type SearchQuery } from '@mekendesh/search';

export const SEARCH_QUERIES: SearchQuery[] = [
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

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeSearchProfiles(n: number, seed = 7): ProfileView[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const cityWeight = DIASPORA_CITIES.reduce((s, c) => s + c.weight, 0);
  const city = () => {
    let x = r() * cityWeight;
    for (const c of DIASPORA_CITIES) if ((x -= c.weight) < 0) return c;
    return DIASPORA_CITIES[0]!;
  };
  const out: ProfileView[] = [];
  for (let i = 0; i < n; i++) {
    const female = r() < 0.5;
    const given = pick(female ? FEMALE_GIVEN : MALE_GIVEN);
    const sur = surname(pick(SURNAME_ROOTS), female ? 'female' : 'male');
    const c = city();
    const settlement = pick(SETTLEMENTS);
    const skill = pick(SKILLS);
    const languages = ['ky', 'ru', ...(r() < 0.3 ? [pick(['en', 'tr', 'ko', 'de', 'kk', 'ar'])] : [])];
    out.push({
      ...EMPTY_PROFILE_FIELDS,
      id: `p${String(i).padStart(7, '0')}`,
      nameCyrillic: `${given.cyr} ${sur.cyr}`,
      nameLatin: `${given.lat} ${sur.lat}`,
      country: c.country,
      city: c.city.ru,
      homeRegion: settlement.region ?? pick(REGIONS).id,
      homeSettlement: r() < 0.5 ? settlement.id : null,
      languages: [...new Set(languages)],
      skills: [skill.id, ...(r() < 0.4 ? [pick(SKILLS).id] : [])].filter((s, k, a) => a.indexOf(s) === k),
      skillsAbroad: r() < 0.3 ? [skill.id] : [],
      sectors: [skill.sector],
      availability: pick(['short', 'medium', 'long'] as const),
      formats: [pick(FORMATS)],
      visibility: null,
      createdAt: '2026-06-01T00:00:00.000Z',
      updatedAt: '2026-06-01T00:00:00.000Z',
    });
  }
  return out;
}

export interface SearchWorkloadResult {
  profiles: number;
  buildMs: number;
  saveMs: number;
  loadMs: number;
  snapshotBytes: number;
  p50: number;
  p95: number;
  /** Median per query, in the order of SEARCH_QUERIES. */
  perQuery: number[];
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export function runSearchWorkload(n: number, rounds = 10): SearchWorkloadResult {
  const profiles = makeSearchProfiles(n);
  let t0 = performance.now();
  const built = new ProfileSearch();
  built.addAll(profiles);
  const buildMs = performance.now() - t0;
  t0 = performance.now();
  const json = built.toJSON();
  const saveMs = performance.now() - t0;
  t0 = performance.now();
  const index = ProfileSearch.fromJSON(json);
  const loadMs = performance.now() - t0;
  const all: number[] = [];
  const per: number[][] = SEARCH_QUERIES.map(() => []);
  // One warm-up round, not counted: the figures are for a running app, not for cold code.
  for (const q of SEARCH_QUERIES) index.search({ ...q, limit: 20 });
  for (let round = 0; round < rounds; round++) {
    SEARCH_QUERIES.forEach((q, k) => {
      const t = performance.now();
      index.search({ ...q, limit: 20 });
      const ms = performance.now() - t;
      all.push(ms);
      per[k]!.push(ms);
    });
  }
  return { profiles: n, buildMs, saveMs, loadMs, snapshotBytes: json.length, p50: pct(all, 0.5), p95: pct(all, 0.95), perQuery: per.map((xs) => pct(xs, 0.5)) };
}

/** Queries a user types wrong or in the other script, with the profiles they should find. */
export const RECALL_QUERIES: { q: string; expect: (p: ProfileView) => boolean }[] = [
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

/**
 * SQLite FTS5 over the same profiles, as a plain alternative would build it: one text column
 * with names, city and the labels of places and skills in ky, ru and en, the `unicode61`
 * tokenizer without diacritics, every term a prefix query, terms ANDed, ranked by bm25.
 */
export function buildFts5(db: SqlDriver, profiles: readonly ProfileView[]) {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS fts_profiles USING fts5(id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')");
  const label = new Map<string, string>([
    ...SKILLS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
    ...REGIONS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
    ...SETTLEMENTS.map((s) => [s.id, `${s.labels.ky} ${s.labels.ru} ${s.labels.en}`] as const),
  ]);
  const t0 = performance.now();
  db.transaction(() => {
    for (const p of profiles) {
      const text = [p.nameCyrillic, p.nameLatin, p.city, p.homeRegion && label.get(p.homeRegion), p.homeSettlement && label.get(p.homeSettlement), ...[...p.skills, ...p.skillsAbroad].map((s) => label.get(s))]
        .filter(Boolean)
        .join(' ');
      db.run('INSERT INTO fts_profiles (id, text) VALUES (?, ?)', [p.id, text]);
    }
  });
  const buildMs = performance.now() - t0;
  const run = (q: string, limit = 20): string[] => {
    const match = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((t) => `"${t.replace(/"/g, '')}"*`).join(' AND ');
    return match ? db.all<{ id: string }>('SELECT id FROM fts_profiles WHERE fts_profiles MATCH ? ORDER BY rank LIMIT ?', [match, limit]).map((r) => r.id) : [];
  };
  return { buildMs, run };
}

export interface FtsComparison {
  profiles: number;
  textQueries: number;
  rounds: number;
  ftsBuildMs: number;
  ours: { p50: number; p95: number };
  fts: { p50: number; p95: number };
  /** Share of the profiles each query should find that it does find (top wanted + 10). */
  recall: { q: string; wanted: number; ours: number; fts: number }[];
}

/**
 * Ours against FTS5 on the same profiles, the text queries of {@link SEARCH_QUERIES} (one
 * warm-up round each, not counted) and the {@link RECALL_QUERIES}. `db` is an empty database:
 * better-sqlite3 in Node, sqlite-wasm on OPFS in the browser.
 */
export function runFtsComparison(db: SqlDriver, n: number, rounds = 10): FtsComparison {
  const profiles = makeSearchProfiles(n);
  const ours = new ProfileSearch();
  ours.addAll(profiles);
  const fts = buildFts5(db, profiles);
  const textQueries = SEARCH_QUERIES.filter((q) => q.text && !q.filters).map((q) => q.text!);
  for (const q of textQueries) {
    ours.search({ text: q, limit: 20 });
    fts.run(q);
  }
  const oursMs: number[] = [];
  const ftsMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of textQueries) {
      let t0 = performance.now();
      ours.search({ text: q, limit: 20 });
      oursMs.push(performance.now() - t0);
      t0 = performance.now();
      fts.run(q);
      ftsMs.push(performance.now() - t0);
    }
  }
  const recall = RECALL_QUERIES.map(({ q, expect }) => {
    const wanted = new Set(profiles.filter(expect).map((p) => p.id));
    const found = (ids: string[]) => ids.filter((id) => wanted.has(id)).length / Math.max(1, wanted.size);
    return {
      q,
      wanted: wanted.size,
      ours: found(ours.search({ text: q, limit: wanted.size + 10 }).hits.map((h) => h.id)),
      fts: found(fts.run(q, wanted.size + 10)),
    };
  });
  return {
    profiles: n,
    textQueries: textQueries.length,
    rounds,
    ftsBuildMs: fts.buildMs,
    ours: { p50: pct(oursMs, 0.5), p95: pct(oursMs, 0.95) },
    fts: { p50: pct(ftsMs, 0.5), p95: pct(ftsMs, 0.95) },
    recall,
  };
}
