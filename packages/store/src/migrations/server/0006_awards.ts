import type { Migration } from '../types.ts';

/**
 * Pull scans the award tables by version, like the others. Server-only: one-time link tokens
 * (endorsements, consent; only their SHA-256 is kept), evidence files (bytes in SQLite, behind
 * `AwardStore`) and issued credentials.
 */
export const s0006_awards: Migration = {
  id: 6,
  name: 'awards',
  up(db) {
    db.exec(`
      CREATE INDEX award_cycles_version ON award_cycles(_version);
      CREATE INDEX nominations_version ON nominations(_version);
      CREATE INDEX review_assignments_version ON review_assignments(_version);
      CREATE INDEX reviews_version ON reviews(_version);
      CREATE INDEX award_votes_version ON award_votes(_version);
      CREATE INDEX endorsements_version ON endorsements(_version);

      CREATE TABLE award_links (
        token_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT;
      CREATE INDEX award_links_subject ON award_links(subject_id);

      CREATE TABLE evidence_files (
        id TEXT PRIMARY KEY,
        nomination_id TEXT NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes BLOB NOT NULL,
        uploaded_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evidence_files_nomination ON evidence_files(nomination_id);

      CREATE TABLE credentials_issued (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject_ref TEXT NOT NULL,
        cycle_id TEXT,
        jws TEXT NOT NULL,
        kid TEXT NOT NULL,
        status_list TEXT NOT NULL,
        status_index INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        revoked_at TEXT,
        revoke_reason TEXT,
        UNIQUE (status_list, status_index)
      ) STRICT;
      CREATE UNIQUE INDEX credentials_issued_subject ON credentials_issued(kind, subject_ref);
    `);
  },
};
