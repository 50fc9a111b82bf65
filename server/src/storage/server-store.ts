import {
  DomainError,
  PULL_PAGE_SIZE,
  TABLES,
  projectProfile,
  relationTo,
  canReadRow,
  fail,
  type Change,
  type MutationEnvelope,
  type MutationResult,
  type Profile,
  type PullResponse,
  type PushResponse,
  type RecordTypes,
  type TableName,
} from '@mekendesh/core';
import { Records, decodeRow, parseMutation, runMutation, selectColumns, type SqlDriver, type SqlRow, type WriteObserver } from '@mekendesh/store';

type ChangeRow = { tbl: TableName; row_id: string; version: number; deleted: number; tombstone: string | null };

/**
 * The server's storage boundary for records and sync. Everything the HTTP layer does with
 * records goes through here, so another backend (PostgreSQL) replaces this module, not the
 * routes. Each public method is one transaction.
 */
export class ServerStore {
  readonly records: Records;
  readonly serverId: string;

  constructor(
    readonly db: SqlDriver,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const observer: WriteObserver = {
      afterWrite: (table, id, deleted) => this.logChange(table, id, deleted),
      touched: (table, id) => {
        if (this.db.get(`SELECT 1 FROM ${table} WHERE id = ?`, [id])) this.logChange(table, id);
      },
      accessChanged: (accountId) => {
        this.db.run('UPDATE credentials SET access_epoch = access_epoch + 1 WHERE account_id = ?', [accountId]);
      },
    };
    this.records = new Records(db, observer);
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

  /** Every record write gets the next version; pull sends rows whose version is past the cursor. */
  private logChange(table: TableName, id: string, deleted?: RecordTypes[TableName]): void {
    const next = (this.db.get<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM sync_changes')?.v ?? 1);
    this.db.run(
      `INSERT INTO sync_changes (tbl, row_id, version, deleted, tombstone) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(tbl, row_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, tombstone = excluded.tombstone`,
      [table, id, Number(next), deleted ? 1 : 0, deleted ? JSON.stringify(deleted) : null],
    );
  }

  private meta(key: string): string | null {
    return this.db.get<{ value: string }>('SELECT value FROM server_meta WHERE key = ?', [key])?.value ?? null;
  }

  /** Registers a client id to an account on first use; refuses one that belongs to another account. */
  private ensureClient(clientId: string, accountId: string): number {
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
    this.db.run('UPDATE sync_clients SET last_seen_at = ? WHERE id = ?', [now, clientId]);
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
    return this.db.transaction(() => {
      let last = this.ensureClient(clientId, accountId);
      const malformed: { id: number; error: string; issues?: unknown }[] = [];
      for (const m of mutations) {
        if (m.id <= last) continue;
        try {
          parseMutation(m.name, m.args);
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
          this.db.transaction(() =>
            runMutation(this.records, m.name, m.args, { viewer: this.records.viewer(accountId), now, side: 'server' }),
          );
          results.push({ id: m.id, status: 'applied' });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          this.db.run('INSERT INTO sync_rejections (client_id, mutation_id, error, detail) VALUES (?, ?, ?, ?)', [
            clientId, m.id, err.code, err.detail === undefined ? null : JSON.stringify(err.detail),
          ]);
          results.push({ id: m.id, status: 'rejected', error: err.code, detail: err.detail });
        }
        last = m.id;
      }
      this.db.run('UPDATE sync_clients SET last_mutation_id = ? WHERE id = ?', [last, clientId]);
      return { ok: true, lastMutationId: last, results };
    });
  }

  /**
   * The changes since `cursor` that the account may see, with profile fields projected for
   * it. The cursor carries the server id and the account's access epoch: when either moved
   * (another database, or what the account may see changed), the client starts over.
   */
  pull(accountId: string, clientId: string, cursor: string | null, pageSize = PULL_PAGE_SIZE): PullResponse {
    // A read transaction gives one consistent snapshot for the whole page.
    return this.db.transaction(() => {
      const last = this.ensureClient(clientId, accountId);
      const epoch = this.db.get<{ access_epoch: number }>('SELECT access_epoch FROM credentials WHERE account_id = ?', [accountId])
        ?.access_epoch ?? 0;
      const parsed = parseCursor(cursor);
      const reset = !parsed || parsed.serverId !== this.serverId || parsed.epoch !== Number(epoch);
      const from = reset ? 0 : parsed.version;
      const entries = this.db.all<ChangeRow>(
        'SELECT tbl, row_id, version, deleted, tombstone FROM sync_changes WHERE version > ? ORDER BY version LIMIT ?',
        [from, pageSize],
      );
      const changes = this.visibleChanges(accountId, entries, reset);
      const version = entries.length > 0 ? entries[entries.length - 1]!.version : from;
      return {
        ok: true,
        cursor: `${this.serverId}.${epoch}.${version}`,
        lastMutationId: last,
        reset,
        more: entries.length === pageSize,
        changes,
      };
    });
  }

  private visibleChanges(accountId: string, entries: readonly ChangeRow[], initial: boolean): Change[] {
    const viewer = this.records.viewer(accountId);
    const byTable = new Map<TableName, string[]>();
    for (const e of entries) {
      if (e.deleted) continue;
      const ids = byTable.get(e.tbl) ?? [];
      ids.push(e.row_id);
      byTable.set(e.tbl, ids);
    }
    const rows = new Map<string, unknown>();
    for (const [table, ids] of byTable) {
      if (!TABLES.includes(table)) continue;
      const found = this.db.all<SqlRow>(
        `SELECT ${selectColumns(table)} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(ids)],
      );
      for (const r of found) rows.set(`${table}:${r.id as string}`, decodeRow(table, r));
    }
    const profileIds = byTable.get('profiles') ?? [];
    const shared = this.records.sharedAssociationOwners(viewer, profileIds);
    const out: Change[] = [];
    for (const e of entries) {
      if (e.deleted) {
        // A delete reveals only an id, and only to a viewer who could see the row.
        if (initial || !e.tombstone) continue;
        const last = JSON.parse(e.tombstone) as unknown;
        const visible = e.tbl === 'profiles' ? true : canReadRow(e.tbl, last, viewer);
        if (visible) out.push({ op: 'del', table: e.tbl, id: e.row_id } as Change);
        continue;
      }
      const row = rows.get(`${e.tbl}:${e.row_id}`);
      if (!row) continue;
      if (e.tbl === 'profiles') {
        const profile = row as Profile;
        const view = projectProfile(profile, relationTo(viewer, profile.id, shared.has(profile.id)));
        if (view) out.push({ op: 'put', table: 'profiles', row: view });
        else if (!initial) out.push({ op: 'del', table: 'profiles', id: profile.id });
      } else if (canReadRow(e.tbl, row, viewer)) {
        out.push({ op: 'put', table: e.tbl, row } as Change);
      }
    }
    return out;
  }
}

function parseCursor(cursor: string | null): { serverId: string; epoch: number; version: number } | null {
  if (!cursor) return null;
  const m = /^([a-f0-9]{16})\.(\d+)\.(\d+)$/.exec(cursor);
  if (!m) return null;
  return { serverId: m[1]!, epoch: Number(m[2]), version: Number(m[3]) };
}
