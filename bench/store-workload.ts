/**
 * The store benchmark workload, defined once and run on every engine: better-sqlite3 in
 * Node and sqlite-wasm on OPFS in a browser worker. Engine-agnostic and free of Node APIs,
 * so esbuild bundles it into the worker as is.
 */
import { COUNTRIES, DEFAULT_VISIBILITY, EMPTY_PROFILE_FIELDS, LANGUAGES, SECTORS, SETTLEMENTS, SKILLS, type Profile } from '@mekendesh/core';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, Records, migrate, type SqlDriver } from '@mekendesh/store';

export type WorkloadPhase = 'migrate' | 'insert' | 'read_all' | 'point_lookups' | 'update_10pct';
export interface PhaseTiming {
  phase: WorkloadPhase;
  ms: number;
}

/** Point lookups per run, whatever the row count. */
export const POINT_LOOKUPS = 1_000;

const CREATED = '2026-06-01T10:00:00.000Z';
const UPDATED = '2026-06-02T10:00:00.000Z';

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** The id of the i-th profile; matches the `Id` schema (8 to 64 of [A-Za-z0-9_-]). */
export const profileId = (i: number) => `acc-${String(i).padStart(8, '0')}`;

/** A deterministic, schema-valid profile: ids come from the reference data in @mekendesh/core. */
export function makeProfile(i: number): Profile {
  const settlement = pick(SETTLEMENTS, i * 7);
  const skills = [pick(SKILLS, i), pick(SKILLS, i + 11), pick(SKILLS, i + 23)].map((s) => s.id);
  return {
    ...EMPTY_PROFILE_FIELDS,
    id: profileId(i),
    nameCyrillic: `Асан Асанов ${i}`,
    nameLatin: `Asan Asanov ${i}`,
    country: pick(COUNTRIES, i).id,
    city: `Шаар ${i % 97}`,
    homeRegion: settlement.region,
    homeSettlement: settlement.id,
    languages: [...new Set(['ky', pick(LANGUAGES, i).id])],
    skills: [...new Set(skills)],
    skillsAbroad: i % 3 === 0 ? [pick(SKILLS, i + 5).id] : [],
    sectors: [pick(SECTORS, i).id],
    yearsExperience: i % 40,
    availability: pick(['short', 'medium', 'long'] as const, i),
    formats: i % 2 === 0 ? ['remote_mentoring'] : ['onsite', 'consulting'],
    gender: pick(['female', 'male', null] as const, i),
    bio: i % 5 === 0 ? `Тажрыйбалуу адис, ${i}` : null,
    email: `user${i}@example.org`,
    phone: `+99655${String(i).padStart(7, '0')}`,
    visibility: DEFAULT_VISIBILITY,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}
const time = <T>(out: PhaseTiming[], phase: WorkloadPhase, fn: () => T): T => {
  const t0 = performance.now();
  const result = fn();
  out.push({ phase, ms: performance.now() - t0 });
  return result;
};

/**
 * Opens one fresh, empty database, migrates it, then times: inserting `rows` profiles in one
 * transaction, reading them all back, {@link POINT_LOOKUPS} lookups by id, and updating 10%
 * of them in one transaction. Closes the database before returning. Throws if a read-back
 * does not match what was written, so a fast but wrong engine cannot win.
 */
export function runStoreWorkload(open: () => SqlDriver, rows: number): PhaseTiming[] {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer, got ${rows}`);
  const out: PhaseTiming[] = [];
  // Built before timing starts: the benchmark measures the store, not object construction.
  const profiles = Array.from({ length: rows }, (_, i) => makeProfile(i));
  const db = open();
  try {
    const records = new Records(db);
    time(out, 'migrate', () => migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]));

    time(out, 'insert', () => db.transaction(() => {
      for (const p of profiles) records.put('profiles', p);
    }));

    const all = time(out, 'read_all', () => records.where('profiles', '1=1'));
    if (all.length !== rows) throw new Error(`read_all returned ${all.length} rows, expected ${rows}`);

    // A fixed stride visits ids spread over the whole table (deterministic, no RNG).
    const lookups = POINT_LOOKUPS;
    let found = 0;
    time(out, 'point_lookups', () => {
      for (let k = 0; k < lookups; k++) {
        const i = (k * 7919) % rows;
        if (records.get('profiles', profileId(i))?.id === profileId(i)) found++;
      }
    });
    if (found !== lookups) throw new Error(`point_lookups found ${found} of ${lookups}`);

    const toUpdate = profiles.filter((_, i) => i % 10 === 0);
    time(out, 'update_10pct', () => db.transaction(() => {
      for (const p of toUpdate) records.put('profiles', { ...p, city: 'Бишкек', yearsExperience: (p.yearsExperience ?? 0) + 1, updatedAt: UPDATED });
    }));
    const updated = Number(db.get<{ n: number }>("SELECT count(*) AS n FROM profiles WHERE data ->> '$.city' = 'Бишкек'")!.n);
    if (updated !== toUpdate.length) throw new Error(`update_10pct changed ${updated} rows, expected ${toUpdate.length}`);
  } finally {
    db.close();
  }
  return out;
}
