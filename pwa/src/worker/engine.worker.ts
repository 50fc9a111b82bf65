/**
 * The PWA's dedicated module worker: hosts the engine (`engine.ts`) on sqlite-wasm over the
 * OPFS SAH-pool VFS, one database file per account, and serves it to the UI over RPC.
 *
 * Why the SAH pool: it needs no COOP/COEP headers (no SharedArrayBuffer) and its synchronous
 * access handles make SQLite's synchronous API fast; the price is one tab at a time per origin
 * (a second tab cannot take the handles), see README.
 */
import sqlite3InitModule, { type SAHPoolUtil } from '@sqlite.org/sqlite-wasm';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { serveRpc, type MessageEndpoint } from '../rpc.ts';
import { createEngineHandlers, type EngineEvent, type EngineHandlers } from './engine.ts';

/** The pool's name, which is also its OPFS directory. */
const POOL_NAME = 'mekendesh';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

let poolPromise: Promise<SAHPoolUtil> | undefined;

/**
 * Installs the SAH-pool VFS once. After a reload the previous worker may still hold the access
 * handles for a moment, so installing is retried for a few seconds before giving up;
 * `preserveOnInitFailure` keeps a failed attempt from wiping the pool (the user's data).
 */
function pool(): Promise<SAHPoolUtil> {
  poolPromise ??= (async () => {
    const sqlite3 = await sqlite3InitModule();
    let lastError: unknown;
    for (let attempt = 0; attempt < 30; attempt++) {
      try {
        const util = await sqlite3.installOpfsSAHPoolVfs({
          name: POOL_NAME,
          preserveOnInitFailure: true,
          forceReinitIfPreviouslyFailed: true,
        } as Parameters<typeof sqlite3.installOpfsSAHPoolVfs>[0]);
        // Each database takes up to two slots (file and rollback journal), plus temp files.
        await util.reserveMinimumCapacity(8);
        return util;
      } catch (err) {
        lastError = err;
        await sleep(150);
      }
    }
    poolPromise = undefined;
    throw lastError;
  })();
  return poolPromise;
}

const scope = globalThis as unknown as MessageEndpoint & { location: { origin: string } };

let emit: (event: EngineEvent) => void = () => {};
const handlers: EngineHandlers = createEngineHandlers({
  async openDb(accountId) {
    const util = await pool();
    // Account ids are UUIDs (checked by the schema), safe as file names.
    const db = new util.OpfsSAHPoolDb(`/account-${accountId}.db`) as unknown as Oo1DatabaseLike;
    return sqliteWasmDriver(db, 'sqlite-wasm-opfs');
  },
  // Same origin as the page, so the session cookie goes along and no CORS is involved.
  transport: httpTransport({ baseUrl: scope.location.origin }),
  emit: (event) => emit(event),
});
const rpc = serveRpc<EngineHandlers, EngineEvent>(scope, handlers);
emit = rpc.emit;
