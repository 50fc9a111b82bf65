import type { AssociationRole, MembershipStatus, ProjectMember, ProjectRole, RecordTypes, TableName, Viewer, AccountRole } from '@mekendesh/core';
import type { SqlDriver, SqlRow } from './driver.ts';
import { decodeRow, encodeRow, selectColumns, upsertStatement } from './tables.ts';

/**
 * What each host does around a record write. The server stamps a change version; the
 * client keeps a before-image so it can rebase. Both are called inside the caller's
 * transaction.
 */
export interface WriteObserver {
  /** Before a row changes; `before` is its current value, or undefined when new. */
  beforeWrite?(table: TableName, id: string, before: RecordTypes[TableName] | undefined): void;
  /** After a row changed: the row as written, or its last value when it was deleted. */
  afterWrite?(table: TableName, id: string, change: { written: RecordTypes[TableName] } | { deleted: RecordTypes[TableName] }): void;
  /** A row's visible content changed without a write (e.g. who may see it); resend it. */
  touched?(table: TableName, id: string): void;
  /** What the account may see changed (memberships, roles): its clients must resync. */
  accessChanged?(accountId: string): void;
}

/**
 * Typed access to the synced tables over a {@link SqlDriver}. All writes by mutators go
 * through `put` and `del`, which is what lets each host observe them.
 */
export class Records {
  constructor(
    readonly db: SqlDriver,
    private observer: WriteObserver = {},
  ) {}

  /** Runs `fn` with another observer, e.g. while replaying a mutation on the client. */
  withObserver<T>(observer: WriteObserver, fn: () => T): T {
    const previous = this.observer;
    this.observer = observer;
    try {
      return fn();
    } finally {
      this.observer = previous;
    }
  }

  get<T extends TableName>(table: T, id: string): RecordTypes[T] | undefined {
    const row = this.db.get<SqlRow>(`SELECT ${selectColumns(table)} FROM ${table} WHERE id = ?`, [id]);
    return row ? decodeRow(table, row) : undefined;
  }

  /** Rows matching a WHERE clause (trusted SQL written in this package, values bound). */
  where<T extends TableName>(table: T, clause: string, params: (string | number | null)[] = []): RecordTypes[T][] {
    return this.db
      .all<SqlRow>(`SELECT ${selectColumns(table)} FROM ${table} WHERE ${clause}`, params)
      .map((r) => decodeRow(table, r));
  }

  put<T extends TableName>(table: T, row: RecordTypes[T]): void {
    const id = (row as { id: string }).id;
    if (this.observer.beforeWrite) this.observer.beforeWrite(table, id, this.get(table, id));
    this.db.run(upsertStatement(table), encodeRow(table, row));
    this.observer.afterWrite?.(table, id, { written: row });
  }

  del(table: TableName, id: string): void {
    const before = this.get(table, id);
    if (!before) return;
    this.observer.beforeWrite?.(table, id, before);
    this.db.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
    this.observer.afterWrite?.(table, id, { deleted: before });
  }

  touch(table: TableName, id: string): void {
    this.observer.touched?.(table, id);
  }

  accessChanged(accountId: string): void {
    this.observer.accessChanged?.(accountId);
  }

  /** Builds the {@link Viewer} of an account from its account row and memberships. */
  viewer(accountId: string, fallbackRoles: readonly AccountRole[] = ['member']): Viewer {
    const account = this.get('accounts', accountId);
    const memberships = new Map<string, { status: MembershipStatus; role: AssociationRole }>();
    for (const m of this.where('memberships', "account_id = ? AND status IN ('pending', 'active')", [accountId])) {
      memberships.set(m.associationId, { status: m.status, role: m.role });
    }
    const projects = new Map<string, ProjectRole>();
    for (const m of this.where('project_members', 'account_id = ?', [accountId])) projects.set(m.projectId, m.role);
    const ids = (sql: string) => new Set(this.db.all<{ id: string }>(sql, [accountId]).map((r) => r.id));
    const committee = ids('SELECT id FROM award_cycles WHERE EXISTS (SELECT 1 FROM json_each(committee) WHERE value = ?)');
    const recused = ids("SELECT nomination_id AS id FROM review_assignments WHERE reviewer_id = ? AND status = 'recused'");
    const reviewed = ids("SELECT nomination_id AS id FROM reviews WHERE reviewer_id = ? AND status = 'submitted'");
    return { accountId, roles: account?.roles ?? fallbackRoles, memberships, projects, committee, recused, reviewed };
  }

  /** An account's assignment to review a nomination, if any (recused ones included). */
  reviewAssignmentOf(nominationId: string, accountId: string) {
    return this.where('review_assignments', 'nomination_id = ? AND reviewer_id = ?', [nominationId, accountId])[0];
  }

  /** An account's member row in a project, if any. */
  projectMember(projectId: string, accountId: string): ProjectMember | undefined {
    return this.where('project_members', 'project_id = ? AND account_id = ?', [projectId, accountId])[0];
  }

  /** Members with the `owner` role in a project. */
  ownerCount(projectId: string): number {
    const row = this.db.get<{ n: number }>("SELECT count(*) AS n FROM project_members WHERE project_id = ? AND role = 'owner'", [projectId]);
    return Number(row?.n ?? 0);
  }

  /** Active memberships with the `leader` role in an association. */
  leaderCount(associationId: string): number {
    const row = this.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM memberships WHERE association_id = ? AND status = 'active' AND role = 'leader'",
      [associationId],
    );
    return Number(row?.n ?? 0);
  }

  /** The open (pending or active) membership of an account in an association, if any. */
  openMembership(associationId: string, accountId: string) {
    return this.where('memberships', "association_id = ? AND account_id = ? AND status IN ('pending', 'active')", [
      associationId,
      accountId,
    ])[0];
  }
}
