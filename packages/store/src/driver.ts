import { DomainError } from '@mekendesh/core';

/** A value SQLite can bind or return. Booleans are stored as 0/1 by the codecs, never bound. */
export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

/**
 * The synchronous SQL contract every engine implements: better-sqlite3 on Node and
 * sqlite-wasm in a browser worker. Synchronous on purpose: both engines are, and the async
 * boundary belongs to the worker or IPC hop, not to each query.
 */
export interface SqlDriver {
  /** Engine name, for logs and benchmarks. */
  readonly engine: string;
  /** Runs one or more statements without parameters (DDL, pragmas). */
  exec(sql: string): void;
  /** Runs a statement that returns no rows; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): { changes: number };
  /** First row of a query, or undefined. */
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T | undefined;
  /** All rows of a query. */
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): T[];
  /** All rows of a query as arrays of values in column order: no per-row objects, for bulk paths. */
  values(sql: string, params?: readonly SqlValue[]): SqlValue[][];
  /**
   * Runs `fn` in a transaction: commits when it returns, rolls back when it throws. Nested
   * calls become savepoints, so an inner failure can be caught without losing the outer work.
   */
  transaction<T>(fn: () => T): T;
  /** True while inside `transaction`. */
  readonly inTransaction: boolean;
  close(): void;
}

/**
 * Builds `transaction` from `exec`, the same way for every engine: BEGIN IMMEDIATE at the
 * top (takes the write lock at once, so two processes never deadlock on upgrade), savepoints
 * below.
 */
/**
 * True when `err` says the database could not be written for lack of space: SQLITE_FULL
 * (better-sqlite3 sets `code`, sqlite-wasm names it in the message and `resultCode` 13, also
 * for `PRAGMA max_page_count`), a browser quota error, or an I/O error while writing, which is
 * how the OPFS SAH-pool VFS reports a refused write (it maps every write failure to
 * SQLITE_IOERR).
 */
export function isStorageFull(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { code, resultCode } = err as { code?: unknown; resultCode?: unknown };
  if (code === 'SQLITE_FULL' || resultCode === 13) return true;
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) return true;
  if (typeof resultCode === 'number' && (resultCode & 0xff) === 10) return true;
  return /SQLITE_FULL|SQLITE_IOERR|database or disk is full|disk I\/O error|QuotaExceeded/i.test(`${err.name} ${err.message}`);
}

/** `storage_full` for a write refused for lack of space (see {@link isStorageFull}), else `err` itself. */
export function storageError(err: unknown): unknown {
  return isStorageFull(err) ? new DomainError('storage_full', { message: (err as Error).message }) : err;
}

export function makeTransactor(exec: (sql: string) => void) {
  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    const top = depth === 0;
    const name = `sp${depth}`;
    const undo = () => {
      try {
        exec(top ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`);
      } catch {
        // The engine may already have rolled back (e.g. on SQLITE_FULL); the original error matters.
      }
    };
    try {
      exec(top ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${name}`);
    } catch (err) {
      throw storageError(err);
    }
    depth++;
    let result: T;
    try {
      result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('transaction callbacks must be synchronous');
      }
      // A commit can fail too (deferred constraints, a full disk, a busy lock): undo and rethrow,
      // so the connection is never left inside a transaction nobody will end.
      exec(top ? 'COMMIT' : `RELEASE ${name}`);
    } catch (err) {
      undo();
      depth--;
      // A full device is a condition the user can act on, not a bug: say so with a reason code.
      throw storageError(err);
    }
    depth--;
    return result;
  };
  return {
    transaction,
    get inTransaction() {
      return depth > 0;
    },
  };
}

/** A small LRU of prepared statements, so hot queries are compiled once. */
export class StatementCache<S> {
  private readonly map = new Map<string, S>();
  constructor(
    private readonly prepare: (sql: string) => S,
    private readonly dispose: (stmt: S) => void = () => {},
    private readonly capacity = 256,
  ) {}
  get(sql: string): S {
    let stmt = this.map.get(sql);
    if (stmt) {
      this.map.delete(sql);
      this.map.set(sql, stmt);
      return stmt;
    }
    stmt = this.prepare(sql);
    this.map.set(sql, stmt);
    if (this.map.size > this.capacity) {
      const [oldest, old] = this.map.entries().next().value as [string, S];
      this.map.delete(oldest);
      this.dispose(old);
    }
    return stmt;
  }
  clear(): void {
    for (const stmt of this.map.values()) this.dispose(stmt);
    this.map.clear();
  }
}
