/**
 * The desktop roster at 50,000 people: sorting, filtering and searching in `RosterIndex`
 * against the plain way (filter, then sort with a collator) in the same process, and the
 * memory the backend holds for it (the client store on better-sqlite3 plus the index).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_ROSTER_FIELDS, type RosterEntry } from '@mekendesh/core';
import { DIASPORA_CITIES, FEMALE_GIVEN, MALE_GIVEN, SURNAME_ROOTS, surname } from '@mekendesh/core/names';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, Records, betterSqlite3Driver, migrate } from '@mekendesh/store';
import { RosterIndex, type RosterQuery } from '@mekendesh/roster';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { accountFile, openAccountDb } from '../desktop/src/backend/leader.ts';
import type { BenchResult } from './types.ts';

const NOW = '2026-11-22T10:00:00.000Z';
const TODAY = '2026-11-22';

function makeRoster(count: number): RosterEntry[] {
  let s = 2026;
  const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: RosterEntry[] = [];
  for (let i = 0; i < count; i++) {
    const female = rnd() < 0.5;
    const given = pick(female ? FEMALE_GIVEN : MALE_GIVEN);
    const family = surname(pick(SURNAME_ROOTS), female ? 'female' : 'male');
    const city = pick(DIASPORA_CITIES);
    const year = 2020 + Math.floor(rnd() * 7);
    out.push({
      id: `roster-${String(i).padStart(6, '0')}`,
      associationId: 'assoc-bench1',
      accountId: null,
      ...EMPTY_ROSTER_FIELDS,
      nameCyrillic: `${given.cyr} ${family.cyr}`,
      nameLatin: `${given.lat} ${family.lat}`,
      phone: `+7916${String(1_000_000 + i).slice(-7)}`,
      email: rnd() < 0.4 ? `member${i}@example.org` : null,
      country: city.country,
      city: city.city.ru,
      role: rnd() < 0.01 ? 'secretary' : 'member',
      tags: rnd() < 0.3 ? [pick(['взнос 2026', 'волонтёр', 'жаштар', 'ардагер'])] : [],
      groups: rnd() < 0.2 ? [pick(['Казань', 'Москва-Түштүк', 'Совет'])] : [],
      joinedOn: `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      renewalDate: rnd() < 0.8 ? `${year + 1}-0${1 + Math.floor(rnd() * 9)}-01` : null,
      importBatchId: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown, runs = 7): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

/** The plain way: filter the array, then sort the matches with a collator. */
function naive(entries: RosterEntry[], collator: Intl.Collator, q: { text?: string; tag?: string; column: 'name' | 'city' }) {
  const text = q.text?.toLowerCase();
  const hits = entries.filter(
    (e) =>
      (!text || `${e.nameCyrillic} ${e.nameLatin} ${e.phone} ${e.city}`.toLowerCase().includes(text)) && (!q.tag || e.tags.includes(q.tag)),
  );
  const key = (e: RosterEntry) => (q.column === 'name' ? (e.nameCyrillic ?? '') : (e.city ?? ''));
  hits.sort((a, b) => collator.compare(key(a), key(b)));
  return hits.slice(0, 100);
}

/**
 * The whole desktop backend with a leader's account holding `entries`: what opening it (the
 * shared engine, its skills-bank index, the sync client) and showing the roster add to this
 * process, measured in a process of its own (`backend-memory.ts`). Offline (no server).
 */
