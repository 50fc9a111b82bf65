import { join } from 'node:path';
import { ServerStore, openServerDb } from '@mekendesh/server';
const store = new ServerStore(openServerDb(join('/tmp/diag100k', 'mekendesh.db')));
const acc = 'demo-login-6';
for (let k = 0; k < 3; k++) {
  let cursor: string | null = null; let n = 0;
  const t0 = performance.now();
  let tq = 0, ts = 0;
  for (;;) { const a = performance.now(); const r = store.pull(acc, 'client-00000000000000001', cursor); const b = performance.now(); const s = JSON.stringify(r); ts += performance.now() - b; tq += b - a; cursor = r.cursor; n++; if (!r.more) break; }
  console.log('pages', n, 'pull', tq.toFixed(0), 'stringify', ts.toFixed(0), 'total', (performance.now() - t0).toFixed(0));
}
