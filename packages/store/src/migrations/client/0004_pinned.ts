import type { Migration } from '../types.ts';

/**
 * Documents a device pins to work offline: the certificate issuer's key set and its last
 * signed revocation list (`packages/engine/src/credential-check.ts`).
 */
export const c0004_pinned: Migration = {
  id: 4,
  name: 'pinned',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS pinned_documents (
        key TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
