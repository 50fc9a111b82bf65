import type { Migration } from '../types.ts';

/** Pull scans the roster tables by version, like the others. */
export const s0003_roster: Migration = {
  id: 3,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE INDEX roster_version ON roster(_version);
      CREATE INDEX roster_imports_version ON roster_imports(_version);
    `);
  },
};
