import {
  DomainError,
  MAX_PUSH_BATCH,
  type TableRows,
  type MutationArgs,
  type MutationName,
  type PullResponse,
  type ReasonCode,
  type RecordTypes,
  type TableName,
  TABLES,
} from '@mekendesh/core';
import {
  CLIENT_MIGRATIONS,
  RECORD_MIGRATIONS,
  Records,
  TABLE_SPECS,
  encodeRow,
  migrate,
  runMutation,
  upsertStatement,
  type SqlDriver,
  type WriteObserver,
} from '@mekendesh/store';
import { TransportError, type SyncTransport } from './transport.ts';

/** A mutation the server refused. It stays until the user fixes or discards it. */
export interface RejectedMutation {
  id: number;
  name: string;
  args: unknown;
  createdAt: string;
  error: ReasonCode;
  detail: unknown;
}

/**
 * Rows that changed in the local store, by table: after a pulled page (including rows a rebase
 * rolled back or replayed) or a local mutation. `all` when a reset replaced the whole table.
 */
export type StoreChanges = Partial<Record<TableName, Set<string> | 'all'>>;

/** What the UI shows about sync. */
export interface SyncStatus {
  /**
   * `idle`: all caught up as far as we know; `syncing`: a round trip is under way;
   * `offline`: the server cannot be reached, changes are saved on this device only;
   * `signed_out`: the session ended, sign in again to sync; `error`: the server refused a
   * whole request (see `lastError`), retried with backoff.
   */
  state: 'idle' | 'syncing' | 'offline' | 'signed_out' | 'error';
  /** Local changes not yet confirmed by the server. */
  pending: number;
  /** When the last full push and pull succeeded (ISO), or null. */
  lastSyncAt: string | null;
  rejected: RejectedMutation[];
  lastError: ReasonCode | null;
}

export interface SyncClientOptions {
  db: SqlDriver;
  transport: SyncTransport;
  /** The signed-in account; its local data is scoped to this client database. */
  accountId: string;
  now?: () => Date;
  /** How often to pull when nothing else triggers a sync. */
  pullIntervalMs?: number;
  /** Backoff after a failure: starts at `initial`, doubles up to `max`, with full jitter. */
  backoff?: { initialMs: number; maxMs: number };
  /** Debounce between a local mutation and its push. */
  pushDelayMs?: number;
  random?: () => number;
  /** Largest JSON size of one push body; stays well under the server's 1 MiB limit. */
  maxPushBytes?: number;
}

type OutboxRow = { id: number; name: string; args: string; created_at: string; status: string; error: string | null; detail: string | null };

const META = { clientId: 'client_id', accountId: 'account_id', cursor: 'cursor', nextMutationId: 'next_mutation_id', lastSyncAt: 'last_sync_at' } as const;

/**
 * The client half of record sync. Mutations apply to the local database at once and wait in
 * an outbox; a loop pushes them in order, pulls what changed, and rebases still-pending
 * mutations over the server's state. Works offline; catches up when the network returns.
 */
export class SyncClient {
  readonly records: Records;
  readonly clientId: string;
  private readonly db: SqlDriver;
  private readonly opts: Required<Omit<SyncClientOptions, 'db' | 'transport' | 'accountId'>>;
  private state: SyncStatus['state'] = 'idle';
  private lastError: ReasonCode | null = null;
  private listeners = new Set<(s: SyncStatus) => void>();
  private changeListeners = new Set<(c: StoreChanges) => void>();
  /** Rows touched in the transaction under way; reported once it commits. */
  private pendingChanges: StoreChanges = {};
  private running = false;
  private wake: (() => void) | null = null;
  /** A wake-up that came while a round was running: the loop goes again without sleeping. */
  private wakeRequested = false;
  private pushTimer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private loopDone: Promise<void> | null = null;

