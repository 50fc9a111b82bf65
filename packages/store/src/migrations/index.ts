import { m0001_initial } from './records/0001_initial.ts';
import { s0001_initial } from './server/0001_initial.ts';
import { c0001_initial } from './client/0001_initial.ts';
import { m0002_skills_transfer } from './records/0002_skills_transfer.ts';
import { s0002_skills_transfer } from './server/0002_skills_transfer.ts';
import { c0002_search_snapshot } from './client/0002_search_snapshot.ts';
import { m0003_roster } from './records/0003_roster.ts';
import { s0003_roster } from './server/0003_roster.ts';
import { m0004_projects } from './records/0004_projects.ts';
import { s0004_projects } from './server/0004_projects.ts';
import { s0005_ydocs } from './server/0005_ydocs.ts';
import { c0003_ydocs } from './client/0003_ydocs.ts';
import { c0004_pinned } from './client/0004_pinned.ts';
import { m0005_awards } from './records/0005_awards.ts';
import { s0006_awards } from './server/0006_awards.ts';
import { s0007_audit } from './server/0007_audit.ts';
import type { MigrationSet } from './types.ts';

export type { Migration, MigrationSet } from './types.ts';

/** Append only: never edit or reorder a landed migration. */
export const RECORD_MIGRATIONS: MigrationSet = { namespace: 'records', migrations: [m0001_initial, m0002_skills_transfer, m0003_roster, m0004_projects, m0005_awards] };
export const SERVER_MIGRATIONS: MigrationSet = { namespace: 'server', migrations: [s0001_initial, s0002_skills_transfer, s0003_roster, s0004_projects, s0005_ydocs, s0006_awards, s0007_audit] };
export const CLIENT_MIGRATIONS: MigrationSet = { namespace: 'client', migrations: [c0001_initial, c0002_search_snapshot, c0003_ydocs, c0004_pinned] };
