import type { Migration } from '../types.ts';

/** A saved search index, so opening the app does not rebuild it from every profile. */
export const c0002_search_snapshot: Migration = {
  id: 2,
  name: 'search_snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE search_snapshot (
        key TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
