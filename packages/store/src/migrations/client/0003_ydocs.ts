import type { Migration } from '../types.ts';

/**
 * Workspace documents (Yjs) kept on the device, so offline edits survive a restart: appended
 * updates and one compacted state per document, the same tables as the server's.
 */
export const c0003_ydocs: Migration = {
  id: 3,
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
    `);
  },
};
