import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
const db = store.db;
let t0 = performance.now();
let from = 0; let total = 0; const ids: Record<string, string[]>[] = [];
for (;;) { const rows = db.all<any>('SELECT tbl, row_id, version FROM sync_changes WHERE version > ? ORDER BY version LIMIT 5000', [from]); if (!rows.length) break; total += rows.length; from = rows[rows.length-1].version;
  const g: Record<string,string[]> = {}; for (const r of rows) (g[r.tbl] ??= []).push(r.row_id); ids.push(g); }
console.log('scan changes', performance.now() - t0, total);
console.log(db.all('EXPLAIN QUERY PLAN SELECT tbl, row_id, version FROM sync_changes WHERE version > ? ORDER BY version LIMIT 5000', [0]));
t0 = performance.now();
for (const g of ids) for (const [t, list] of Object.entries(g)) db.all(`SELECT * FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(list)]);
console.log('fetch rows', performance.now() - t0);
console.log(db.all(`EXPLAIN QUERY PLAN SELECT * FROM profiles WHERE id IN (SELECT value FROM json_each(?))`, ['[]']));
data.remove();
