import { join } from 'node:path';
import { ServerStore, openServerDb, createApp, DEFAULT_CONFIG, memoryLogger } from '@mekendesh/server';
const store = new ServerStore(openServerDb(join('/tmp/diag100k', 'mekendesh.db')));
const app = createApp({ store, config: { ...DEFAULT_CONFIG, scryptLogN: 10 }, logger: memoryLogger() });
const res = await app.request('/api/auth/sign-up', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `p${Date.now()}@example.org`, password: 'long enough password', displayName: 'P', mode: 'token' }) });
const { token } = await res.json() as any;
for (let k = 0; k < 3; k++) {
  let cursor: string | null = null; const t0 = performance.now(); let bytes = 0;
  for (;;) {
    const r = await app.request('/api/sync/pull', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ clientId: 'client-0000000000000000001', cursor }) });
    const body = await r.text(); bytes += body.length;
    const j = JSON.parse(body); cursor = j.cursor; if (!j.more) break;
  }
  console.log('in-process HTTP pull', (performance.now() - t0).toFixed(0), bytes / 1e6);
}
