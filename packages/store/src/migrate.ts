import { DomainError } from '@mekendesh/core';
import type { SqlDriver } from './driver.ts';
import type { MigrationSet } from './migrations/types.ts';

/**
 * Brings the database up to date with each set, one transaction per migration. Refuses a
 * database that has a migration this code does not know (it was written by a newer version)
 * or whose recorded names differ (it was written by another branch).
 */
export function migrate(db: SqlDriver, sets: readonly MigrationSet[]): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    namespace TEXT NOT NULL,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (namespace, id)
  ) STRICT`);
  const applied: string[] = [];
  for (const set of sets) {
    const done = db.all<{ id: number; name: string }>(
      'SELECT id, name FROM _migrations WHERE namespace = ? ORDER BY id',
      [set.namespace],
    );
    const known = new Map(set.migrations.map((m) => [m.id, m.name]));
    for (const row of done) {
      if (!known.has(row.id)) throw new DomainError('schema_too_new', { namespace: set.namespace, id: row.id });
      if (known.get(row.id) !== row.name) {
        throw new DomainError('schema_too_new', { namespace: set.namespace, id: row.id, name: row.name });
      }
    }
    const doneIds = new Set(done.map((r) => r.id));
    let previous = 0;
    for (const m of set.migrations) {
      if (m.id !== previous + 1) throw new Error(`migrations of ${set.namespace} must be numbered 1, 2, 3…`);
      previous = m.id;
      if (doneIds.has(m.id)) continue;
      db.transaction(() => {
        m.up(db);
        db.run('INSERT INTO _migrations (namespace, id, name, applied_at) VALUES (?, ?, ?, ?)', [
          set.namespace,
          m.id,
          m.name,
          new Date().toISOString(),
        ]);
      });
      applied.push(`${set.namespace}/${String(m.id).padStart(4, '0')}_${m.name}`);
    }
  }
  return { applied };
}
