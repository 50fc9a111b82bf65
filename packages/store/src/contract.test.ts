import Database from 'better-sqlite3';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { describe, it } from 'vitest';
import { betterSqlite3Driver } from './adapters/better-sqlite3.ts';
import { sqliteWasmDriver, type Oo1DatabaseLike } from './adapters/sqlite-wasm.ts';
import { CONTRACT_CASES } from './contract/index.ts';
import type { SqlDriver } from './driver.ts';

const sqlite3 = await sqlite3InitModule();

// The third engine, sqlite-wasm on OPFS in headless Chromium, runs the same cases in
// tests/e2e/store-contract.e2e.ts.
const engines: [string, () => SqlDriver][] = [
  ['better-sqlite3', () => betterSqlite3Driver(new Database(':memory:'))],
  ['sqlite-wasm (Node, memory)', () => sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike)],
];

describe.each(engines)('store contract on %s', (_name, open) => {
  for (const c of CONTRACT_CASES) {
    it(c.name, () => {
      const opened: SqlDriver[] = [];
      try {
        c.run(() => {
          const db = open();
          opened.push(db);
          return db;
        });
      } finally {
        for (const db of opened) db.close();
      }
    });
  }
});
