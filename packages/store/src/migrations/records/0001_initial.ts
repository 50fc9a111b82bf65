import type { Migration } from '../types.ts';

/**
 * The synced record tables, identical on the server and on every client. `_version` is the
 * server's change version of the row (0 on clients, which never read it); the server indexes it.
 */
export const m0001_initial: Migration = {
  id: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        locale TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE associations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_latin TEXT,
        country TEXT NOT NULL,
        city TEXT NOT NULL,
        description TEXT,
        contact_email TEXT,
        verified INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX associations_country_city ON associations(country, city);

      CREATE TABLE memberships (
        id TEXT PRIMARY KEY,
        association_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        status TEXT NOT NULL,
        role TEXT NOT NULL,
        message TEXT,
        requested_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX memberships_association_status ON memberships(association_id, status);
      CREATE INDEX memberships_account ON memberships(account_id);
      CREATE UNIQUE INDEX memberships_one_open ON memberships(association_id, account_id)
        WHERE status IN ('pending', 'active');

      -- A profile's fields are one JSON object (see TableSpec 'packed'); their visibility is one
      -- digit per field ('levels'). Fields that queries filter on are generated columns; the
      -- server indexes them, clients search with MiniSearch and keep inserts cheap.
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        visibility TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0,
        country TEXT GENERATED ALWAYS AS (data ->> '$.country') VIRTUAL,
        home_region TEXT GENERATED ALWAYS AS (data ->> '$.homeRegion') VIRTUAL
      ) STRICT;

      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        association_id TEXT NOT NULL,
        code TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        max_uses INTEGER NOT NULL,
        uses INTEGER NOT NULL,
        requires_approval INTEGER NOT NULL,
        revoked_at TEXT,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE UNIQUE INDEX invitations_code ON invitations(code);
      CREATE INDEX invitations_association ON invitations(association_id);
    `);
  },
};
