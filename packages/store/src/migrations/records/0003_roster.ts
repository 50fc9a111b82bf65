import type { Migration } from '../types.ts';

/** Associations' rosters (people kept on the books, with or without an account) and their imports. */
export const m0003_roster: Migration = {
  id: 3,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE TABLE roster (
        id TEXT PRIMARY KEY,
        association_id TEXT NOT NULL,
        account_id TEXT,
        data TEXT NOT NULL,
        import_batch_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX roster_association ON roster(association_id);
      CREATE INDEX roster_account ON roster(account_id) WHERE account_id IS NOT NULL;
      CREATE INDEX roster_import_batch ON roster(import_batch_id) WHERE import_batch_id IS NOT NULL;

      CREATE TABLE roster_imports (
        id TEXT PRIMARY KEY,
        association_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created INTEGER NOT NULL,
        merged INTEGER NOT NULL,
        merged_before TEXT NOT NULL,
        undone_at TEXT,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX roster_imports_association ON roster_imports(association_id);
    `);
  },
};
