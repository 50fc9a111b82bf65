import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, CLIENT_MIGRATIONS, TABLE_SPECS } from '@mekendesh/store';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
const cols = TABLE_SPECS.profiles.columns.map((c) => c.column);
const rows = store.db.values(`SELECT ${cols.join(',')} FROM profiles`);
const text = JSON.stringify(rows);
for (const variant of ['json_each', 'json_each-upsert']) {
  const raw = new Database(join(data.dir, variant + '.db'));
  raw.pragma('journal_mode = WAL');
  const db = betterSqlite3Driver(raw);
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  const sel = cols.map((_, i) => `value->>${i}`).join(', ');
  const sql = `INSERT INTO profiles (${cols.join(',')}) SELECT ${sel} FROM json_each(?) WHERE 1` + (variant.endsWith('upsert') ? ` ON CONFLICT(id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}` : '');
  const t0 = performance.now();
  db.transaction(() => db.run(sql, [text]));
  console.log(variant, (performance.now() - t0).toFixed(0), 'ms', db.get<any>('select count(*) n from profiles').n, JSON.stringify(db.get('select languages, visibility, years_experience from profiles limit 1')));
}
data.remove();
