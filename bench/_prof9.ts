import { join } from 'node:path';
import { ServerStore, openServerDb } from '@mekendesh/server';
const store = new ServerStore(openServerDb(join('/tmp/diag100k', 'mekendesh.db')));
const db = store.db;
const sqlFull = `
  WITH shared(account_id) AS (
    SELECT account_id FROM memberships WHERE status = 'active' AND association_id IN (SELECT value FROM json_each(?))
    UNION SELECT account_id FROM memberships WHERE status = 'pending' AND association_id IN (SELECT value FROM json_each(?))
  ),
  page AS (
    SELECT _version, id, data, data_members, data_associations, visibility, created_at, updated_at,
           CASE WHEN id = ? THEN 3 WHEN id IN (SELECT account_id FROM shared) THEN 2 ELSE 1 END AS rel
      FROM profiles WHERE _version > ? ORDER BY _version LIMIT ?
  )
  SELECT _version, id, CASE rel WHEN 3 THEN data WHEN 2 THEN data_associations ELSE data_members END,
         CASE WHEN rel = 3 THEN visibility END, created_at, updated_at,
         CASE rel WHEN 3 THEN 0 WHEN 2 THEN data_associations IS NULL ELSE data_members IS NULL END
    FROM page ORDER BY _version`;
const simple = `SELECT _version, id, data_members, NULL, created_at, updated_at, data_members IS NULL FROM profiles WHERE _version > ? ORDER BY _version LIMIT ?`;
const onlyId = `SELECT _version, id FROM profiles WHERE _version > ? ORDER BY _version LIMIT ?`;
for (let k = 0; k < 2; k++) {
  let t0 = performance.now(); let v = 0; let n = 0;
  for (;;) { const r = db.values(sqlFull, ['[]', '[]', 'x', v, 5000]); if (!r.length) break; v = Number(r[r.length - 1]![0]); n += r.length; }
  console.log('full', (performance.now() - t0).toFixed(0), n);
  t0 = performance.now(); v = 0;
  for (;;) { const r = db.values(simple, [v, 5000]); if (!r.length) break; v = Number(r[r.length - 1]![0]); }
  console.log('simple', (performance.now() - t0).toFixed(0));
  t0 = performance.now(); v = 0;
  for (;;) { const r = db.values(onlyId, [v, 5000]); if (!r.length) break; v = Number(r[r.length - 1]![0]); }
  console.log('onlyId', (performance.now() - t0).toFixed(0));
}
console.log(db.all('EXPLAIN QUERY PLAN ' + sqlFull, ['[]', '[]', 'x', 0, 5000]).map((r: any) => r.detail).join('\n'));
console.log(db.get('SELECT avg(length(data_members)) a, avg(length(data)) b FROM profiles'));
