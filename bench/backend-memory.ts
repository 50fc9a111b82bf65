/**
 * Run by `roster.bench.ts` in a process of its own (`node --expose-gc --import tsx`), so the
 * figures are the desktop backend's alone: it opens the account in `argv[2]` (already holding
 * a roster), shows the first rows, and prints its memory before and after as JSON.
 */
import { createBackend } from '../desktop/src/backend/backend.ts';

const [dir, accountId] = process.argv.slice(2);
if (!dir || !accountId) throw new Error('usage: backend-memory.ts <dataDir> <accountId>');
const gc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};
gc();
const before = process.memoryUsage();
const backend = createBackend({ dataDir: dir, serverUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new TypeError('offline')) });
const h = backend.handlers;
const start = performance.now();
await h.open({ accountId, token: 'offline' });
const [assoc] = h.associations();
const first = h.roster({ associationId: assoc!.id, query: { sort: { column: 'name', dir: 'asc' }, limit: 100 } });
const openMs = performance.now() - start;
gc();
const after = process.memoryUsage();
await backend.close();
process.stdout.write(`${JSON.stringify({ total: first.total, openMs, before, after, gc: typeof globalThis.gc === 'function' })}\n`);
