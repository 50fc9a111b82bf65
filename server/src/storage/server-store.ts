import {
  DomainError,
  projectProfile,
  PULL_PAGE_SIZE,
  TABLES,
  canReadRow,
  fail,
  managedAssociations,
  hasRole,
  type MutationEnvelope,
  type ProjectRole,
  type MutationResult,
  type Profile,
  type PullResponse,
  type PushResponse,
  type RecordTypes,
  type TableName,
  type TableRows,
  type Viewer,
  type PublicProject,
  publicProjectView,
  PROJECT_EDITORS,
} from '@mekendesh/core';
import { createHash } from 'node:crypto';
import { AuditLog, type JsonValue } from '@mekendesh/audit';
import { Records, YDocStore, TABLE_SPECS, applyMutation, encodeRow, parseMutation, type SqlDriver, type SqlValue, type WriteObserver } from '@mekendesh/store';

type Cursor = { serverId: string; epoch: number; versions: number[]; tombstones: number };

const PROFILE_DATA = TABLE_SPECS.profiles.columns.findIndex((c) => c.column === 'data');
const COLUMNS = Object.fromEntries(TABLES.map((t) => [t, TABLE_SPECS[t].columns.map((c) => c.column)])) as Record<TableName, string[]>;
/**
 * Which rows of a table a viewer may receive, as SQL. Deny by default: a table missing here
 * sends nothing. Must agree with `canReadRow` in @mekendesh/core (a test checks both).
 * Profiles are all readable; their fields are projected afterwards.
 */
function visibilityClause(table: TableName, viewer: Viewer): { sql: string; params: SqlValue[]; once?: string } {
  const managed = JSON.stringify(managedAssociations(viewer));
  const projects = JSON.stringify([...(viewer.projects?.keys() ?? [])]);
  const coordinator = hasRole(viewer, 'coordinator') ? 1 : 0;
  const committee = JSON.stringify([...(viewer.committee ?? [])]);
  const recused = JSON.stringify([...(viewer.recused ?? [])]);
  switch (table) {
    case 'accounts':
      return { sql: 'id = ?', params: [viewer.accountId] };
    case 'associations':
    case 'profiles':
    case 'offers':
    case 'needs':
      return { sql: '1', params: [] };
    case 'engagements':
      return {
        sql: '(member_id = ? OR partner_id = ? OR ? = 1)',
        params: [viewer.accountId, viewer.accountId, hasRole(viewer, 'coordinator') ? 1 : 0],
      };
    case 'notifications':
      return { sql: 'account_id = ?', params: [viewer.accountId] };
    case 'memberships':
      return {
        sql: '(account_id = ? OR association_id IN (SELECT value FROM json_each(?)) OR ? = 1)',
        params: [viewer.accountId, managed, hasRole(viewer, 'coordinator') ? 1 : 0],
      };
    case 'invitations':
    case 'roster':
    case 'roster_imports':
      return { sql: 'association_id IN (SELECT value FROM json_each(?))', params: [managed] };
    // A project's description goes to its members and, while public, to everyone signed in.
    // `once`: rows that may have been sent before and are no longer visible (un-published);
    // their ids go to `dels` so those copies are dropped.
    case 'projects':
      return { sql: '(id IN (SELECT value FROM json_each(?)) OR is_public = 1)', params: [projects], once: 'ever_public = 1' };
    case 'pledges':
      return { sql: '(project_id IN (SELECT value FROM json_each(?)) OR pledger_id = ?)', params: [projects, viewer.accountId] };
    case 'project_members':
    case 'expenses':
    case 'milestones':
    case 'project_updates':
      return { sql: 'project_id IN (SELECT value FROM json_each(?))', params: [projects] };
    case 'award_cycles':
      return { sql: '(published = 1 OR ? = 1)', params: [coordinator] };
    case 'nominations':
      return {
        sql: `(nominator_id = ? OR (status <> 'draft' AND (? = 1 OR (cycle_id IN (SELECT value FROM json_each(?))
               AND id NOT IN (SELECT value FROM json_each(?))))))`,
        params: [viewer.accountId, coordinator, committee, recused],
      };
    case 'review_assignments':
      return { sql: '(reviewer_id = ? OR ? = 1)', params: [viewer.accountId, coordinator] };
    case 'reviews':
      return {
        sql: `(reviewer_id = ? OR (status = 'submitted' AND (? = 1 OR (cycle_id IN (SELECT value FROM json_each(?))
               AND nomination_id NOT IN (SELECT value FROM json_each(?)) AND nomination_id IN (SELECT value FROM json_each(?))))))`,
        params: [viewer.accountId, coordinator, committee, recused, JSON.stringify([...(viewer.reviewed ?? [])])],
      };
    case 'award_votes':
      return { sql: '(voter_id = ? OR ? = 1)', params: [viewer.accountId, coordinator] };
    case 'endorsements':
      return {
        sql: `(nominator_id = ? OR ? = 1 OR (cycle_id IN (SELECT value FROM json_each(?)) AND nomination_id NOT IN (SELECT value FROM json_each(?))))`,
        params: [viewer.accountId, coordinator, committee, recused],
      };
    default:
      return { sql: '0', params: [] };
  }
}

