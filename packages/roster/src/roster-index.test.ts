import { describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS, type RosterEntry } from '@mekendesh/core';
import { RosterIndex, SORT_COLUMNS, type RosterRow, type SortColumn } from './roster-index.ts';

const NOW = '2026-11-22T10:00:00.000Z';
const TODAY = '2026-11-22';
let seq = 0;
const entry = (fields: Partial<RosterEntry>): RosterEntry => ({
  id: `roster-${String(++seq).padStart(6, '0')}`,
  associationId: 'assoc-0001',
  accountId: null,
  ...EMPTY_ROSTER_FIELDS,
  importBatchId: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...fields,
});

describe('RosterIndex', () => {
  it('sorts names in Kyrgyz alphabetical order (ң after н, ө after о, ү after у), Latin after Cyrillic, empty last', () => {
    const idx = new RosterIndex(TODAY);
    const names = ['Үмүт', 'Уулжан', 'Өмүр', 'Ормон', 'Ңаа', 'Нурлан', 'Aibek', 'Жылдыз', 'Ёлкин', 'Бакыт'];
    idx.load([...names.map((n) => entry({ nameCyrillic: n })), entry({ nameCyrillic: null, nameLatin: null, accountId: 'acc-without-name' })]);
    const order = idx.query({ limit: 100 }).rows.map((r) => r.name);
    expect(order).toEqual(['Бакыт', 'Ёлкин', 'Жылдыз', 'Нурлан', 'Ңаа', 'Ормон', 'Өмүр', 'Уулжан', 'Үмүт', 'Aibek', '']);
    const desc = idx.query({ sort: { column: 'name', dir: 'desc' }, limit: 3 }).rows.map((r) => r.name);
    expect(desc).toEqual(['', 'Aibek', 'Үмүт']);
  });

  it('finds people by any part of the name in either script, by phone digits, email, city, tag or group', () => {
    const idx = new RosterIndex(TODAY);
    idx.load([
      entry({ nameCyrillic: 'Жамиля Токтогулова', phone: '+996555123456', city: 'Казань', tags: ['волонтёр'] }),
      entry({ nameLatin: 'Bakyt Osmonov', email: 'bakyt@example.org', groups: ['Совет'] }),
      entry({ nameCyrillic: 'Айбек Асанов', city: 'Москва' }),
    ]);
    const find = (text: string) => idx.query({ text }).rows.map((r) => r.name);
    expect(find('jamilya')).toEqual(['Жамиля Токтогулова']);
    expect(find('токтогул')).toEqual(['Жамиля Токтогулова']);
    expect(find('Осмонов')).toEqual(['Bakyt Osmonov']);
    expect(find('555123')).toEqual(['Жамиля Токтогулова']);
    expect(find('example.org')).toEqual(['Bakyt Osmonov']);
    expect(find('kazan')).toEqual(['Жамиля Токтогулова']);
    expect(find('совет')).toEqual(['Bakyt Osmonov']);
    expect(find('Aibek Moskva')).toEqual(['Айбек Асанов']);
    expect(find('Айбек Казань')).toEqual([]);
  });

  it('filters by standing, role, tags and groups, with counts per facet that leave out its own filter', () => {
    const idx = new RosterIndex(TODAY);
    idx.load([
      entry({ nameCyrillic: 'А', joinedOn: '2026-11-10', role: 'member', tags: ['2026'] }),
      entry({ nameCyrillic: 'Б', renewalDate: '2027-01-01', role: 'secretary', tags: ['2026', 'paid'] }),
      entry({ nameCyrillic: 'В', renewalDate: '2026-11-01', role: 'member', groups: ['Казань'] }),
      entry({ nameCyrillic: 'Г', renewalDate: '2026-09-01', role: 'leader', tags: ['paid'] }),
    ]);
    const all = idx.query();
    expect(all.rows.map((r) => [r.name, r.standing])).toEqual([['А', 'new'], ['Б', 'current'], ['В', 'grace'], ['Г', 'expired']]);
    expect(all.counts.standing).toEqual({ new: 1, current: 1, grace: 1, expired: 1 });
    expect(all.counts.tags).toEqual([['2026', 2], ['paid', 2]]);

    const paid = idx.query({ tags: ['paid'] });
    expect(paid.rows.map((r) => r.name)).toEqual(['Б', 'Г']);
    // Tag counts ignore the tag filter (so the other tag can be added); the others follow it.
    expect(paid.counts.tags).toEqual([['2026', 2], ['paid', 2]]);
    expect(paid.counts.roles).toEqual({ leader: 1, secretary: 1, member: 0 });
    expect(paid.counts.standing).toEqual({ new: 0, current: 1, grace: 0, expired: 1 });

    const lapsed = idx.query({ standing: ['grace', 'expired'], roles: ['member'] });
    expect(lapsed.rows.map((r) => r.name)).toEqual(['В']);
    expect(lapsed.counts.roles).toEqual({ leader: 1, secretary: 0, member: 1 });
    expect(idx.query({ groups: ['Казань'] }).total).toBe(1);

    // Days pass: the new member becomes current, the one in grace expires.
    idx.setToday('2027-01-15');
    expect(idx.query().rows.map((r) => r.standing)).toEqual(['current', 'grace', 'expired', 'expired']);
  });

  it('names a linked entry from the member’s profile, as shared with the association', () => {
    const idx = new RosterIndex(TODAY, (accountId) => (accountId === 'acc-000001' ? { nameCyrillic: 'Асель', nameLatin: 'Asel' } : null));
    idx.load([entry({ accountId: 'acc-000001' }), entry({ accountId: 'acc-000002' }), entry({ nameCyrillic: 'Бермет' })]);
    expect(idx.query().rows.map((r) => r.name)).toEqual(['Асель', 'Бермет', '']);
    expect(idx.query({ text: 'asel' }).total).toBe(1);
  });

  it('agrees with a plain filter-and-sort after many random edits, for every column and direction', () => {
    let state = 7;
    const rnd = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const names = ['Айбек', 'Асель', 'Бакыт', 'Гүлзат', 'Нурлан', 'Өмүр', 'Үмүт', 'Aibek', 'Zarina', null];
    const cities = ['Казань', 'Москва', 'Сеул', 'Istanbul', null];
    const random = (id?: string) =>
      entry({
        ...(id ? { id } : {}),
        nameCyrillic: pick(names),
        city: pick(cities),
        role: pick(['leader', 'secretary', 'member'] as const),
        tags: rnd() < 0.5 ? [pick(['paid', '2026', 'volunteer'])] : [],
        renewalDate: rnd() < 0.6 ? pick(['2026-01-01', '2026-11-01', '2027-06-01']) : null,
        joinedOn: rnd() < 0.5 ? pick(['2026-11-20', '2025-03-01']) : null,
        phone: rnd() < 0.5 ? `+99655${Math.floor(rnd() * 9_000_000 + 1_000_000)}` : null,
      });
    const truth = new Map<string, RosterEntry>();
    const idx = new RosterIndex(TODAY);
    const initial = Array.from({ length: 400 }, () => random());
    for (const e of initial) truth.set(e.id, e);
    idx.load(initial);
    // Build every sort order first, so the edits exercise the incremental path.
    for (const column of SORT_COLUMNS) idx.query({ sort: { column, dir: 'asc' } });
    for (let i = 0; i < 300; i++) {
      const ids = [...truth.keys()];
      const r = rnd();
      if (r < 0.4) {
        const e = random();
        truth.set(e.id, e);
        idx.upsert(e);
      } else if (r < 0.8) {
        const e = random(pick(ids));
        truth.set(e.id, e);
        idx.upsert(e);
      } else {
        const id = pick(ids);
        truth.delete(id);
        idx.remove(id);
      }
    }
    const oracle = new RosterIndex(TODAY);
    oracle.load(truth.values());
    expect(idx.size).toBe(truth.size);
    for (const column of SORT_COLUMNS as readonly SortColumn[]) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const q of [{}, { tags: ['paid'] }, { standing: ['expired' as const], roles: ['member' as const] }, { text: 'a' }]) {
          const got = idx.query({ ...q, sort: { column, dir }, limit: 1000 });
          const want = oracle.query({ ...q, sort: { column, dir }, limit: 1000 });
          expect(got.rows.map((row: RosterRow) => row.id), `${column} ${dir} ${JSON.stringify(q)}`).toEqual(want.rows.map((row) => row.id));
          expect(got.counts).toEqual(want.counts);
        }
      }
    }
    // And the oracle itself sorts as a plain comparison of the visible values would.
    const byCity = oracle.query({ sort: { column: 'city', dir: 'asc' }, limit: 1000 }).rows;
    const withCity = byCity.filter((r) => r.city !== null).map((r) => r.city!);
    const cyrillicFirst = (c: string) => (/^[а-яөүң]/i.test(c) ? 0 : 1);
    expect(withCity).toEqual([...withCity].sort((a, b) => cyrillicFirst(a) - cyrillicFirst(b) || a.localeCompare(b, 'ky')));
    expect(byCity.slice(withCity.length).every((r) => r.city === null)).toBe(true);
  });

  it('pages through the matches in order, and lists all matching ids for a selection', () => {
    const idx = new RosterIndex(TODAY);
    idx.load(Array.from({ length: 250 }, (_, i) => entry({ nameLatin: `Member ${String(i).padStart(3, '0')}`, tags: i % 2 ? ['odd'] : [] })));
    const page = idx.query({ offset: 100, limit: 50 });
    expect(page.total).toBe(250);
    expect(page.rows.map((r) => r.nameLatin)).toEqual(Array.from({ length: 50 }, (_, i) => `Member ${String(100 + i).padStart(3, '0')}`));
    expect(idx.ids({ tags: ['odd'] })).toHaveLength(125);
    expect(idx.query({ offset: 1000 }).rows).toEqual([]);
    // The same query again after a change sees the change (the kept result is dropped).
    const added = entry({ nameLatin: 'Member 000a', tags: ['odd'] });
    idx.upsert(added);
    expect(idx.query({ tags: ['odd'], limit: 2 }).rows.map((r) => r.nameLatin)).toEqual(['Member 000a', 'Member 001']);
    idx.remove(added.id);
    expect(idx.query({ tags: ['odd'], limit: 1 }).rows.map((r) => r.nameLatin)).toEqual(['Member 001']);
    expect(idx.query({ tags: ['odd'] }).total).toBe(125);
  });
});
