import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE_FIELDS, type ProfileView } from '@mekendesh/core';
import { betterSqlite3Driver, CLIENT_MIGRATIONS, migrate, RECORD_MIGRATIONS, Records } from '@mekendesh/store';
import { loadSearchIndex, openSearchIndex, saveSearchIndex, SearchCatchUp } from './persist.ts';

const p = (id: string, name: string, updatedAt = '2026-06-01T00:00:00.000Z'): ProfileView => ({
  id, ...EMPTY_PROFILE_FIELDS, nameLatin: name, visibility: null, createdAt: updatedAt, updatedAt,
});

describe('a saved search index', () => {
  it('reopens without a rebuild and catches up with what changed while it was closed', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
    const records = new Records(db);
    for (const [id, name] of [['prof-0001', 'Aibek Asanov'], ['prof-0002', 'Bakyt Osmonov'], ['prof-0003', 'Cholpon Toktogulova']] as const) {
      records.put('profiles', p(id, name));
    }
    const first = openSearchIndex(db);
    expect(first).toMatchObject({ rebuilt: true, updated: 3 });
    saveSearchIndex(db, first.index);

    // While the app was closed, a pull changed one profile, removed one and added one.
    records.put('profiles', p('prof-0002', 'Bakyt Sadyrov', '2026-06-02T00:00:00.000Z'));
    records.del('profiles', 'prof-0003');
    records.put('profiles', p('prof-0004', 'Dinara Sultanova'));

    const again = openSearchIndex(db);
    expect(again).toMatchObject({ rebuilt: false, updated: 2, removed: 1 });
    const names = (q: string) => again.index.search({ text: q }).hits.map((h) => h.id);
    expect(names('Sadyrov')).toEqual(['prof-0002']);
    expect(names('Osmonov')).toEqual([]);
    expect(names('Cholpon')).toEqual([]);
    expect(names('Dinara')).toEqual(['prof-0004']);
    expect(names('Aibek')).toEqual(['prof-0001']);
  });

  it('answers from the snapshot at once and catches up a slice at a time', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
    const records = new Records(db);
    for (let i = 1; i <= 5; i++) records.put('profiles', p(`prof-000${i}`, `Name${i} Asanov`));
    saveSearchIndex(db, openSearchIndex(db).index);
    records.put('profiles', p('prof-0002', 'Bakyt Sadyrov', '2026-06-02T00:00:00.000Z'));
    records.del('profiles', 'prof-0004');

    const { index, rebuilt } = loadSearchIndex(db);
    expect(rebuilt).toBe(false);
    // Before catching up: the snapshot as saved.
    expect(index.search({ text: 'Asanov' }).total).toBe(5);
    const catchUp = new SearchCatchUp(db, index);
    expect(catchUp.step(2)).toBe(false);
    // Meanwhile a sync adds a profile the caller indexes itself (before the cursor would see it).
    records.put('profiles', p('prof-0009', 'Dinara Sultanova'));
    index.upsert(p('prof-0009', 'Dinara Sultanova'));
    catchUp.touch('prof-0009');
    let steps = 1;
    while (!catchUp.step(2)) steps++;
    expect(steps).toBeGreaterThanOrEqual(2);
    expect({ updated: catchUp.updated, removed: catchUp.removed }).toEqual({ updated: 1, removed: 1 });
    expect(index.search({ text: 'Asanov' }).hits.map((h) => h.id).sort()).toEqual(['prof-0001', 'prof-0003', 'prof-0005']);
    expect(index.search({ text: 'Sadyrov' }).hits.map((h) => h.id)).toEqual(['prof-0002']);
    expect(index.search({ text: 'Dinara' }).total).toBe(1);
  });

  it('rebuilds when the snapshot is damaged', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
    new Records(db).put('profiles', p('prof-0001', 'Aibek Asanov'));
    db.run("INSERT INTO search_snapshot (key, data, saved_at) VALUES ('profiles', '{\"v\":1}', 'x')");
    const opened = openSearchIndex(db);
    expect(opened.rebuilt).toBe(true);
    expect(opened.index.search({ text: 'Aibek' }).total).toBe(1);
  });
});
