import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { betterSqlite3Driver } from '@mekendesh/store';
import { SyncClient, httpTransport } from '@mekendesh/sync';
import { freePort, spawnServer } from '../tests/kit/process-server.ts';
import { signUp, tempDir } from '../tests/kit/server.ts';
const dir = '/tmp/diag100k';
if (!existsSync(join(dir, 'mekendesh.db'))) {
  mkdirSync(dir, { recursive: true });
  const s = new ServerStore(openServerDb(join(dir, 'mekendesh.db')));
  await generateDemo(s, { members: 100000, seed: 1, logN: 12 });
  s.db.close();
}
const server = await spawnServer(dir, await freePort(), process.env.SERVER_PROF ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof2' } : {});
const user = await signUp(server.url, 'Diag');
for (let k = 0; k < 2; k++) {
const t = tempDir();
const raw = new Database(join(t.dir, 'c.db')); raw.pragma('journal_mode = WAL');
const client = new SyncClient({ db: betterSqlite3Driver(raw), accountId: user.account.id, transport: httpTransport({ baseUrl: server.url, token: () => user.token }) });
const t0 = performance.now();
await client.syncNow();
console.log('total', performance.now() - t0);
t.remove();
}
await server.kill('SIGTERM');
