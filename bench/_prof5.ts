import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
for (let k = 0; k < 3; k++) {
const t0 = performance.now();
let cursor: string | null = null;
for (;;) { const r = store.pull('demo-login-6', 'client-00000000000000001', cursor); cursor = r.cursor; if (!r.more) break; }
console.log('server pull total', performance.now() - t0);
}
data.remove();
