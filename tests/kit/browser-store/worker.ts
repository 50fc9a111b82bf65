/**
 * A dedicated module worker that runs the store on sqlite-wasm over the OPFS SAH-pool VFS.
 * Bundled by esbuild (see build.ts) and driven from Node through Playwright: the page posts
 * `{ id, msg }`, the worker answers `{ id, ok, value | error }`.
 *
 * Imports are relative because the repository root has no node_modules/@mekendesh links.
 */
import type { SAHPoolUtil } from '@sqlite.org/sqlite-wasm';
import { openOpfsPool } from '../../../pwa/src/worker/opfs-pool.ts';
import { sqliteWasmDriver, type Oo1DatabaseLike, type SqlDriver } from '@mekendesh/store';
import { CONTRACT_CASES } from '@mekendesh/store/contract';
import { runStoreWorkload, type PhaseTiming } from '../../../bench/store-workload.ts';
import { runFtsComparison, runSearchWorkload, type FtsComparison, type SearchWorkloadResult } from '../../../bench/search-workload.ts';

/** The engine name the OPFS-backed drivers report. */
export const OPFS_ENGINE = 'sqlite-wasm-opfs';
/** The SAH-pool VFS (and its OPFS directory) the kit uses. */
export const POOL_NAME = 'mekendesh-test';

export type WorkerRequest =
  | { cmd: 'contract' }
  | { cmd: 'bench'; rows: number }
  /** The skills-bank search workload (bench/search-workload.ts) on `profiles` profiles. */
  | { cmd: 'search-bench'; profiles: number }
  /** Ours against SQLite FTS5 (on an OPFS pool file) on the same profiles and queries. */
  | { cmd: 'fts-bench'; profiles: number }
  | { cmd: 'info' }
  /** Creates `file` if needed and appends `rows` to its `kv` table, in one transaction. */
  | { cmd: 'persist-write'; file: string; rows: string[] }
  /** Reads the `kv` table of an existing `file`; fails if the pool has no such file. */
  | { cmd: 'persist-read'; file: string }
  | { cmd: 'unlink'; file: string };

export interface ContractResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

export interface BenchReply {
  timings: PhaseTiming[];
  /** The pragmas the database ran with, so the report can say what was compared. */
  pragmas: Record<string, string>;
}

export interface InfoReply {
  sqliteVersion: string;
  /** The VFS a freshly opened pool database uses, as SQLite reports it. */
  vfs: string;
  poolName: string;
  capacity: number;
  files: string[];
}

export interface WorkerReplies {
  contract: ContractResult[];
  bench: BenchReply;
  'search-bench': SearchWorkloadResult;
  'fts-bench': FtsComparison;
  info: InfoReply;
  'persist-write': { count: number };
  'persist-read': string[];
  unlink: { removed: boolean };
}

export type WorkerEnvelope = { id: number; msg: WorkerRequest };
export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** What the worker needs from its global scope (the root tsconfig has DOM types, not WebWorker). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerEnvelope>) => void): void;
  postMessage(message: WorkerAnswer): void;
}
const scope = globalThis as unknown as WorkerScope;

type PoolDb = Oo1DatabaseLike & { dbVfsName(): string | undefined };

const describeError = (err: unknown): string => {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const head = `${err.name}${code === undefined ? '' : ` [${String(code)}]`}: ${err.message}`;
    const stack = err.stack?.split('\n').slice(1, 6).join('\n');
    return stack ? `${head}\n${stack}` : head;
  }
  return String(err);
};

/** The test pool, installed once per worker with the PWA's own helper. */
const pool = () => openOpfsPool(POOL_NAME, 16, 50, 100);

let seq = 0;
const uniqueFile = (prefix: string) => `/${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}.db`;

function openPoolDb(util: SAHPoolUtil, file: string): PoolDb {
  return new util.OpfsSAHPoolDb(file) as unknown as PoolDb;
}

/** Opens a driver on a new pool file and records it, so the caller can close and delete it. */
function fileFactory(util: SAHPoolUtil, prefix: string) {
  const opened: { driver: SqlDriver; file: string }[] = [];
  const open = (): SqlDriver => {
    const file = uniqueFile(prefix);
    const driver = sqliteWasmDriver(openPoolDb(util, file), OPFS_ENGINE);
    opened.push({ driver, file });
    return driver;
  };
  const cleanup = () => {
    for (const { driver, file } of opened) {
      try {
        driver.close();
      } catch {
        // already closed by the workload
      }
      util.unlink(file);
    }
    opened.length = 0;
  };
  return { open, opened, cleanup };
}

