/**
 * The desktop backend: the shared engine on better-sqlite3, in the user-data folder. It is a
 * plain Node module (no Electron): the utility process entry (`main.ts`) serves its handler map
 * over a port, and tests run it on a temporary folder. The roster backend builds on it.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { betterSqlite3Driver, CLIENT_MIGRATIONS, migrate, RECORD_MIGRATIONS, type SqlDriver } from '@mekendesh/store';
import { createLeaderService, type LeaderEvent, type LeaderOptions } from './leader.ts';

/** The database file inside the data folder. */
export const DB_FILE = 'mekendesh.db';

export interface BackendOptions {
  /** Folder of the database (created if missing); the app passes `<userData>/data`. */
  dataDir: string;
  /** The app's version, reported by `status`. */
  version?: string;
  now?: () => Date;
  /** The Mekendesh server (origin) to sync with; the app passes its build-time setting. */
  serverUrl?: string;
  /** Where events for the renderer go (the process entry fans them out to every page). */
  emit?: (event: LeaderEvent) => void;
  /** Sync settings and fetch (tests shorten intervals). */
  sync?: LeaderOptions['sync'];
  fetch?: typeof fetch;
}

/**
 * Opens (creating if needed) the desktop database: WAL, so the UI's reads never wait for a
 * sync write; `synchronous=FULL`, because until it is pushed a leader's edit exists only here;
 * then the record and client migrations, as the sync client expects them.
 */
export function openDesktopDb(file: string): { db: SqlDriver; applied: string[] } {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = betterSqlite3Driver(raw);
  try {
    return { db, applied: migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]).applied };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Builds the backend on `dataDir`: the open database and the handler map served to the renderer. */
export function createBackend(opts: BackendOptions) {
  const now = opts.now ?? (() => new Date());
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, DB_FILE);
  const { db, applied } = openDesktopDb(file);
  const startedAt = now().toISOString();
  let closed = false;
  // Each account has its own database next to this one (`account-<id>.db`).
  const leader = createLeaderService({
    dataDir: opts.dataDir,
    serverUrl: opts.serverUrl ?? 'http://127.0.0.1:8787',
    emit: (event) => opts.emit?.(event),
    now,
    ...(opts.sync ? { sync: opts.sync } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });

  // Handlers take at most one structured-cloneable argument; the renderer's calls are typed by
  // `BackendHandlers`, so renaming one here is a type error in the preload and the UI.
  const handlers = {
    ping: () => 'pong' as const,
    status: () => ({
      version: opts.version ?? '0.0.0',
      engine: db.engine,
      journalMode: db.get<{ journal_mode: string }>('PRAGMA journal_mode')!.journal_mode,
      migrations: db.all<{ name: string }>("SELECT namespace || '/' || printf('%04d', id) || '_' || name AS name FROM _migrations ORDER BY namespace, id").map((r) => r.name),
      appliedAtStart: applied,
      startedAt,
    }),
    ...leader.handlers,
  };

  return {
    handlers,
    db,
    file,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await leader.close();
      db.close();
    },
  };
}

export type Backend = ReturnType<typeof createBackend>;
/** The handler map the renderer calls through `window.mekendesh.backend.call`. */
export type BackendHandlers = Backend['handlers'];
/** Events the backend pushes to the renderer: sync status, changed tables. */
export type BackendEvent = LeaderEvent;