  constructor(private readonly options: SyncClientOptions) {
    this.db = options.db;
    this.opts = {
      now: options.now ?? (() => new Date()),
      pullIntervalMs: options.pullIntervalMs ?? 30_000,
      backoff: options.backoff ?? { initialMs: 500, maxMs: 60_000 },
      pushDelayMs: options.pushDelayMs ?? 50,
      random: options.random ?? Math.random,
      maxPushBytes: options.maxPushBytes ?? 512 * 1024,
    };
    migrate(this.db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
    this.records = new Records(this.db);
    const owner = this.meta(META.accountId);
    if (owner && owner !== options.accountId) {
      // One local database belongs to one account; a host opens another file per account.
      throw new DomainError('client_mismatch');
    }
    let clientId = this.meta(META.clientId);
    if (!clientId) {
      clientId = globalThis.crypto.randomUUID();
      this.db.transaction(() => {
        this.setMeta(META.clientId, clientId!);
        this.setMeta(META.accountId, options.accountId);
        this.setMeta(META.nextMutationId, '1');
      });
    }
    this.clientId = clientId;
    const mode = this.db.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode;
    const sync = this.db.get<{ synchronous: number }>('PRAGMA synchronous')?.synchronous;
    this.pullSynchronous = mode === 'wal' && Number(sync) > 1 ? { relaxed: 'NORMAL', normal: String(sync) } : null;
  }

  /**
   * In WAL mode a pulled page is committed without its own fsync (synchronous=NORMAL): after a
   * power loss the page and its cursor vanish together and are pulled again. Local mutations
   * keep the host's setting, so what the user did is on disk when `mutate` returns.
   */
  private readonly pullSynchronous: { relaxed: string; normal: string } | null;

  // ---- local writes ------------------------------------------------------------------

  /**
   * Applies a mutation locally and queues it. Throws a DomainError (and queues nothing) when
   * the arguments are invalid or the local data already shows it would be refused.
   */
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>): number {
    let id: number;
    try {
      id = this.mutateLocally(name, args);
    } catch (err) {
      this.flushChanges(false);
      throw err;
    }
    this.flushChanges(true);
    this.emit();
    this.schedulePush();
    return id;
  }

  private mutateLocally(name: MutationName, args: unknown): number {
    return this.db.transaction(() => {
      const id = Number(this.meta(META.nextMutationId));
      const createdAt = this.opts.now().toISOString();
      this.apply(id, name, args, createdAt);
      this.db.run('INSERT INTO sync_outbox (id, name, args, created_at) VALUES (?, ?, ?, ?)', [
        id, name, JSON.stringify(args), createdAt,
      ]);
      this.setMeta(META.nextMutationId, String(id + 1));
      return id;
    });
  }

  /** Drops a rejected mutation for good. */
  discard(id: number): void {
    this.db.run("DELETE FROM sync_outbox WHERE id = ? AND status = 'rejected'", [id]);
    this.emit();
  }

  /** Replaces a rejected mutation with a corrected one (a new mutation at the end of the queue). */
  fix<N extends MutationName>(id: number, args: MutationArgs<N>): number {
    const row = this.db.get<OutboxRow>("SELECT * FROM sync_outbox WHERE id = ? AND status = 'rejected'", [id]);
    if (!row) throw new DomainError('not_found', { id });
    const newId = this.mutate(row.name as N, args);
    this.discard(id);
    return newId;
  }

  /** Reads a record from the local store (server state plus pending local changes). */
  get<T extends TableName>(table: T, id: string): RecordTypes[T] | undefined {
    return this.records.get(table, id);
  }

  // ---- status --------------------------------------------------------------------------

