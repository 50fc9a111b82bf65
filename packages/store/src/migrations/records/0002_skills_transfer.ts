import type { Migration } from '../types.ts';

/** Skills transfer: members' offers, needs posted from home, engagements, notifications. */
export const m0002_skills_transfer: Migration = {
  id: 2,
  name: 'skills_transfer',
  up(db) {
    db.exec(`
      CREATE TABLE offers (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        sectors TEXT NOT NULL,
        skills TEXT NOT NULL,
        formats TEXT NOT NULL,
        availability TEXT,
        languages TEXT NOT NULL,
        regions TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX offers_account ON offers(account_id);

      CREATE TABLE needs (
        id TEXT PRIMARY KEY,
        posted_by TEXT NOT NULL,
        organisation TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT,
        sector TEXT NOT NULL,
        region TEXT NOT NULL,
        settlement TEXT,
        skills TEXT NOT NULL,
        formats TEXT NOT NULL,
        languages TEXT NOT NULL,
        duration TEXT,
        start_date TEXT,
        end_date TEXT,
        target_group TEXT,
        country TEXT,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX needs_posted_by ON needs(posted_by);

      CREATE TABLE engagements (
        id TEXT PRIMARY KEY,
        need_id TEXT,
        offer_id TEXT,
        member_id TEXT NOT NULL,
        partner_id TEXT NOT NULL,
        proposed_by TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT,
        hours INTEGER,
        beneficiaries INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        completed_at TEXT,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX engagements_member ON engagements(member_id);
      CREATE INDEX engagements_partner ON engagements(partner_id);
      CREATE INDEX engagements_need ON engagements(need_id);

      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        actor_id TEXT,
        created_at TEXT NOT NULL,
        read_at TEXT,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX notifications_account ON notifications(account_id, created_at);
    `);
  },
};
