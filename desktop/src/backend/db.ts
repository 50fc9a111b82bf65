/**
 * Opens (creating if needed) a desktop database: WAL, so the UI's reads never wait for a sync
 * write; `synchronous=FULL`, because until it is pushed a leader's edit exists only here; then
 * the record and client migrations, as the sync client expects them. Used for the app's own
 * database and for each account's (`account-<id>.db`).
 */
import Database from 'better-sqlite3';
import { betterSqlite3Driver, CLIENT_MIGRATIONS, migrate, RECORD_MIGRATIONS, type SqlDriver } from '@mekendesh/store';

export function openDesktopDb(file: string): { raw: Database.Database; db: SqlDriver; applied: string[] } {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = betterSqlite3Driver(raw);
  try {
    return { raw, db, applied: migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]).applied };
  } catch (err) {
    db.close();
    throw err;
  }
}