  status(): SyncStatus {
    const pending = this.db.get<{ n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE status != 'rejected'")?.n ?? 0;
    const rejected = this.db
      .all<OutboxRow>("SELECT * FROM sync_outbox WHERE status = 'rejected' ORDER BY id")
      .map((r) => ({
        id: r.id,
        name: r.name,
        args: JSON.parse(r.args),
        createdAt: r.created_at,
        error: r.error as ReasonCode,
        detail: r.detail ? JSON.parse(r.detail) : null,
      }));
    return { state: this.state, pending: Number(pending), lastSyncAt: this.meta(META.lastSyncAt), rejected, lastError: this.lastError };
  }

  /** Calls `listener` after each committed change of local rows (search indexes, live queries). */
  subscribeChanges(listener: (c: StoreChanges) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private touch(table: TableName, id: string | 'all'): void {
    if (this.changeListeners.size === 0) return;
    const current = this.pendingChanges[table];
    if (current === 'all') return;
    if (id === 'all') this.pendingChanges[table] = 'all';
    else if (current) current.add(id);
    else this.pendingChanges[table] = new Set([id]);
  }

  private flushChanges(committed: boolean): void {
    const changes = this.pendingChanges;
    this.pendingChanges = {};
    if (!committed || Object.keys(changes).length === 0) return;
    for (const l of this.changeListeners) l(changes);
  }

  /** Calls `listener` with every status change; returns the unsubscribe function. */
  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the loop ------------------------------------------------------------------------

  /** Starts syncing in the background: at once, after local changes, periodically, and with backoff after failures. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops the loop and waits for the round trip in flight. Local data and the outbox stay. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.wake?.();
    await this.loopDone;
    await this.inFlight?.catch(() => {});
  }

  /** Asks the loop to sync now, e.g. when the host sees the network come back. */
  poke(): void {
    this.failures = 0;
    this.wakeUp();
  }

  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.wakeRequested = true;
  }

  /** One full round: push everything pending, then pull until caught up. */
  syncNow(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.round().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let delay = this.opts.pullIntervalMs;
      this.wakeRequested = false;
      try {
        await this.syncNow();
        this.failures = 0;
      } catch (err) {
        if (err instanceof TransportError && err.kind === 'auth') {
          this.running = false;
          break;
        }
        this.failures++;
        const cap = Math.min(this.opts.backoff.maxMs, this.opts.backoff.initialMs * 2 ** (this.failures - 1));
        delay = Math.max(this.opts.backoff.initialMs / 2, this.opts.random() * cap);
      }
      if (!this.running) break;
      if (this.wakeRequested && this.failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private schedulePush(): void {
    if (!this.running || this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.wakeUp();
    }, this.opts.pushDelayMs);
  }

  private async round(): Promise<void> {
    this.setState('syncing');
    try {
      const rejectedAny = await this.pushAll();
      await this.pullAll();
      if (rejectedAny) await this.pullAll();
      this.setMeta(META.lastSyncAt, this.opts.now().toISOString());
      this.lastError = null;
      this.setState('idle');
    } catch (err) {
      if (err instanceof TransportError) {
        this.lastError = err.code;
        this.setState(err.kind === 'network' ? 'offline' : err.kind === 'auth' ? 'signed_out' : 'error');
      } else {
        this.lastError = err instanceof DomainError ? err.code : 'internal';
        this.setState('error');
      }
      throw err;
    }
  }

  /** Pushes pending mutations in order, in batches under the size limit. Returns whether any was rejected. */
  private async pushAll(): Promise<boolean> {
    let rejectedAny = false;
    let after = 0;
    let maxBytes = this.opts.maxPushBytes;
    for (;;) {
      const rows = this.db.all<OutboxRow>(
        "SELECT * FROM sync_outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?",
        [after, MAX_PUSH_BATCH],
      );
      if (rows.length === 0) return rejectedAny;
      const batch = [];
      let bytes = 0;
      for (const r of rows) {
        // UTF-8 bytes, as the server counts them (Cyrillic takes two per letter).
        bytes += utf8Length(r.args) + r.name.length + 64;
        if (batch.length > 0 && bytes > maxBytes) break;
        batch.push({ id: r.id, name: r.name, args: JSON.parse(r.args) as unknown, createdAt: r.created_at });
      }
      let res;
      try {
        res = await this.options.transport.push({ clientId: this.clientId, mutations: batch });
      } catch (err) {
        if (err instanceof TransportError && err.status === 413) {
          // Too big for the server after all: halve the batch; a single mutation that can never
          // fit is rejected for the user to fix, rather than blocking everything behind it.
          if (batch.length > 1) {
            maxBytes = Math.max(1, Math.floor(bytes / 2));
            continue;
          }
          this.db.run("UPDATE sync_outbox SET status = 'rejected', error = 'payload_too_large' WHERE id = ?", [batch[0]!.id]);
          rejectedAny = true;
          this.emit();
          continue;
        }
        // A batch refused as malformed names the culprits: mark them rejected and go on
        // with the rest, so one bad mutation (e.g. after a version skew) never blocks the queue.
        const culprits = malformedIds(err);
        if (culprits.length === 0) throw err;
        this.db.transaction(() => {
          for (const c of culprits) {
            this.db.run("UPDATE sync_outbox SET status = 'rejected', error = ?, detail = ? WHERE id = ?", [
              c.error, JSON.stringify(c.issues ?? null), c.id,
            ]);
          }
        });
        rejectedAny = true;
        this.emit();
        continue;
      }
      this.db.transaction(() => {
        for (const r of res.results) {
          if (r.status === 'applied' || r.status === 'duplicate') {
            this.db.run("UPDATE sync_outbox SET status = 'sent' WHERE id = ?", [r.id]);
          } else {
            rejectedAny = true;
            this.db.run("UPDATE sync_outbox SET status = 'rejected', error = ?, detail = ? WHERE id = ?", [
              r.error ?? 'internal', r.detail === undefined ? null : JSON.stringify(r.detail), r.id,
            ]);
          }
        }
      });
      this.emit();
      after = batch[batch.length - 1]!.id;
    }
  }

  /**
   * Pulls until caught up. The next page is requested before the current one is applied, so
   * the server prepares page n+1 while this side writes page n.
   */
  private async pullAll(): Promise<void> {
    const pull = (cursor: string | null) => {
      const p = this.options.transport.pull({ clientId: this.clientId, cursor });
      p.catch(() => {}); // awaited below; this only keeps an abandoned prefetch from being "unhandled"
      return p;
    };
    let next = pull(this.meta(META.cursor));
    for (;;) {
      const res = await next;
      if (res.more) {
        next = pull(res.cursor);
        // fetch writes the request on a later turn of the event loop: let it go out before the
        // synchronous apply below blocks the loop, or the server would wait for us.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      this.applyPull(res);
      if (!res.more) return;
    }
  }

  /**
   * Applies a pull page in one transaction: roll back local pending effects, apply the
   * server's changes, drop what the server confirmed, and replay the rest on top.
   */
  applyPull(res: PullResponse): void {
    const relax = this.pullSynchronous && !this.db.inTransaction ? this.pullSynchronous : null;
    if (relax) this.db.exec(`PRAGMA synchronous = ${relax.relaxed}`);
    try {
      this.applyPullPage(res);
      this.flushChanges(true);
    } catch (err) {
      this.flushChanges(false);
      throw err;
    } finally {
      if (relax) this.db.exec(`PRAGMA synchronous = ${relax.normal}`);
    }
    this.emit();
  }

  private applyPullPage(res: PullResponse): void {
    this.db.transaction(() => {
      this.rollbackPending();
      if (res.reset) {
        for (const t of TABLES) {
          this.db.run(`DELETE FROM ${t}`);
          this.touch(t, 'all');
        }
      }
      this.applyRows(res.puts);
      for (const d of res.dels) {
        assertTable(d.table);
        for (const id of d.ids) {
          this.db.run(`DELETE FROM ${d.table} WHERE id = ?`, [id]);
          this.touch(d.table, id);
        }
      }
      this.db.run("DELETE FROM sync_outbox WHERE status = 'sent' AND id <= ?", [res.lastMutationId]);
      this.setMeta(META.cursor, res.cursor);
      // A database restored from a backup counts mutation ids from where the copy was made,
      // below what the server has already taken from this client: the server would take new
      // mutations with those ids for repeats and drop them. New ids start after the server's.
      if (res.lastMutationId >= Number(this.meta(META.nextMutationId))) this.setMeta(META.nextMutationId, String(res.lastMutationId + 1));
      this.replayPending(res.lastMutationId);
    });
  }

  /** Row images go straight into SQL: their columns must be exactly the table's, in order. */
  private applyRows(puts: readonly TableRows[]): void {
    for (const p of puts) {
      assertTable(p.table);
      const expected = TABLE_SPECS[p.table].columns;
      if (p.columns.length !== expected.length || p.columns.some((c, i) => c !== expected[i]!.column)) {
        throw new DomainError('bad_request', { table: p.table, columns: p.columns });
      }
      const sql = upsertStatement(p.table);
      const idAt = expected.findIndex((c) => c.column === 'id');
      for (const row of p.rows) {
        this.db.run(sql, row);
        this.touch(p.table, row[idAt] as string);
      }
    }
  }

  private rollbackPending(): void {
    const undo = this.db.all<{ tbl: TableName; row_id: string; before: string | null }>(
      'SELECT tbl, row_id, before FROM sync_undo ORDER BY seq DESC',
    );
    for (const u of undo) {
      this.touch(u.tbl, u.row_id);
      if (u.before === null) this.db.run(`DELETE FROM ${u.tbl} WHERE id = ?`, [u.row_id]);
      else this.db.run(upsertStatement(u.tbl), encodeRow(u.tbl, JSON.parse(u.before)));
    }
    this.db.run('DELETE FROM sync_undo');
  }

  private replayPending(confirmedUpTo: number): void {
    const rows = this.db.all<OutboxRow>(
      "SELECT * FROM sync_outbox WHERE status != 'rejected' AND id > ? ORDER BY id",
      [confirmedUpTo],
    );
    for (const r of rows) {
      try {
        this.db.transaction(() => this.apply(r.id, r.name, JSON.parse(r.args), r.created_at));
      } catch (err) {
        // It no longer applies locally (the server state moved); the server will rule on it.
        // Anything else (an engine error) must fail the whole page.
        if (!(err instanceof DomainError)) throw err;
      }
    }
  }

  /** Runs a mutator with an observer that records before-images for the next rebase. */
  private apply(id: number, name: string, args: unknown, createdAt: string): void {
    const observer: WriteObserver = {
      beforeWrite: (table, rowId, before) => {
        this.touch(table, rowId);
        this.db.run('INSERT INTO sync_undo (mutation_id, tbl, row_id, before) VALUES (?, ?, ?, ?)', [
          id, table, rowId, before === undefined ? null : JSON.stringify(before),
        ]);
      },
    };
    this.records.withObserver(observer, () =>
      runMutation(this.records, name, args, {
        viewer: this.records.viewer(this.options.accountId),
        now: createdAt,
        side: 'client',
      }),
    );
  }

  private meta(key: string): string | null {
    return this.db.get<{ value: string }>('SELECT value FROM sync_meta WHERE key = ?', [key])?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  private setState(state: SyncStatus['state']): void {
    this.state = state;
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }
}

function malformedIds(err: unknown): { id: number; error: ReasonCode; issues?: unknown }[] {
  if (!(err instanceof TransportError) || err.kind !== 'refused') return [];
  if (err.code !== 'invalid_args' && err.code !== 'unknown_mutation') return [];
  const detail = err.detail as { mutations?: { id: number; error: ReasonCode; issues?: unknown }[] } | null;
  return Array.isArray(detail?.mutations) ? detail.mutations.filter((m) => typeof m.id === 'number') : [];
}

function assertTable(table: string): asserts table is TableName {
  if (!(TABLES as readonly string[]).includes(table)) throw new DomainError('bad_request', { table });
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
