import type { Migration } from '../types.ts';

/** Pull scans the award tables by version, like the others. */
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
    `);
  },
};
