/**
 * The skills-bank search workload, defined once and run in Node and in the PWA-like worker in
 * Chromium (bundled by tests/kit/browser-store). No Node APIs.
 *
 * Profiles are synthetic but shaped like the demo set: Kyrgyz names in both scripts, diaspora
 * cities, home regions, skills by sector; country, sector and language each match about a
 * tenth or more of all profiles, which is what makes naive scored search slow.
 */
import { EMPTY_PROFILE_FIELDS, FORMATS, REGIONS, SETTLEMENTS, SKILLS, type ProfileView } from '@mekendesh/core';
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
