import { EMPTY_PROFILE_FIELDS, EMPTY_ROSTER_FIELDS, PROFILE_FIELDS, VISIBILITY_LEVELS, type RecordTypes, type TableName, type TableRows } from '@mekendesh/core';
import type { SqlRow, SqlValue } from './driver.ts';

type Kind = 'text' | 'int' | 'bool' | 'json';

/**
 * One SQL column: a single field, or (`packed`) several fields kept together as one JSON
 * object. Packing keeps wide records cheap to move: a pull binds one value per row instead of
 * one per field, and the bytes go from the server's row to the client's row untouched.
 */
export type ColumnSpec =
  | { column: string; kind: Kind; field: string }
  /** An object of levels, one digit per key in a fixed order (e.g. per-field visibility: "1102…"). */
  | { column: string; kind: 'levels'; field: string; keys: readonly string[]; levels: readonly string[] }
  | { column: string; kind: 'packed'; fields: readonly string[]; defaults: Readonly<Record<string, unknown>> };

/** How one synced table maps between its domain objects (camelCase) and SQL rows (snake_case). */
export interface TableSpec {
  name: TableName;
  columns: readonly ColumnSpec[];
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
type Packed = { packed: Readonly<Record<string, unknown>> };
type Levels = { keys: readonly string[]; levels: readonly string[] };
const spec = (name: TableName, fields: Record<string, Kind | Packed | Levels>): TableSpec => ({
  name,
  columns: Object.entries(fields).map(([key, kind]): ColumnSpec =>
    typeof kind === 'string'
      ? { field: key, column: snake(key), kind }
      : 'packed' in kind
        ? { column: key, kind: 'packed', fields: Object.keys(kind.packed), defaults: kind.packed }
        : { column: snake(key), kind: 'levels', field: key, keys: kind.keys, levels: kind.levels },
  ),
});

export const TABLE_SPECS: { [T in TableName]: TableSpec } = {
  accounts: spec('accounts', {
    id: 'text', email: 'text', displayName: 'text', roles: 'json', locale: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  associations: spec('associations', {
    id: 'text', name: 'text', nameLatin: 'text', country: 'text', city: 'text', description: 'text',
    contactEmail: 'text', verified: 'bool', createdBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  memberships: spec('memberships', {
    id: 'text', associationId: 'text', accountId: 'text', status: 'text', role: 'text', message: 'text',
    requestedAt: 'text', decidedAt: 'text', decidedBy: 'text', updatedAt: 'text',
  }),
  profiles: spec('profiles', {
    id: 'text',
    // A field absent from the JSON (hidden from this viewer) reads as its empty value.
    data: { packed: EMPTY_PROFILE_FIELDS },
    // Sent to the owner only; the server's SQL reads each field's level by position.
    visibility: { keys: PROFILE_FIELDS, levels: VISIBILITY_LEVELS },
    createdAt: 'text',
    updatedAt: 'text',
  }),
  offers: spec('offers', {
    id: 'text', accountId: 'text', title: 'text', description: 'text', sectors: 'json', skills: 'json', formats: 'json',
    availability: 'text', languages: 'json', regions: 'json', status: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  needs: spec('needs', {
    id: 'text', postedBy: 'text', organisation: 'text', title: 'text', description: 'text', sector: 'text', region: 'text',
    settlement: 'text', skills: 'json', formats: 'json', languages: 'json', duration: 'text', startDate: 'text',
    endDate: 'text', targetGroup: 'text', country: 'text', status: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  engagements: spec('engagements', {
    id: 'text', needId: 'text', offerId: 'text', memberId: 'text', partnerId: 'text', proposedBy: 'text', status: 'text',
    message: 'text', hours: 'int', beneficiaries: 'int', createdAt: 'text', updatedAt: 'text', completedAt: 'text',
  }),
  notifications: spec('notifications', {
    id: 'text', accountId: 'text', kind: 'text', subjectId: 'text', actorId: 'text', createdAt: 'text', readAt: 'text',
  }),
  invitations: spec('invitations', {
    id: 'text', associationId: 'text', code: 'text', createdBy: 'text', createdAt: 'text', expiresAt: 'text',
    maxUses: 'int', uses: 'int', requiresApproval: 'bool', revokedAt: 'text',
  }),
  // A roster runs to 50,000 entries: the person's fields travel as one packed JSON value.
  roster: spec('roster', {
    id: 'text', associationId: 'text', accountId: 'text', data: { packed: EMPTY_ROSTER_FIELDS }, importBatchId: 'text',
    createdAt: 'text', updatedAt: 'text',
  }),
  roster_imports: spec('roster_imports', {
    id: 'text', associationId: 'text', fileName: 'text', createdBy: 'text', createdAt: 'text', created: 'int', merged: 'int',
    mergedBefore: 'json', undoneAt: 'text', updatedAt: 'text',
  }),
  projects: spec('projects', {
    id: 'text', title: 'text', summary: 'text', sector: 'text', region: 'text', settlement: 'text', organisation: 'text',
    status: 'text', budgetAmount: 'int', budgetCurrency: 'text', associationId: 'text', partnerId: 'text', isPublic: 'bool',
    createdBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  project_members: spec('project_members', {
    id: 'text', projectId: 'text', accountId: 'text', role: 'text', addedBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  pledges: spec('pledges', {
    id: 'text', projectId: 'text', pledgerId: 'text', donorName: 'text', anonymous: 'bool', amount: 'int', currency: 'text',
    status: 'text', note: 'text', receivedOn: 'text', createdBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  expenses: spec('expenses', {
    id: 'text', projectId: 'text', amount: 'int', currency: 'text', purpose: 'text', spentOn: 'text', receiptUrl: 'text',
    receiptFileId: 'text', createdBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  milestones: spec('milestones', {
    id: 'text', projectId: 'text', title: 'text', dueDate: 'text', done: 'bool', progress: 'int', createdAt: 'text', updatedAt: 'text',
  }),
  project_updates: spec('project_updates', {
    id: 'text', projectId: 'text', text: 'text', date: 'text', authorId: 'text', authorName: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  award_cycles: spec('award_cycles', {
    id: 'text', year: 'int', title: 'json', categories: 'json', nominationsOpen: 'text', nominationsClose: 'text', reviewEnd: 'text',
    announcement: 'text', rubric: 'json', committee: 'json', reviewersPerNomination: 'int', quorum: 'int', winnerCooldownCycles: 'int',
    nominatorCap: 'int', published: 'bool', createdBy: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  nominations: spec('nominations', {
    id: 'text', cycleId: 'text', categoryId: 'text', nomineeAccountId: 'text', nomineeName: 'text', nomineeCountry: 'text', nomineeCity: 'text',
    statement: 'text', statementLang: 'text', evidenceLinks: 'json', evidenceRefs: 'json', evidenceFiles: 'json', nominatorId: 'text', associationId: 'text',
    status: 'text', ineligibleReason: 'text', statusNote: 'text', consent: 'text', consentAt: 'text', consentBy: 'text', decisions: 'json',
    submittedAt: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  review_assignments: spec('review_assignments', {
    id: 'text', cycleId: 'text', nominationId: 'text', reviewerId: 'text', status: 'text', conflictNote: 'text', assignedBy: 'text',
    createdAt: 'text', updatedAt: 'text',
  }),
  reviews: spec('reviews', {
    id: 'text', assignmentId: 'text', cycleId: 'text', nominationId: 'text', reviewerId: 'text', scores: 'json', comment: 'text', status: 'text',
    submittedAt: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  award_votes: spec('award_votes', {
    id: 'text', cycleId: 'text', nominationId: 'text', stage: 'text', voterId: 'text', vote: 'text', createdAt: 'text', updatedAt: 'text',
  }),
  endorsements: spec('endorsements', {
    id: 'text', nominationId: 'text', cycleId: 'text', nominatorId: 'text', invitedName: 'text', endorserName: 'text', endorserRelation: 'text',
    text: 'text', status: 'text', createdAt: 'text', receivedAt: 'text', updatedAt: 'text',
  }),
};

function toSql(kind: Kind, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'bool':
      return value ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    default:
      return value as SqlValue;
  }
}

function fromSql(kind: Kind, value: SqlValue): unknown {
  if (value === null) return null;
  switch (kind) {
    case 'bool':
      return value === 1 || value === 1n;
    case 'json':
      return JSON.parse(value as string);
    case 'int':
      return typeof value === 'bigint' ? Number(value) : value;
    default:
      return value;
  }
}

/** Encodes a domain row as SQL parameters, in column order. */
export function encodeRow<T extends TableName>(table: T, row: RecordTypes[T]): SqlValue[] {
  const r = row as unknown as Record<string, unknown>;
  return TABLE_SPECS[table].columns.map((c) => {
    if (c.kind === 'levels') {
      const v = r[c.field] as Record<string, string> | null | undefined;
      // An unknown or missing level is stored as the last (most private) one: fail closed.
      const last = c.levels.length - 1;
      return v ? c.keys.map((k) => { const i = c.levels.indexOf(v[k] ?? ''); return i < 0 ? last : i; }).join('') : null;
    }
    if (c.kind !== 'packed') return toSql(c.kind, r[c.field]);
    // Empty values are left out: they decode from the defaults, and every byte saved is
    // saved on every pull of every row.
    const packed: Record<string, unknown> = {};
    for (const f of c.fields) {
      const v = r[f];
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      packed[f] = v;
    }
    return JSON.stringify(packed);
  });
}

/** Decodes a SQL row (as returned by `SELECT *`) into a domain row. */
export function decodeRow<T extends TableName>(table: T, row: SqlRow): RecordTypes[T] {
  const out: Record<string, unknown> = {};
  for (const c of TABLE_SPECS[table].columns) {
    if (c.kind === 'levels') {
      const v = row[c.column] as string | null;
      out[c.field] = v === null || v === undefined ? null : Object.fromEntries(c.keys.map((k, i) => [k, c.levels[Number(v[i] ?? c.levels.length - 1)] ?? c.levels[c.levels.length - 1]]));
      continue;
    }
    if (c.kind !== 'packed') {
      out[c.field] = fromSql(c.kind, row[c.column] ?? null);
      continue;
    }
    const packed = JSON.parse((row[c.column] as string | null) ?? '{}') as Record<string, unknown>;
    for (const f of c.fields) out[f] = f in packed ? packed[f] : (c.defaults[f] ?? null);
  }
  return out as unknown as RecordTypes[T];
}

const upsertSql = new Map<TableName, string>();
/** `INSERT … ON CONFLICT(id) DO UPDATE` for a table; cached, so statements are prepared once. */
export function upsertStatement(table: TableName): string {
  let sql = upsertSql.get(table);
  if (!sql) {
    const cols = TABLE_SPECS[table].columns.map((c) => c.column);
    sql =
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
      `ON CONFLICT(id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;
    upsertSql.set(table, sql);
  }
  return sql;
}

/** The column list of a table, for SELECTs that must not pick up host-specific columns. */
export function selectColumns(table: TableName): string {
  return TABLE_SPECS[table].columns.map((c) => c.column).join(', ');
}

/** Decodes the row images of a pull page into domain rows (for tools and tests; sync applies them as SQL). */
export function decodeTableRows<T extends TableName>(rows: TableRows & { table: T }): RecordTypes[T][] {
  return rows.rows.map((values) => {
    const row: SqlRow = {};
    rows.columns.forEach((c, i) => (row[c] = values[i] ?? null));
    return decodeRow(rows.table, row);
  });
}