async function handle(msg: WorkerRequest): Promise<unknown> {
  const util = await pool();
  switch (msg.cmd) {
    case 'contract': {
      const results: ContractResult[] = [];
      for (const c of CONTRACT_CASES) {
        const files = fileFactory(util, 'contract');
        const t0 = performance.now();
        try {
          c.run(files.open);
          results.push({ name: c.name, ok: true, ms: performance.now() - t0 });
        } catch (err) {
          results.push({ name: c.name, ok: false, error: describeError(err), ms: performance.now() - t0 });
        } finally {
          files.cleanup();
        }
      }
      return results satisfies WorkerReplies['contract'];
    }
    case 'bench': {
      const files = fileFactory(util, 'bench');
      const pragmas: Record<string, string> = {};
      try {
        const timings = runStoreWorkload(() => {
          const db = files.open();
          for (const p of ['journal_mode', 'synchronous', 'page_size', 'cache_size']) {
            pragmas[p] = String(Object.values(db.get(`PRAGMA ${p}`) ?? {})[0]);
          }
          return db;
        }, msg.rows);
        return { timings, pragmas } satisfies WorkerReplies['bench'];
      } finally {
        files.cleanup();
      }
    }
    case 'search-bench':
      return runSearchWorkload(msg.profiles) satisfies WorkerReplies['search-bench'];
    case 'fts-bench': {
      const files = fileFactory(util, 'fts');
      try {
        return runFtsComparison(files.open(), msg.profiles) satisfies WorkerReplies['fts-bench'];
      } finally {
        files.cleanup();
      }
    }
    case 'info': {
      const file = uniqueFile('info');
      const db = openPoolDb(util, file);
      try {
        const version = db.prepare('SELECT sqlite_version() AS v');
        version.step();
        const row = version.get({});
        version.finalize();
        return {
          sqliteVersion: String(row.v),
          vfs: db.dbVfsName() ?? '',
          poolName: POOL_NAME,
          capacity: util.getCapacity(),
          files: util.getFileNames().filter((f) => f !== file),
        } satisfies WorkerReplies['info'];
      } finally {
        db.close();
        util.unlink(file);
      }
    }
    case 'persist-write': {
      const driver = sqliteWasmDriver(openPoolDb(util, msg.file), OPFS_ENGINE);
      try {
        driver.exec('CREATE TABLE IF NOT EXISTS kv (seq INTEGER PRIMARY KEY, value TEXT NOT NULL)');
        driver.transaction(() => {
          for (const value of msg.rows) driver.run('INSERT INTO kv (value) VALUES (?)', [value]);
        });
        return { count: Number(driver.get<{ n: number }>('SELECT count(*) AS n FROM kv')!.n) } satisfies WorkerReplies['persist-write'];
      } finally {
        driver.close();
      }
    }
    case 'persist-read': {
      // Opening a missing file would silently create an empty database: refuse instead.
      if (!util.getFileNames().includes(msg.file)) {
        throw new Error(`no such file in the OPFS pool: ${msg.file} (pool has: ${util.getFileNames().join(', ') || 'nothing'})`);
      }
      const driver = sqliteWasmDriver(openPoolDb(util, msg.file), OPFS_ENGINE);
      try {
        return driver.all<{ value: string }>('SELECT value FROM kv ORDER BY seq').map((r) => r.value) satisfies WorkerReplies['persist-read'];
      } finally {
        driver.close();
      }
    }
    case 'unlink':
      return { removed: util.unlink(msg.file) } satisfies WorkerReplies['unlink'];
    default:
      throw new Error(`unknown command: ${JSON.stringify(msg)}`);
  }
}

// Requests run one at a time: the contract and the benchmark are synchronous anyway, and a
// queue keeps two `info` calls from racing on the pool.
let queue: Promise<unknown> = Promise.resolve();
scope.addEventListener('message', (e) => {
  const { id, msg } = e.data;
  queue = queue.then(async () => {
    try {
      scope.postMessage({ id, ok: true, value: await handle(msg) });
    } catch (err) {
      scope.postMessage({ id, ok: false, error: describeError(err) });
    }
  });
});
