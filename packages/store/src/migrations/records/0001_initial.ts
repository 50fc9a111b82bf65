import type { Migration } from '../types.ts';

/** The synced record tables, identical on the server and on every client. */
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
        updated_at TEXT NOT NULL
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
        updated_at TEXT NOT NULL
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
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX memberships_association_status ON memberships(association_id, status);
      CREATE INDEX memberships_account ON memberships(account_id);
      CREATE UNIQUE INDEX memberships_one_open ON memberships(association_id, account_id)
        WHERE status IN ('pending', 'active');

      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name_cyrillic TEXT,
        name_latin TEXT,
        country TEXT,
        city TEXT,
        home_region TEXT,
        home_settlement TEXT,
        languages TEXT NOT NULL,
        skills TEXT NOT NULL,
        skills_abroad TEXT NOT NULL,
        sectors TEXT NOT NULL,
        years_experience INTEGER,
        availability TEXT,
        formats TEXT NOT NULL,
        gender TEXT,
        bio TEXT,
        email TEXT,
        phone TEXT,
        visibility TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX profiles_country ON profiles(country);
      CREATE INDEX profiles_home_region ON profiles(home_region);

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
        revoked_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX invitations_code ON invitations(code);
      CREATE INDEX invitations_association ON invitations(association_id);
    `);
  },
};
