import type { Migration } from '../types.ts';

/** Server-only state: credentials, sessions, sync clients and the change log. */
export const s0001_initial: Migration = {
  id: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE credentials (
        account_id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT,
        status TEXT NOT NULL DEFAULT 'active',
        access_epoch INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        user_agent TEXT
      ) STRICT;
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE sync_clients (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        last_mutation_id INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_clients_account ON sync_clients(account_id);

      CREATE TABLE sync_rejections (
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        error TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (client_id, mutation_id)
      ) STRICT, WITHOUT ROWID;

      -- One entry per record: the version of its last change. Pull scans by version.
      CREATE TABLE sync_changes (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        tombstone TEXT,
        PRIMARY KEY (tbl, row_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX sync_changes_version ON sync_changes(version);

      CREATE TABLE server_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
