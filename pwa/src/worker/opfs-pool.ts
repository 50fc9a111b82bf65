import sqlite3InitModule, { type SAHPoolUtil } from '@sqlite.org/sqlite-wasm';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const pools = new Map<string, Promise<SAHPoolUtil>>();

/**
 * Installs the OPFS SAH-pool VFS named `name` once per worker. After a reload the previous
 * worker may still hold the sync access handles for a moment, so installing is retried for a
 * few seconds; `preserveOnInitFailure` keeps a failed attempt from wiping the pool (the user's
 * data). Each database takes up to two slots (file and rollback journal), plus temp files.
 * Shared by the PWA's engine worker and the browser test kit.
 */
export function openOpfsPool(name: string, capacity: number, attempts = 40, delayMs = 125): Promise<SAHPoolUtil> {
  let pool = pools.get(name);
  if (!pool) {
    pool = (async () => {
      const sqlite3 = await sqlite3InitModule();
      let lastError: unknown;
      for (let attempt = 0; attempt < attempts; attempt++) {
        try {
          const util = await sqlite3.installOpfsSAHPoolVfs({
            name,
            preserveOnInitFailure: true,
            forceReinitIfPreviouslyFailed: true,
          } as Parameters<typeof sqlite3.installOpfsSAHPoolVfs>[0]);
          await util.reserveMinimumCapacity(capacity);
          return util;
        } catch (err) {
          lastError = err;
          await sleep(delayMs);
        }
      }
      pools.delete(name);
      throw lastError;
    })();
    pools.set(name, pool);
  }
  return pool;
}
