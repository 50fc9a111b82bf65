import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS, type SqlDriver } from '@mekendesh/store';

/**
 * Opens (creating if needed) the server database: WAL for concurrent readers, and
 * `synchronous=FULL` so a write is on disk before its request is acknowledged.
 */
export function openServerDb(file: string): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = betterSqlite3Driver(raw);
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  return db;
}
