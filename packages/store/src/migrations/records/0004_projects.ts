import type { Migration } from '../types.ts';

/**
 * Projects as records: the project, its members with roles, pledges and expenses (amounts in
 * integer minor units of their currency), milestones and public progress updates.
 */
export const m0004_projects: Migration = {
  id: 4,
  name: 'projects',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        summary TEXT,
        sector TEXT NOT NULL,
        region TEXT NOT NULL,
        settlement TEXT,
        organisation TEXT,
        status TEXT NOT NULL,
        budget_amount INTEGER,
        budget_currency TEXT,
        association_id TEXT,
        partner_id TEXT,
        is_public INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX projects_association ON projects(association_id) WHERE association_id IS NOT NULL;

      CREATE TABLE project_members (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        role TEXT NOT NULL,
        added_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX project_members_project ON project_members(project_id);
      CREATE INDEX project_members_account ON project_members(account_id);

      CREATE TABLE pledges (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        pledger_id TEXT,
        donor_name TEXT,
        anonymous INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        received_on TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX pledges_project ON pledges(project_id);

      CREATE TABLE expenses (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        purpose TEXT NOT NULL,
        spent_on TEXT,
        receipt_url TEXT,
        receipt_file_id TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX expenses_project ON expenses(project_id);

      CREATE TABLE milestones (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        title TEXT NOT NULL,
        due_date TEXT,
        done INTEGER NOT NULL,
        progress INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX milestones_project ON milestones(project_id);

      CREATE TABLE project_updates (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        text TEXT NOT NULL,
        date TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        _version INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX project_updates_project ON project_updates(project_id);
    `);
  },
};
