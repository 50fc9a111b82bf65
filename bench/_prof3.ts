import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, CLIENT_MIGRATIONS, upsertStatement } from '@mekendesh/store';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
const rows = store.db.values(`SELECT id, data, created_at, updated_at FROM profiles`);
for (const variant of ['upsert', 'upsert-noidx', 'upsert-mem', 'plain-table']) {
  const raw = new Database(variant.endsWith('mem') ? ':memory:' : join(data.dir, variant + '.db'));
  raw.pragma('journal_mode = WAL');
  const db = betterSqlite3Driver(raw);
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  if (variant === 'upsert-noidx') db.exec('DROP INDEX profiles_country; DROP INDEX profiles_home_region;');
  if (variant === 'plain-table') db.exec('CREATE TABLE p2 (id TEXT PRIMARY KEY, data TEXT, created_at TEXT, updated_at TEXT)');
  const sql = variant === 'plain-table' ? 'INSERT INTO p2 VALUES (?,?,?,?)' : upsertStatement('profiles');
  let t0 = performance.now();
  db.transaction(() => { for (const r of rows) db.run(sql, r); });
  console.log(variant, (performance.now() - t0).toFixed(0), 'ms');
}
const t0 = performance.now();
let n = 0; for (const r of rows) n += JSON.parse(r[1] as string).languages.length;
console.log('parse data', performance.now() - t0);
data.remove();
