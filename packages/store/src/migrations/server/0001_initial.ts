import type { Migration } from '../types.ts';

/** Server-only state: credentials, sessions, sync clients, change versions and tombstones. */
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

      -- What other viewers may see of each profile, computed when the profile is written (pulls
      -- far outnumber writes): for any signed-in member, and for one sharing an association.
      -- NULL when nothing would be left to see.
      ALTER TABLE profiles ADD COLUMN data_members TEXT;
      ALTER TABLE profiles ADD COLUMN data_associations TEXT;

      CREATE INDEX profiles_country ON profiles(country);
      CREATE INDEX profiles_home_region ON profiles(home_region);

      -- Pull scans each table by the version of its last change.
      CREATE INDEX accounts_version ON accounts(_version);
      CREATE INDEX associations_version ON associations(_version);
      CREATE INDEX memberships_version ON memberships(_version);
      CREATE INDEX profiles_version ON profiles(_version);
      CREATE INDEX invitations_version ON invitations(_version);

      -- The last change version handed out: one counter for every table.
      CREATE TABLE sync_version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      ) STRICT;
      INSERT INTO sync_version (id, version) VALUES (1, 0);

      -- Deleted rows: their last image decides who is told of the deletion.
      CREATE TABLE sync_tombstones (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        last_row TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sync_tombstones_version ON sync_tombstones(version);

      CREATE TABLE server_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
