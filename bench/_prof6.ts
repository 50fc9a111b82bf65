import { join } from 'node:path';
import { ServerStore, generateDemo, openServerDb } from '@mekendesh/server';
import { tempDir } from '../tests/kit/server.ts';
const data = tempDir();
const store = new ServerStore(openServerDb(join(data.dir, 'm.db')));
await generateDemo(store, { members: 20000, seed: 1, logN: 10 });
const db = store.db;
const time = (name: string, sql: string) => { const t0 = performance.now(); const r = db.values(sql); console.log(name, (performance.now() - t0).toFixed(0), r.length); };
for (let k = 0; k < 2; k++) {
time('plain', 'SELECT _version, id, data, created_at, updated_at FROM profiles ORDER BY _version');
time('one ->>', `SELECT _version, id, data ->> '$.visibility.city' FROM profiles ORDER BY _version`);
time('17 ->>', `SELECT _version, id, ${['nameCyrillic','nameLatin','country','city','homeRegion','homeSettlement','languages','skills','skillsAbroad','sectors','yearsExperience','availability','formats','gender','bio','email','phone'].map(f=>`data ->> '$.visibility.${f}'`).join(',')} FROM profiles ORDER BY _version`);
time('json_remove 3', `SELECT _version, id, json_remove(data, '$.visibility', '$.email', '$.phone') FROM profiles ORDER BY _version`);
time('jsonb', `SELECT _version, id, jsonb(data) FROM profiles ORDER BY _version`);
}
data.remove();
