import { makeTransactor, StatementCache, type SqlDriver, type SqlRow, type SqlValue } from '../driver.ts';

/** The part of an sqlite-wasm oo1 statement we use (structural: this file imports nothing). */
interface Oo1Statement {
  bind(values: readonly SqlValue[]): unknown;
  step(): boolean;
  get(target: Record<string, unknown>): Record<string, unknown>;
  get(target: unknown[]): unknown[];
  reset(clearBindings?: boolean): unknown;
  finalize(): unknown;
}
/** The part of an sqlite-wasm `oo1.DB` (or `OpfsSAHPoolDb`) we use. */
export interface Oo1DatabaseLike {
  exec(sql: string): unknown;
  prepare(sql: string): Oo1Statement;
  changes(): number;
  close(): unknown;
}

/** Wraps an open sqlite-wasm oo1 database (created by the host) as a {@link SqlDriver}. */
export function sqliteWasmDriver(db: Oo1DatabaseLike, engine = 'sqlite-wasm'): SqlDriver {
  const cache = new StatementCache(
    (sql) => db.prepare(sql),
    (stmt) => void stmt.finalize(),
  );
  const exec = (sql: string) => void db.exec(sql);
  const tx = makeTransactor(exec);
  const withStatement = <T>(sql: string, params: readonly SqlValue[], fn: (s: Oo1Statement) => T): T => {
    const stmt = cache.get(sql);
    try {
      if (params.length > 0) stmt.bind(params);
      return fn(stmt);
    } finally {
      stmt.reset(true);
    }
  };
  return {
    engine,
    exec,
    run(sql, params = []) {
      return withStatement(sql, params, (s) => {
        while (s.step()) {
          // drain: a write with RETURNING, or a pragma, may yield rows
        }
        return { changes: db.changes() };
      });
    },
    get<T>(sql: string, params: readonly SqlValue[] = []) {
      return withStatement(sql, params, (s) => (s.step() ? (s.get({}) as T) : undefined));
    },
    all<T>(sql: string, params: readonly SqlValue[] = []) {
      return withStatement(sql, params, (s) => {
        const rows: SqlRow[] = [];
        while (s.step()) rows.push(s.get({}) as SqlRow);
        return rows as T[];
      });
    },
    values(sql, params = []) {
      return withStatement(sql, params, (s) => {
        const rows: SqlValue[][] = [];
        while (s.step()) rows.push(s.get([]) as SqlValue[]);
        return rows;
      });
    },
    transaction: tx.transaction,
    get inTransaction() {
      return tx.inTransaction;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
