import type { Migration } from '../types.ts';

/** Client-only state: the outbox, the undo log used to rebase, and sync metadata. */
export const c0001_initial: Migration = {
  id: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        error TEXT,
        detail TEXT
      ) STRICT;

      -- Before-images of rows a pending mutation changed, so a pull can roll them back.
      CREATE TABLE sync_undo (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        before TEXT
      ) STRICT;
      CREATE INDEX sync_undo_mutation ON sync_undo(mutation_id);

      CREATE TABLE sync_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
