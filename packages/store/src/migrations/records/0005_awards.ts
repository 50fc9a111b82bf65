import type { Migration } from '../types.ts';

/**
 * The Mykty Mekendesh award as records: cycles, nominations, reviewer assignments, reviews
 * and committee votes. Lists and trilingual texts are JSON columns.
 */
export const m0005_awards: Migration = {
  id: 5,
  name: 'awards',
  up(db) {
    db.exec(`
      CREATE TABLE award_cycles (
        id TEXT PRIMARY KEY,
        year INTEGER NOT NULL,
        title TEXT NOT NULL,
        categories TEXT NOT NULL,
        nominations_open TEXT NOT NULL,
        nominations_close TEXT NOT NULL,
        review_end TEXT NOT NULL,
        announcement TEXT NOT NULL,
        rubric TEXT NOT NULL,
        committee TEXT NOT NULL,
        reviewers_per_nomination INTEGER NOT NULL,
        quorum INTEGER NOT NULL,
        winner_cooldown_cycles INTEGER NOT NULL,
        nominator_cap INTEGER NOT NULL,
        published INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE nominations (
        id TEXT PRIMARY KEY,
        cycle_id TEXT NOT NULL,
        category_id TEXT NOT NULL,
        nominee_account_id TEXT,
        nominee_name TEXT NOT NULL,
        nominee_country TEXT,
        nominee_city TEXT,
        statement TEXT NOT NULL,
        statement_lang TEXT NOT NULL,
        evidence_links TEXT NOT NULL,
        evidence_refs TEXT NOT NULL,
        evidence_files TEXT NOT NULL,
        nominator_id TEXT NOT NULL,
        association_id TEXT,
        status TEXT NOT NULL,
        ineligible_reason TEXT,
        status_note TEXT,
        consent TEXT NOT NULL,
        consent_at TEXT,
        consent_by TEXT,
        decisions TEXT NOT NULL,
        submitted_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX nominations_cycle ON nominations(cycle_id, category_id);
      CREATE INDEX nominations_nominator ON nominations(nominator_id);
      CREATE INDEX nominations_nominee ON nominations(nominee_account_id) WHERE nominee_account_id IS NOT NULL;

      CREATE TABLE review_assignments (
        id TEXT PRIMARY KEY,
        cycle_id TEXT NOT NULL,
        nomination_id TEXT NOT NULL,
        reviewer_id TEXT NOT NULL,
        status TEXT NOT NULL,
        conflict_note TEXT,
        assigned_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX review_assignments_nomination ON review_assignments(nomination_id);
      CREATE INDEX review_assignments_reviewer ON review_assignments(reviewer_id);

      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        assignment_id TEXT NOT NULL,
        cycle_id TEXT NOT NULL,
        nomination_id TEXT NOT NULL,
        reviewer_id TEXT NOT NULL,
        scores TEXT NOT NULL,
        comment TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX reviews_nomination ON reviews(nomination_id);
      CREATE INDEX reviews_reviewer ON reviews(reviewer_id);

      CREATE TABLE award_votes (
        id TEXT PRIMARY KEY,
        cycle_id TEXT NOT NULL,
        nomination_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        voter_id TEXT NOT NULL,
        vote TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX award_votes_nomination ON award_votes(nomination_id, stage);

      CREATE TABLE endorsements (
        id TEXT PRIMARY KEY,
        nomination_id TEXT NOT NULL,
        cycle_id TEXT NOT NULL,
        nominator_id TEXT NOT NULL,
        invited_name TEXT NOT NULL,
        endorser_name TEXT,
        endorser_relation TEXT,
        text TEXT,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_at TEXT,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX endorsements_nomination ON endorsements(nomination_id);
    `);
  },
};
