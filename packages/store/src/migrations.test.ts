import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { betterSqlite3Driver } from './adapters/better-sqlite3.ts';
import { migrate } from './migrate.ts';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from './migrations/index.ts';

describe('migrations', () => {
  it('are numbered 1, 2, 3… in every set', () => {
    for (const set of [RECORD_MIGRATIONS, SERVER_MIGRATIONS, CLIENT_MIGRATIONS]) {
      expect(set.migrations.map((m) => m.id)).toEqual(set.migrations.map((_, i) => i + 1));
    }
  });

  it('produce the recorded schema (a changed snapshot means a landed migration was edited)', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS, CLIENT_MIGRATIONS]);
    const schema = db
      .all<{ sql: string }>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .map((r) => r.sql.replace(/\s+/g, ' ').trim());
    expect(schema).toMatchSnapshot();
  });

  it('refuses a database whose migration history names another migration', () => {
    const db = betterSqlite3Driver(new Database(':memory:'));
    migrate(db, [RECORD_MIGRATIONS]);
    db.run("UPDATE _migrations SET name = 'other' WHERE namespace = 'records' AND id = 1");
    expect(() => migrate(db, [RECORD_MIGRATIONS])).toThrow('schema_too_new');
  });
});
