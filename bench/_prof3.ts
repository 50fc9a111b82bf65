import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, CLIENT_MIGRATIONS, upsertStatement, TABLE_SPECS } from '@mekendesh/store';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
const cols = TABLE_SPECS.profiles.columns.map((c) => c.column);
const rows = store.db.values(`SELECT ${cols.join(',')} FROM profiles`);
for (const variant of ['upsert', 'insert', 'insert-noidx', 'insert-or-replace', 'upsert-sync-normal', 'upsert-mem']) {
  const raw = new Database(variant.endsWith('mem') ? ':memory:' : join(data.dir, variant + '.db'));
  raw.pragma('journal_mode = WAL');
  if (variant.includes('normal')) raw.pragma('synchronous = NORMAL');
  const db = betterSqlite3Driver(raw);
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  if (variant === 'insert-noidx') db.exec('DROP INDEX profiles_country; DROP INDEX profiles_home_region;');
  const sql = variant.startsWith('upsert') ? upsertStatement('profiles') : `INSERT ${variant === 'insert-or-replace' ? 'OR REPLACE' : ''} INTO profiles (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`;
  const t0 = performance.now();
  db.transaction(() => { for (const r of rows) db.run(sql, r); });
  console.log(variant, (performance.now() - t0).toFixed(0), 'ms');
}
data.remove();
