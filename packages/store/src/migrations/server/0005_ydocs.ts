import type { Migration } from '../types.ts';

/**
 * Workspace documents (Yjs) on the server: appended updates, one compacted state per
 * document, and saved versions for the history. The first two tables are the same as the
 * client's (client migration 0003), so one `YDocStore` serves both
 * (`IF NOT EXISTS`: tests and tools migrate all three sets into one database).
 */
export const s0005_ydocs: Migration = {
  id: 5,
  name: 'ydocs',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ydoc_updates (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS ydoc_updates_doc ON ydoc_updates(doc, id);

      CREATE TABLE IF NOT EXISTS ydoc_snapshots (
        doc TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ydoc_versions (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        kind TEXT NOT NULL,
        label TEXT,
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX ydoc_versions_doc ON ydoc_versions(doc, created_at);
    `);
  },
};
