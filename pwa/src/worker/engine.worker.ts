/**
 * The PWA's dedicated module worker: hosts the engine (`engine.ts`) on sqlite-wasm over the
 * OPFS SAH-pool VFS, one database file per account, and serves it to the UI over RPC.
 *
 * Why the SAH pool: it needs no COOP/COEP headers (no SharedArrayBuffer) and its synchronous
 * access handles make SQLite's synchronous API fast; the price is one tab at a time per origin
 * (a second tab cannot take the handles), see README.
 */
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { serveRpc, type MessageEndpoint } from '../rpc.ts';
import { openOpfsPool } from './opfs-pool.ts';
import { createEngineHandlers, type EngineEvent, type EngineHandlers } from './engine.ts';

performance.mark('mk:worker-start');

/** The pool's name, which is also its OPFS directory. */
const POOL_NAME = 'mekendesh';

/** The pool with the user's databases, installed once per worker. */
const pool = () => openOpfsPool(POOL_NAME, 8);
// Compile SQLite and take the pool's handles now, while the page renders and checks the
// session: opening the account then only opens its file. (A failure is retried by `open`.)
void pool().catch(() => {});

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
