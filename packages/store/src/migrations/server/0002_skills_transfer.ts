import type { Migration } from '../types.ts';

/** Pull scans the skills-transfer tables by version, like the others. */
export const s0002_skills_transfer: Migration = {
  id: 2,
  name: 'skills_transfer',
  up(db) {
    db.exec(`
      CREATE INDEX offers_version ON offers(_version);
      CREATE INDEX needs_version ON needs(_version);
      CREATE INDEX engagements_version ON engagements(_version);
      CREATE INDEX notifications_version ON notifications(_version);
    `);
  },
};