async function backendMemory(entries: RosterEntry[]): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mekendesh-backend-bench-'));
  const accountId = '7a0c2f5e-0b8e-4c1e-9a51-3f5d2b1c0a01';
  const associationId = entries[0]!.associationId;
  try {
    const { raw, db } = openAccountDb(accountFile(dir, accountId));
    const records = new Records(db);
    db.transaction(() => {
      records.put('associations', { id: associationId, name: 'Казандагы кыргыздар', nameLatin: null, country: 'RU', city: 'Казань', description: null, contactEmail: null, verified: true, createdBy: accountId, createdAt: NOW, updatedAt: NOW });
      records.put('memberships', { id: 'membership-bench1', associationId, accountId, status: 'active', role: 'leader', message: null, requestedAt: NOW, decidedAt: NOW, decidedBy: accountId, updatedAt: NOW });
      for (const e of entries) records.put('roster', e);
    });
    raw.close();
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./backend-memory.ts', import.meta.url)), dir, accountId], { encoding: 'utf8' });
    const m = JSON.parse(out.trim().split('\n').at(-1)!) as { total: number; openMs: number; before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage };
    if (m.total !== entries.length) throw new Error(`expected ${entries.length} entries, got ${m.total}`);
    const mib = (n: number) => Math.round(n / 2 ** 20);
    return [
      { name: `whole backend (own process): open the account and show ${entries.length.toLocaleString('en')} roster rows`, value: Math.round(m.openMs), unit: 'ms' },
      { name: 'whole backend: JS heap', value: mib(m.after.heapUsed), unit: 'MiB', note: `${mib(m.before.heapUsed)} MiB before opening; after gc` },
      { name: 'whole backend: process RSS (SQLite cache included)', value: mib(m.after.rss), unit: 'MiB', note: `${mib(m.before.rss)} MiB before opening` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function rosterBench(count = 50_000): Promise<BenchResult[]> {
  const entries = makeRoster(count);
  const results: BenchResult[] = [];

  // Memory: the backend's client store with the roster, then the index over it.
  const dir = mkdtempSync(join(tmpdir(), 'mekendesh-roster-bench-'));
  try {
    const raw = new Database(join(dir, 'desktop.db'));
    raw.pragma('journal_mode = WAL');
    const db = betterSqlite3Driver(raw);
    migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
    const records = new Records(db);
    db.transaction(() => {
      for (const e of entries) records.put('roster', e);
    });
    globalThis.gc?.();
    const before = process.memoryUsage();
    let start = performance.now();
    const index = new RosterIndex(TODAY);
    index.load(records.where('roster', 'association_id = ?', ['assoc-bench1']));
    const loadMs = performance.now() - start;
    start = performance.now();
    index.query({ sort: { column: 'name', dir: 'asc' } });
    const firstSortMs = performance.now() - start;
    globalThis.gc?.();
    const after = process.memoryUsage();
    results.push(
      { name: `load ${count.toLocaleString('en')} entries from SQLite into the index`, value: Math.round(loadMs), unit: 'ms' },
      { name: 'first sort by name (builds its order, once)', value: Math.round(firstSortMs), unit: 'ms' },
      { name: 'JS heap held by the index', value: Math.round((after.heapUsed - before.heapUsed) / 2 ** 20), unit: 'MiB', note: globalThis.gc ? 'after gc' : 'no --expose-gc: approximate' },
      { name: 'backend process RSS with the store and the index', value: Math.round(after.rss / 2 ** 20), unit: 'MiB' },
    );
    raw.close();

    // Warm every order the table offers, as the first sorts would.
    for (const column of ['city', 'renewalDate', 'standing'] as const) index.query({ sort: { column, dir: 'asc' } });
    const collator = new Intl.Collator('ky', { sensitivity: 'base' });
    const cases: { name: string; q: RosterQuery; plain: Parameters<typeof naive>[2] }[] = [
      { name: 'sort by name, first 100 rows', q: { sort: { column: 'name', dir: 'asc' } }, plain: { column: 'name' } },
      { name: 'sort by city, descending', q: { sort: { column: 'city', dir: 'desc' } }, plain: { column: 'city' } },
      { name: 'search "айгүл" (about 1 in 70)', q: { text: 'айгүл' }, plain: { text: 'айгүл', column: 'name' } },
      { name: 'search a phone fragment "916100"', q: { text: '916100' }, plain: { text: '916100', column: 'name' } },
      { name: 'filter by tag, sorted by city', q: { tags: ['волонтёр'], sort: { column: 'city', dir: 'asc' } }, plain: { tag: 'волонтёр', column: 'city' } },
      { name: 'filter expired members + text "kazan"', q: { standing: ['expired'], text: 'kazan' }, plain: { text: 'казань', column: 'name' } },
    ];
    for (const c of cases) {
      const ours = time(() => {
        index.forgetLastQuery();
        index.query({ ...c.q, limit: 100 });
      });
      const plain = time(() => naive(entries, collator, c.plain), 3);
      results.push({ name: c.name, value: Number(ours.toFixed(1)), unit: 'ms', note: `plain filter + collator sort ${plain.toFixed(0)} ms: ${(ours / plain).toFixed(3)}×` });
    }
    // Scrolling: the next window of the same query.
    index.query({ sort: { column: 'city', dir: 'asc' }, tags: ['волонтёр'], offset: 0, limit: 100 });
    let offset = 0;
    const scrollMs = time(() => index.query({ sort: { column: 'city', dir: 'asc' }, tags: ['волонтёр'], offset: (offset += 50), limit: 100 }), 21);
    results.push({ name: 'scroll: the next 100 rows of the same query', value: Number(scrollMs.toFixed(3)), unit: 'ms' });
    // An edit while sorted: one entry re-placed in every built order.
    const edited = entries[123]!;
    const editMs = time(() => index.upsert({ ...edited, city: edited.city === 'Казань' ? 'Москва' : 'Казань' }));
    results.push({ name: 'edit one entry while 4 sort orders are built', value: Number(editMs.toFixed(2)), unit: 'ms' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  results.push(...(await backendMemory(entries)));
  return results;
}
