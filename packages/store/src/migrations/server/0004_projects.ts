import type { Migration } from '../types.ts';

/**
 * Project tables on the server: version indexes for pull; `ever_public`, so un-publishing a
 * project tells those who may have pulled it to drop it (and no one else learns its id); and
 * the receipt files of expenses, kept here behind `ServerStore` (bytes in SQLite, at most
 * 5 MiB each).
 */
export const s0004_projects: Migration = {
  id: 4,
  name: 'projects',
  up(db) {
    db.exec(`
      CREATE INDEX projects_version ON projects(_version);
      CREATE INDEX project_members_version ON project_members(_version);
      CREATE INDEX pledges_version ON pledges(_version);
      CREATE INDEX expenses_version ON expenses(_version);
      CREATE INDEX milestones_version ON milestones(_version);
      CREATE INDEX project_updates_version ON project_updates(_version);

      ALTER TABLE projects ADD COLUMN ever_public INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE receipt_files (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        expense_id TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes BLOB NOT NULL,
        uploaded_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX receipt_files_project ON receipt_files(project_id);
      CREATE INDEX receipt_files_expense ON receipt_files(expense_id);
    `);
  },
};
