/**
 * The desktop backend: the shared engine on better-sqlite3, in the user-data folder. It is a
 * plain Node module (no Electron): the utility process entry (`main.ts`) serves its handler map
 * over a port, and tests run it on a temporary folder. The roster backend builds on it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDesktopDb } from './db.ts';
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

export { openDesktopDb };

/** The engine's handler map with each name prefixed `app.`, typed. */
export type AppHandlers<H> = { [K in keyof H & string as `app.${K}`]: H[K] };
function appHandlers<H extends Record<string, unknown>>(engine: H): AppHandlers<H> {
  return Object.fromEntries(Object.entries(engine).map(([k, v]) => [`app.${k}`, v])) as AppHandlers<H>;
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
    // The shared engine's handlers (the screens both apps share), as `app.<name>`.
    ...appHandlers(leader.engine),
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
