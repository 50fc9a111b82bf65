/**
 * The PWA's dedicated module worker: hosts the engine (`engine.ts`) on sqlite-wasm over the
 * OPFS SAH-pool VFS, one database file per account, and serves it to the UI over RPC.
 *
 * Why the SAH pool: it needs no COOP/COEP headers (no SharedArrayBuffer) and its synchronous
 * access handles make SQLite's synchronous API fast; the price is one worker at a time per
 * origin, so the tabs' workers elect one to hold it (`shared-engine.ts`), see README.
 */
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport, httpWorkspaceApi } from '@mekendesh/sync';
import type { MessageEndpoint } from '../rpc.ts';
import { openOpfsPool } from './opfs-pool.ts';
import { createEngineHandlers, type EngineEvent, type EngineHandlers } from '@mekendesh/engine';
import { serveSharedEngine } from './shared-engine.ts';

performance.mark('mk:worker-start');

/** The pool's name, which is also its OPFS directory. */
const POOL_NAME = 'mekendesh';

/** The pool with the user's databases, installed once per worker (only ever in the leader). */
const pool = () => openOpfsPool(POOL_NAME, 8);

/** Account ids are UUIDs (checked by the schema), safe as file names. */
const dbFile = (accountId: string) => `/account-${accountId}.db`;

const scope = globalThis as unknown as MessageEndpoint & { location: { origin: string } };

/**
 * Every tab runs this worker; the one holding the lock is the leader and creates the engine
 * (and with it the pool), the others forward to it (`shared-engine.ts`). Web Locks are
 * released when the holder's worker ends, i.e. when its tab closes or reloads.
 */
const ENGINE_LOCK = 'mekendesh-engine';
serveSharedEngine<EngineHandlers, EngineEvent>({
  ui: scope,
  channel: new BroadcastChannel(ENGINE_LOCK),
  lock: (fn) => void navigator.locks.request(ENGINE_LOCK, { mode: 'exclusive' }, fn),
  // Compile SQLite and take the pool's handles as soon as this worker leads (at once for the
  // first tab), while the page renders and checks the session: opening the account then only
  // opens its file. Never in a follower: the leader holds the handles. (`open` retries a failure.)
  onLeader: () => void pool().catch(() => {}),
  create: (emit) =>
    createEngineHandlers({
      async openDb(accountId) {
        const util = await pool();
        const db = new util.OpfsSAHPoolDb(dbFile(accountId)) as unknown as Oo1DatabaseLike;
        return sqliteWasmDriver(db, 'sqlite-wasm-opfs');
      },
      async hasDb(accountId) {
        return (await pool()).getFileNames().includes(dbFile(accountId));
      },
      async removeDb(accountId) {
        const util = await pool();
        for (const name of util.getFileNames()) if (name.startsWith(dbFile(accountId))) util.unlink(name);
      },
      // Same origin as the page, so the session cookie goes along and no CORS is involved.
      transport: httpTransport({ baseUrl: scope.location.origin }),
      // Project workspaces over y-websocket, same origin: the session cookie rides along.
      workspaces: {
        url: `${scope.location.origin.replace(/^http/, 'ws')}/api/workspaces`,
        WebSocket: globalThis.WebSocket,
        api: httpWorkspaceApi({ baseUrl: scope.location.origin }),
      },
      // The award's links and evidence files, same origin too.
      awards: { baseUrl: scope.location.origin },
      emit,
    }),
});
