import { makeTransactor, StatementCache, type SqlDriver, type SqlValue } from '../driver.ts';

/** The part of a better-sqlite3 statement we use (structural: this file imports nothing). */
// `any[]`: better-sqlite3's own parameter types are generic; ours are checked at SqlDriver.
/* eslint-disable @typescript-eslint/no-explicit-any */
interface BetterStatement {
  run(...params: any[]): { changes: number };
  get(...params: any[]): unknown;
  all(...params: any[]): unknown[];
  raw(toggle?: boolean): BetterStatement;
  readonly reader: boolean;
}
/** The part of a better-sqlite3 `Database` we use. */
export interface BetterSqlite3Like {
  prepare(sql: string): BetterStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

/** Wraps an open better-sqlite3 database (created by the host) as a {@link SqlDriver}. */
export function betterSqlite3Driver(db: BetterSqlite3Like): SqlDriver {
  const cache = new StatementCache((sql) => db.prepare(sql));
  // Raw (array) mode is a statement flag, so array reads get statements of their own.
  const rawCache = new StatementCache((sql) => db.prepare(sql).raw(true));
  const exec = (sql: string) => void db.exec(sql);
  const tx = makeTransactor(exec);
  return {
    engine: 'better-sqlite3',
    exec,
    run: (sql, params = []) => ({ changes: cache.get(sql).run(...params).changes }),
    get: <T>(sql: string, params: readonly SqlValue[] = []) => cache.get(sql).get(...params) as T | undefined,
    all: <T>(sql: string, params: readonly SqlValue[] = []) => cache.get(sql).all(...params) as T[],
    values: (sql, params = []) => rawCache.get(sql).all(...params) as SqlValue[][],
    transaction: tx.transaction,
    get inTransaction() {
      return tx.inTransaction;
    },
    close: () => {
      cache.clear();
      rawCache.clear();
      db.close();
    },
  };
}
