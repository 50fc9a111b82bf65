import { join } from 'node:path';
import { ServerStore, openServerDb } from '@mekendesh/server';
const store = new ServerStore(openServerDb(join('/tmp/diag100k', 'mekendesh.db')));
const db = store.db;
const time = (name: string, fn: () => unknown) => { const t0 = performance.now(); const r = fn(); console.log(name, (performance.now() - t0).toFixed(0), typeof r === 'string' ? r.length : Array.isArray(r) ? r.length : ''); return r; };
for (let k = 0; k < 2; k++) {
  time('values 5000', () => db.values('SELECT _version, id, data, visibility, created_at, updated_at FROM profiles WHERE _version > 0 ORDER BY _version LIMIT 5000'));
  time('stringify values', () => JSON.stringify(db.values('SELECT id, data, visibility, created_at, updated_at FROM profiles WHERE _version > 0 ORDER BY _version LIMIT 5000')));
  time('sql json 5000', () => db.get<any>(`SELECT json_group_array(json_array(id, data, visibility, created_at, updated_at)) AS j FROM (SELECT * FROM profiles WHERE _version > 0 ORDER BY _version LIMIT 5000)`)!.j);
  time('sql json removed', () => db.get<any>(`SELECT json_group_array(json_array(id, CAST(json_remove(data, '$.email', '$.phone') AS TEXT), visibility, created_at, updated_at)) AS j FROM (SELECT * FROM profiles WHERE _version > 0 ORDER BY _version LIMIT 5000)`)!.j);
}
console.log(db.get<any>(`SELECT json_array(CAST(json_remove('{"a":1}', '$.b') AS TEXT)) AS a, json_array(json_remove('{"a":1}', '$.b')) AS b, json_array(json_remove('{"a":1}', '$.b') || '') AS c`));