/**
 * The server's storage boundary for records and sync. Everything the HTTP layer does with
 * records goes through here, so another backend (PostgreSQL) replaces this module, not the
 * routes. Each public method is one transaction.
 */
export class ServerStore {
  readonly records: Records;
  readonly serverId: string;
  /** Workspace documents (Yjs): updates, snapshots and versions. */
  readonly ydocs: YDocStore;
  /** The append-only, hash-chained log of every award event (and refusal). */
  readonly audit: AuditLog;
  private accessDirty = false;
  private readonly accessListeners = new Set<() => void>();

  constructor(
    readonly db: SqlDriver,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const observer: WriteObserver = {
      afterWrite: (table, id, change) => this.stamp(table, id, change),
      touched: (table, id) => this.stamp(table, id, { touched: true }),
      accessChanged: (accountId) => {
        this.accessDirty = true;
        this.db.run('UPDATE credentials SET access_epoch = access_epoch + 1 WHERE account_id = ?', [accountId]);
      },
    };
    this.records = new Records(db, observer);
    this.ydocs = new YDocStore(db, () => this.now());
    this.audit = new AuditLog(db, { sha256: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()) });
    let id = this.meta('server_id');
    if (!id) {
      id = globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
      this.db.run('INSERT INTO server_meta (key, value) VALUES (?, ?)', ['server_id', id]);
    }
    this.serverId = id;
  }

  now(): string {
    return this.clock().toISOString();
  }

  clockNow(): Date {
    return this.clock();
  }

  /**
   * Gives a written row the next change version, so pulls past older cursors send it; a
   * deleted row leaves a tombstone with its last image instead.
   */
  private stamp(
    table: TableName,
    id: string,
    change: { written: RecordTypes[TableName] } | { deleted: RecordTypes[TableName] } | { touched: true },
  ): void {
    const version = Number(this.db.get<{ version: number }>('UPDATE sync_version SET version = version + 1 WHERE id = 1 RETURNING version')!.version);
    if ('deleted' in change) {
      // Receipt files go with their expense, or their project.
      if (table === 'expenses') this.db.run('DELETE FROM receipt_files WHERE expense_id = ?', [id]);
      if (table === 'projects') this.db.run('DELETE FROM receipt_files WHERE project_id = ?', [id]);
      this.db.run(
        `INSERT INTO sync_tombstones (tbl, row_id, version, last_row) VALUES (?, ?, ?, ?)
         ON CONFLICT(tbl, row_id) DO UPDATE SET version = excluded.version, last_row = excluded.last_row`,
        [table, id, version, JSON.stringify(change.deleted)],
      );
      return;
    }
    if (table === 'profiles' && 'written' in change) {
      // Precompute what others may see, with the same projection the rest of the code uses.
      const profile = change.written as Profile;
      const packed = (relation: 'members' | 'associations') => {
        const view = projectProfile(profile, relation);
        return view ? (encodeRow('profiles', view)[PROFILE_DATA] as string) : null;
      };
      this.db.run('UPDATE profiles SET _version = ?, data_members = ?, data_associations = ? WHERE id = ?', [
        version, packed('members'), packed('associations'), id,
      ]);
    } else if (table === 'projects') {
      this.db.run('UPDATE projects SET _version = ?, ever_public = max(ever_public, is_public) WHERE id = ?', [version, id]);
    } else {
      this.db.run(`UPDATE ${table} SET _version = ? WHERE id = ?`, [version, id]);
    }
    this.db.run('DELETE FROM sync_tombstones WHERE tbl = ? AND row_id = ?', [table, id]);
  }

  private meta(key: string): string | null {
    return this.db.get<{ value: string }>('SELECT value FROM server_meta WHERE key = ?', [key])?.value ?? null;
  }

  private tableRows(table: TableName, viewer: Viewer, after: number, limit: number): SqlValue[][] {
    const where = visibilityClause(table, viewer);
    if (where.once) {
      // Like profiles, a last column: 1 when the row is no longer visible (send its id to drop it).
      return this.db.values(
        `SELECT _version, ${COLUMNS[table].join(', ')}, CASE WHEN ${where.sql} THEN 0 ELSE 1 END FROM ${table}
          WHERE _version > ? AND (${where.sql} OR ${where.once}) ORDER BY _version LIMIT ?`,
        [...where.params, after, ...where.params, limit],
      );
    }
    return this.db.values(
      `SELECT _version, ${COLUMNS[table].join(', ')} FROM ${table} WHERE _version > ? AND ${where.sql} ORDER BY _version LIMIT ?`,
      [after, ...where.params, limit],
    );
  }

  private profileRows(viewer: Viewer, after: number, limit: number): SqlValue[][] {
    const active = [...viewer.memberships].filter(([, m]) => m.status === 'active').map(([id]) => id);
    return this.db.values(PROFILE_PAGE_SQL, [JSON.stringify(active), JSON.stringify(managedAssociations(viewer)), viewer.accountId, after, limit]);
  }

  /** Registers a client id to an account on first use; refuses one that belongs to another account. */
  private ensureClient(clientId: string, accountId: string, touch: boolean): number {
    const row = this.db.get<{ account_id: string; last_mutation_id: number }>(
      'SELECT account_id, last_mutation_id FROM sync_clients WHERE id = ?',
      [clientId],
    );
    const now = this.now();
    if (!row) {
      this.db.run('INSERT INTO sync_clients (id, account_id, last_mutation_id, created_at, last_seen_at) VALUES (?, ?, 0, ?, ?)', [
        clientId, accountId, now, now,
      ]);
      return 0;
    }
    if (row.account_id !== accountId) fail('client_mismatch');
    if (touch) this.db.run('UPDATE sync_clients SET last_seen_at = ? WHERE id = ?', [now, clientId]);
    return Number(row.last_mutation_id);
  }

  /**
   * Applies a batch of mutations, in order, exactly once per client. A mutation already
   * processed reports `duplicate` (or its stored rejection). Malformed new mutations
   * (unknown name, arguments failing the schema) refuse the whole batch before anything is
   * written. A mutator's refusal rejects that mutation alone.
   */
  push(accountId: string, clientId: string, mutations: readonly MutationEnvelope[]): PushResponse {
    for (let i = 1; i < mutations.length; i++) {
      if (mutations[i]!.id <= mutations[i - 1]!.id) fail('bad_request', { reason: 'ids_not_increasing' });
    }
    this.accessDirty = false;
    const res = this.pushInTransaction(accountId, clientId, mutations);
    // Roles or memberships changed: open workspace connections must be checked again now, so a
    // removed member stops receiving edits at once (they are also checked on every message).
    const touchesProjects = mutations.some((m) => m.name.startsWith('projectMember.') || m.name === 'project.delete');
    if (this.accessDirty || touchesProjects) {
      this.accessDirty = false;
      for (const fn of this.accessListeners) fn();
    }
    return res;
  }

  /**
   * Appends an audit event. Free text (statements, notes, comments, names) is kept as its
   * SHA-256 only: the log proves what was written without keeping personal words forever.
   */
  appendAudit(at: string, actor: string | null, kind: string, args: unknown, error: string | null): void {
    const a = (args ?? {}) as Record<string, unknown>;
    let subject = [a.nominationId, a.id, a.assignmentId, a.cycleId].find((v): v is string => typeof v === 'string') ?? null;
    // A review or an assignment belongs to a nomination's history.
    const assignment = subject ? this.records.get('review_assignments', subject) : undefined;
    if (assignment) subject = assignment.nominationId;
    const data: Record<string, JsonValue> = { args: redact(args) };
    if (error) data.error = error;
    if (subject) {
      const n = this.records.get('nominations', subject);
      if (n) data.status = n.status;
    }
    // Kinds are snake_case dotted names (`review.declare_conflict`), whatever the mutation's spelling.
    this.audit.append({ at, actor, kind: kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), subject, data });
  }

  /** Calls `fn` after a push that changed what some account may see or do. Returns an unsubscribe. */
  onAccessChange(fn: () => void): () => void {
    this.accessListeners.add(fn);
    return () => this.accessListeners.delete(fn);
  }

  /** The account's role in the project, or null when it is not a member (or the project is gone). */
  projectRole(projectId: string, accountId: string): ProjectRole | null {
    const row = this.db.get<{ role: string }>(
      'SELECT m.role FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.project_id = ? AND m.account_id = ?',
      [projectId, accountId],
    );
    return row ? (row.role as ProjectRole) : null;
  }

  private pushInTransaction(accountId: string, clientId: string, mutations: readonly MutationEnvelope[]): PushResponse {
    return this.db.transaction(() => {
      let last = this.ensureClient(clientId, accountId, true);
      const malformed: { id: number; error: string; issues?: unknown }[] = [];
      const parsed = new Map<number, ReturnType<typeof parseMutation>>();
      for (const m of mutations) {
        if (m.id <= last) continue;
        try {
          parsed.set(m.id, parseMutation(m.name, m.args));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          malformed.push({ id: m.id, error: err.code, issues: err.detail });
        }
      }
      if (malformed.length > 0) {
        const code = malformed.some((m) => m.error === 'unknown_mutation') ? 'unknown_mutation' : 'invalid_args';
        throw new DomainError(code, { mutations: malformed });
      }
      const results: MutationResult[] = [];
      const now = this.now();
      for (const m of mutations) {
        if (m.id <= last) {
          const stored = this.db.get<{ error: string; detail: string | null }>(
            'SELECT error, detail FROM sync_rejections WHERE client_id = ? AND mutation_id = ?',
            [clientId, m.id],
          );
          results.push(
            stored
              ? { id: m.id, status: 'rejected', error: stored.error as MutationResult['error'], detail: stored.detail ? JSON.parse(stored.detail) : undefined }
              : { id: m.id, status: 'duplicate' },
          );
          continue;
        }
        try {
          this.db.transaction(() => {
            applyMutation(this.records, parsed.get(m.id)!, { viewer: this.records.viewer(accountId), now, side: 'server' });
            // In the same transaction: the event is logged if and only if the change happened.
            if (isAudited(m.name)) this.appendAudit(now, accountId, m.name, parsed.get(m.id)!.args, null);
          });
          results.push({ id: m.id, status: 'applied' });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          this.db.run('INSERT INTO sync_rejections (client_id, mutation_id, error, detail) VALUES (?, ?, ?, ?)', [
            clientId, m.id, err.code, err.detail === undefined ? null : JSON.stringify(err.detail),
          ]);
          // Refused attempts are events too (a recused reviewer trying to score, a late nomination).
          if (isAudited(m.name)) this.appendAudit(now, accountId, `${m.name}.rejected`, parsed.get(m.id)!.args, err.code);
          results.push({ id: m.id, status: 'rejected', error: err.code, detail: err.detail });
        }
        last = m.id;
      }
      this.db.run('UPDATE sync_clients SET last_mutation_id = ? WHERE id = ?', [last, clientId]);
      return { ok: true, lastMutationId: last, results };
    });
  }

  /**
   * The rows changed since `cursor` that the account may see, with profile fields projected
   * for it, a page at a time. The cursor holds a version per table plus the server id and the
   * account's access epoch: when either of those moved (another database, or what the account
   * may see changed), the client starts over from an empty copy.
   */
  pull(accountId: string, clientId: string, cursor: string | null, pageSize = PULL_PAGE_SIZE): PullResponse {
    // One read transaction: every page is a consistent snapshot.
    return this.db.transaction(() => {
      const last = this.ensureClient(clientId, accountId, false);
      const epoch = Number(
        this.db.get<{ access_epoch: number }>('SELECT access_epoch FROM credentials WHERE account_id = ?', [accountId])?.access_epoch ?? 0,
      );
      const parsed = parseCursor(cursor);
      const current = Number(this.db.get<{ version: number }>('SELECT version FROM sync_version WHERE id = 1')!.version);
      // A cursor ahead of the counter comes from before a restore: start over, or rows written
      // until the counter catches up would never be sent.
      const reset =
        !parsed ||
        parsed.serverId !== this.serverId ||
        parsed.epoch !== epoch ||
        parsed.tombstones > current ||
        parsed.versions.some((v) => v > current);
      const versions = reset ? TABLES.map(() => 0) : [...parsed.versions];
      let tombstones = reset ? 0 : parsed.tombstones;
      const viewer = this.records.viewer(accountId);
      const puts: TableRows[] = [];
      const dels: PullResponse['dels'] = [];
      let budget = pageSize;
      let more = false;

      for (let i = 0; i < TABLES.length && !more; i++) {
        const table = TABLES[i]!;
        const rows = table === 'profiles' ? this.profileRows(viewer, versions[i]!, budget) : this.tableRows(table, viewer, versions[i]!, budget);
        const flagged = table === 'profiles' || visibilityClause(table, viewer).once !== undefined;
        if (rows.length < budget) {
          // Caught up with this table: skip past rows the viewer cannot see, so later pages
          // do not scan them again.
          versions[i] = Math.max(versions[i]!, Number(this.db.get<{ v: number | null }>(`SELECT max(_version) AS v FROM ${table}`)?.v ?? 0));
        } else {
          versions[i] = Number(rows[rows.length - 1]![0]);
          more = true;
        }
        if (rows.length === 0) continue;
        budget -= rows.length;
        const visible: (string | number | null)[][] = [];
        const hidden: string[] = [];
        // Column 0 is the version; profiles and projects add a last column, 1 when nothing is
        // left to see.
        for (const r of rows) {
          if (flagged && Number(r[r.length - 1]) === 1) hidden.push(r[1] as string);
          else visible.push((flagged ? r.slice(1, -1) : r.slice(1)) as (string | number | null)[]);
        }
        if (visible.length) puts.push({ table, columns: COLUMNS[table], rows: visible });
        if (hidden.length && !reset) dels.push({ table, ids: hidden });
      }

      if (!more) {
        const gone = this.db.all<{ tbl: TableName; row_id: string; version: number; last_row: string }>(
          'SELECT tbl, row_id, version, last_row FROM sync_tombstones WHERE version > ? ORDER BY version LIMIT ?',
          [tombstones, budget],
        );
        if (gone.length === budget) more = true;
        for (const g of gone) {
          tombstones = Number(g.version);
          // A deletion reveals an id, and only to a viewer who could see the row.
          if (reset || !TABLES.includes(g.tbl)) continue;
          if (g.tbl !== 'profiles' && !canReadRow(g.tbl, JSON.parse(g.last_row), viewer)) continue;
          const entry = dels.find((d) => d.table === g.tbl) ?? dels[dels.push({ table: g.tbl, ids: [] }) - 1]!;
          entry.ids.push(g.row_id);
        }
      }

      return {
        ok: true,
        cursor: `${this.serverId}.${epoch}.${versions.join('-')}.${tombstones}`,
        lastMutationId: last,
        reset,
        more,
        puts,
        dels,
      };
    });
  }

  /** The public view of a project, or null when there is none or it is not public. */
  publicProject(id: string): PublicProject | null {
    return this.db.transaction(() => {
      const project = this.records.get('projects', id);
      if (!project || !project.isPublic) return null;
      const association = project.associationId ? this.records.get('associations', project.associationId) : undefined;
      const of = <T extends 'pledges' | 'expenses' | 'milestones' | 'project_updates'>(table: T) => this.records.where(table, 'project_id = ?', [id]);
      return publicProjectView(project, association?.name ?? null, of('pledges'), of('expenses'), of('milestones'), of('project_updates'));
    });
  }

  /**
   * Stores a receipt file for an expense (the caller checked its type and size) and links it
   * from the expense, which then syncs to the project's members; a previous file is replaced.
   * Owners and editors only; a non-member learns nothing of a private project.
   */
  saveReceipt(accountId: string, projectId: string, expenseId: string, contentType: string, bytes: Uint8Array): { fileId: string; sha256: string } {
    return this.db.transaction(() => {
      const { expense } = this.projectAccess(accountId, projectId, expenseId, PROJECT_EDITORS);
      const fileId = `rcpt-${globalThis.crypto.randomUUID()}`;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      this.db.run('DELETE FROM receipt_files WHERE expense_id = ?', [expenseId]);
      this.db.run(
        `INSERT INTO receipt_files (id, project_id, expense_id, content_type, size, sha256, bytes, uploaded_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [fileId, projectId, expenseId, contentType, bytes.byteLength, sha256, bytes, accountId, this.now()],
      );
      this.records.put('expenses', { ...expense!, receiptFileId: fileId, updatedAt: this.now() });
      return { fileId, sha256 };
    });
  }

  /** A receipt file, for the members of its project only (any role); null otherwise. */
  receipt(accountId: string, projectId: string, fileId: string): { contentType: string; bytes: Uint8Array; expenseId: string } | null {
    return this.db.transaction(() => {
      const row = this.db.get<{ content_type: string; bytes: Uint8Array; expense_id: string }>(
        'SELECT content_type, bytes, expense_id FROM receipt_files WHERE id = ? AND project_id = ?',
        [fileId, projectId],
      );
      if (!row || !this.records.projectMember(projectId, accountId)) return null;
      return { contentType: row.content_type, bytes: row.bytes, expenseId: row.expense_id };
    });
  }

  /** The project (and expense) when the account holds one of `roles`; `not_found` or `forbidden` as the mutators say. */
  private projectAccess(accountId: string, projectId: string, expenseId: string | null, roles: readonly string[]) {
    const project = this.records.get('projects', projectId);
    const role = project ? this.records.projectMember(projectId, accountId)?.role : undefined;
    if (!project || (!role && !project.isPublic)) fail('not_found', { table: 'projects', id: projectId });
    const expense = expenseId ? this.records.get('expenses', expenseId) : undefined;
    if (expenseId && (!expense || expense.projectId !== projectId)) fail('not_found', { table: 'expenses', id: expenseId });
    if (!role || !roles.includes(role)) fail('forbidden', { role: role ?? null });
    return { project, expense, role };
  }
}

/**
 * A page of profiles as the viewer may see them. The projections were computed with
 * `projectProfile` when each profile was written; here SQL only picks one per row by the
 * viewer's relation to its owner (3 self, 2 shares an association, 1 any member). The last
 * column is 1 when nothing is left for the viewer to see.
 */
const PROFILE_PAGE_SQL = `
  WITH shared(account_id) AS (
    SELECT account_id FROM memberships
     WHERE status = 'active' AND association_id IN (SELECT value FROM json_each(?))
    UNION
    SELECT account_id FROM memberships
     WHERE status = 'pending' AND association_id IN (SELECT value FROM json_each(?))
  ),
  page AS (
    SELECT _version, id, data, data_members, data_associations, visibility, created_at, updated_at,
           CASE WHEN id = ? THEN 3 WHEN id IN (SELECT account_id FROM shared) THEN 2 ELSE 1 END AS rel
      FROM profiles WHERE _version > ? ORDER BY _version LIMIT ?
  )
  SELECT _version, id,
         CASE rel WHEN 3 THEN data WHEN 2 THEN data_associations ELSE data_members END,
         CASE WHEN rel = 3 THEN visibility END,
         created_at, updated_at,
         CASE rel WHEN 3 THEN 0 WHEN 2 THEN data_associations IS NULL ELSE data_members IS NULL END
    FROM page ORDER BY _version`;

function parseCursor(cursor: string | null): Cursor | null {
  if (!cursor) return null;
  const m = /^([a-f0-9]{16})\.(\d+)\.([\d-]+)\.(\d+)$/.exec(cursor);
  if (!m) return null;
  const versions = m[3]!.split('-').map(Number);
  if (versions.length !== TABLES.length || versions.some((v) => !Number.isSafeInteger(v))) return null;
  return { serverId: m[1]!, epoch: Number(m[2]), versions, tombstones: Number(m[4]) };
}

/** Mutations whose every run (and refusal) goes to the audit log: the award's. */
export function isAudited(name: string): boolean {
  return /^(awardCycle|nomination|review|award)\./.test(name);
}

const FREE_TEXT = new Set(['statement', 'note', 'comment', 'nomineeName', 'nomineeCity', 'title', 'invitedName', 'endorserName', 'endorserRelation', 'text', 'url', 'conflictNote', 'reason']);

/** Arguments as JSON for the audit log, with free text replaced by `sha256:<hex>`. */
function redact(value: unknown, key = ''): JsonValue {
  if (value === undefined) return null;
  if (typeof value === 'string') return FREE_TEXT.has(key) ? `sha256:${createHash('sha256').update(value).digest('hex')}` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = FREE_TEXT.has(key) && typeof v === 'string' ? redact(v, key) : redact(v, k);
    return out;
  }
  return null;
}
