import Database from 'better-sqlite3';
import { join } from 'node:path';
import { betterSqlite3Driver } from '@mekendesh/store';
import { SyncClient, httpTransport } from '@mekendesh/sync';
import { freePort, spawnServer } from '../tests/kit/process-server.ts';
import { signUp, tempDir } from '../tests/kit/server.ts';
const server = await spawnServer('/tmp/diag100k', await freePort());
const user = await signUp(server.url, 'Diag');
const t = tempDir();
const raw = new Database(join(t.dir, 'c.db')); raw.pragma('journal_mode = WAL');
const client = new SyncClient({ db: betterSqlite3Driver(raw), accountId: user.account.id, transport: httpTransport({ baseUrl: server.url, token: () => user.token }) });
await client.syncNow();
for (let i = 0; i < 10000; i++) client.mutate('profile.update', { id: user.account.id, patch: { yearsExperience: i % 60, bio: `Тажрыйба ${i}` } });
const t0 = performance.now();
try { await client.syncNow(); } catch (e) { console.log('ERR', e, performance.now() - t0); }
const lines = server.output().split('\n').filter((l) => l.includes('push') || l.includes('error')).slice(-5);
console.log(lines.join('\n'));
await server.kill('SIGTERM'); t.remove();
