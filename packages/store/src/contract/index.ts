import { DEFAULT_VISIBILITY, EMPTY_ROSTER_FIELDS, type Viewer } from '@mekendesh/core';
import type { SqlDriver } from '../driver.ts';
import { migrate } from '../migrate.ts';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from '../migrations/index.ts';
import { Records } from '../records.ts';
import { runMutation, type MutatorContext } from '../mutators.ts';
import { redeemInvitation } from '../invitations.ts';
import { assert } from './assert.ts';

export { assert, AssertionError } from './assert.ts';

/** One case of the store contract: it gets a factory of fresh, empty databases. */
export interface ContractCase {
  name: string;
  run(open: () => SqlDriver): void;
}

const NOW = '2026-06-01T10:00:00.000Z';
const LATER = '2027-06-01T10:00:00.000Z';

function schema(db: SqlDriver): Records {
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  return new Records(db);
}

function ctx(records: Records, accountId: string): MutatorContext {
  return { viewer: records.viewer(accountId), now: NOW, side: 'server' };
}

function seedAccount(records: Records, id: string, roles: Viewer['roles'] = ['member']) {
  records.put('accounts', {
    id, email: `${id}@example.org`, displayName: id, roles: [...roles], locale: 'ky', createdAt: NOW, updatedAt: NOW,
  });
}

/**
 * The store contract. Every engine (better-sqlite3, sqlite-wasm in memory, sqlite-wasm on
 * OPFS) must pass every case; the runners are thin and live next to each host.
 */
export const CONTRACT_CASES: readonly ContractCase[] = [
  {
    name: 'round-trips every value type',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, i INTEGER, r REAL, b BLOB, n TEXT)');
      db.run('INSERT INTO t (id, s, i, r, b, n) VALUES (?, ?, ?, ?, ?, ?)', [1, 'Бишкек — Ош ✓', 9_007_199_254_740_991, 1.5, new Uint8Array([0, 1, 255]), null]);
      const row = db.get<{ s: string; i: number; r: number; b: Uint8Array; n: null }>('SELECT * FROM t WHERE id = ?', [1])!;
      assert.equal(row.s, 'Бишкек — Ош ✓');
      assert.equal(Number(row.i), 9_007_199_254_740_991);
      assert.equal(row.r, 1.5);
      assert.deepEqual([...row.b], [0, 1, 255]);
      assert.equal(row.n, null);
      assert.equal(db.get('SELECT * FROM t WHERE id = ?', [2]), undefined);
    },
  },
  {
    name: 'run reports changed rows; all returns rows in order',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      for (let i = 1; i <= 5; i++) db.run('INSERT INTO t (id, v) VALUES (?, ?)', [i, `v${i}`]);
      assert.equal(db.run('UPDATE t SET v = ? WHERE id > ?', ['x', 2]).changes, 3);
      assert.deepEqual(db.all('SELECT id, v FROM t ORDER BY id DESC LIMIT 2'), [{ id: 5, v: 'x' }, { id: 4, v: 'x' }]);
      assert.deepEqual(db.values('SELECT id, v FROM t WHERE id < ? ORDER BY id', [3]), [[1, 'v1'], [2, 'v2']]);
      // The same SQL through both read shapes keeps each shape.
      assert.deepEqual(db.all('SELECT id FROM t WHERE id = ?', [1]), [{ id: 1 }]);
      assert.deepEqual(db.values('SELECT id FROM t WHERE id = ?', [1]), [[1]]);
      assert.deepEqual(db.all('SELECT id FROM t WHERE id = ?', [1]), [{ id: 1 }]);
    },
  },
  {
    name: 'a transaction commits on return and rolls back on throw',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (v INTEGER)');
      db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
      assert.throws(() => db.transaction(() => {
        db.run('INSERT INTO t VALUES (2)');
        throw new Error('boom');
      }), 'boom');
      assert.deepEqual(db.all('SELECT v FROM t'), [{ v: 1 }]);
      assert.equal(db.inTransaction, false);
    },
  },
  {
    name: 'nested transactions are savepoints: an inner failure keeps the outer work',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (v INTEGER)');
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (1)');
        assert.throws(() => db.transaction(() => {
          db.run('INSERT INTO t VALUES (2)');
          throw new Error('inner');
        }));
        db.transaction(() => db.run('INSERT INTO t VALUES (3)'));
      });
      assert.deepEqual(db.all('SELECT v FROM t ORDER BY v'), [{ v: 1 }, { v: 3 }]);
    },
  },
  {
    name: 'a constraint violation throws and leaves the database usable',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
      db.run('INSERT INTO t VALUES (?)', ['a']);
      assert.throws(() => db.run('INSERT INTO t VALUES (?)', ['a']), /UNIQUE|constraint/i);
      db.run('INSERT INTO t VALUES (?)', ['b']);
      assert.equal(db.all('SELECT id FROM t').length, 2);
    },
  },
  {
    name: 'a failed COMMIT rolls back and leaves the connection usable',
    run(open) {
      const db = open();
      db.exec('PRAGMA foreign_keys = ON');
      db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
      db.exec('CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
      // The deferred foreign key is only checked at COMMIT, which therefore fails.
      assert.throws(() => db.transaction(() => db.run('INSERT INTO child VALUES (1)')), /FOREIGN KEY|constraint/i);
      assert.equal(db.inTransaction, false);
      assert.equal(db.all('SELECT * FROM child').length, 0);
      db.transaction(() => {
        db.run('INSERT INTO parent VALUES (1)');
        db.run('INSERT INTO child VALUES (1)');
      });
      db.transaction(() => db.transaction(() => db.run('INSERT INTO parent VALUES (2)')));
      assert.equal(db.all('SELECT * FROM parent').length, 2);
    },
  },
  {
    name: 'a full database refuses a write with storage_full and keeps what was saved',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      db.transaction(() => {
        for (let i = 0; i < 50; i++) db.run('INSERT INTO t (v) VALUES (?)', [`saved ${i}`]);
      });
      // No room beyond the pages in use: the next large write cannot fit.
      const pages = Number(db.get<{ n: number }>('SELECT page_count AS n FROM pragma_page_count()')!.n);
      db.exec(`PRAGMA max_page_count = ${pages}`);
      const big = 'x'.repeat(64 * 1024);
      assert.throws(
        () =>
          db.transaction(() => {
            for (let i = 0; i < 20; i++) db.run('INSERT INTO t (v) VALUES (?)', [big]);
          }),
        'storage_full',
      );
      assert.equal(db.inTransaction, false);
      assert.equal(db.all('SELECT id FROM t').length, 50, 'the rows saved before are all there');
      assert.equal(db.get<{ v: string }>('SELECT v FROM t WHERE id = 50')?.v, 'saved 49');
      // Space freed: the same write goes through.
      db.exec(`PRAGMA max_page_count = ${pages * 1000}`);
      db.transaction(() => db.run('INSERT INTO t (v) VALUES (?)', [big]));
      assert.equal(db.all('SELECT id FROM t').length, 51);
    },
  },
  {
    name: 'async transaction callbacks are refused',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (v INTEGER)');
      assert.throws(() => db.transaction(() => Promise.resolve(1)), 'synchronous');
      assert.equal(db.inTransaction, false);
    },
  },
  {
    name: 'JSON1 and many distinct statements work',
    run(open) {
      const db = open();
      const rows = db.all<{ value: string }>('SELECT value FROM json_each(?) ORDER BY value', [JSON.stringify(['b', 'a'])]);
      assert.deepEqual(rows.map((r) => r.value), ['a', 'b']);
      let sum = 0;
      for (let i = 0; i < 300; i++) sum += Number(db.get<{ v: number }>(`SELECT ${i} AS v`)!.v);
      assert.equal(sum, (299 * 300) / 2);
    },
  },
  {
    name: 'bulk insert of 10,000 rows in one transaction',
    run(open) {
      const db = open();
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
      db.transaction(() => {
        for (let i = 0; i < 10_000; i++) db.run('INSERT INTO t (id, name) VALUES (?, ?)', [i, `Асан ${i}`]);
      });
      assert.equal(Number(db.get<{ n: number }>('SELECT count(*) AS n FROM t')!.n), 10_000);
    },
  },
  {
    name: 'migrations apply once, in order, and are recorded',
    run(open) {
      const db = open();
      // A database made by the first release, then upgraded: only the new step runs.
      const firstRelease = { namespace: 'records' as const, migrations: RECORD_MIGRATIONS.migrations.slice(0, 1) };
      assert.deepEqual(migrate(db, [firstRelease]).applied, ['records/0001_initial']);
      const first = migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
      assert.deepEqual(first.applied, [
        ...RECORD_MIGRATIONS.migrations.slice(1).map((m) => `records/${String(m.id).padStart(4, '0')}_${m.name}`),
        ...CLIENT_MIGRATIONS.migrations.map((m) => `client/${String(m.id).padStart(4, '0')}_${m.name}`),
      ]);
      assert.ok(first.applied.includes('records/0002_skills_transfer'), 'the skills-transfer step ran');
      assert.deepEqual(migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]).applied, []);
      migrate(db, [SERVER_MIGRATIONS]);
      const tables = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
      for (const t of ['accounts', 'associations', 'memberships', 'profiles', 'invitations', 'sync_outbox', 'sync_tombstones', 'sessions']) {
        assert.ok(tables.includes(t), `missing table ${t}`);
      }
    },
  },
  {
    name: 'a database with an unknown newer migration is refused',
    run(open) {
      const db = open();
      migrate(db, [RECORD_MIGRATIONS]);
      db.run("INSERT INTO _migrations (namespace, id, name, applied_at) VALUES ('records', 99, 'future', ?)", [NOW]);
      assert.throws(() => migrate(db, [RECORD_MIGRATIONS]), 'schema_too_new');
    },
  },
  {
    name: 'records round-trip through the codecs',
    run(open) {
      const records = schema(open());
      records.put('profiles', {
        id: 'acc-00001', nameCyrillic: 'Айгүл Асанова', nameLatin: 'Aigul Asanova', country: 'TR', city: 'Стамбул',
        homeRegion: 'osh', homeSettlement: null, languages: ['ky', 'ru', 'tr'], skills: [], skillsAbroad: [], sectors: [],
        yearsExperience: 12, availability: 'medium', formats: ['remote_mentoring'], gender: 'female', bio: null,
        email: 'a@example.org', phone: '+905551234567', visibility: DEFAULT_VISIBILITY, createdAt: NOW, updatedAt: NOW,
      });
      const p = records.get('profiles', 'acc-00001')!;
      assert.deepEqual(p.languages, ['ky', 'ru', 'tr']);
      assert.equal(p.yearsExperience, 12);
      assert.deepEqual(p.visibility, DEFAULT_VISIBILITY);
      records.put('associations', {
        id: 'assoc-0001', name: 'Достук', nameLatin: null, country: 'TR', city: 'Istanbul', description: null,
        contactEmail: null, verified: true, createdBy: 'acc-00001', createdAt: NOW, updatedAt: NOW,
      });
      assert.equal(records.get('associations', 'assoc-0001')!.verified, true);
      // An unknown visibility level is stored as the most private one: fail closed.
      records.put('profiles', { ...p, visibility: { ...DEFAULT_VISIBILITY, city: 'everyone' as never } });
      assert.equal(records.get('profiles', 'acc-00001')!.visibility!.city, 'private');
      records.del('associations', 'assoc-0001');
      assert.equal(records.get('associations', 'assoc-0001'), undefined);
    },
  },
  {
    name: 'profile.update creates, patches, and keeps gender private',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'acc-00001');
      runMutation(records, 'profile.update', { id: 'acc-00001', patch: { nameCyrillic: 'Бакыт', skills: [] }, visibility: { gender: 'public', city: 'private' } }, ctx(records, 'acc-00001'));
      runMutation(records, 'profile.update', { id: 'acc-00001', patch: { city: 'Москва' } }, ctx(records, 'acc-00001'));
      const p = records.get('profiles', 'acc-00001')!;
      assert.equal(p.nameCyrillic, 'Бакыт');
      assert.equal(p.city, 'Москва');
      assert.equal(p.visibility!.gender, 'private');
      assert.equal(p.visibility!.city, 'private');
    },
  },
  {
    name: 'mutators deny by default: another member, bad arguments, unknown names',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'acc-00001');
      seedAccount(records, 'acc-00002');
      assert.throws(() => runMutation(records, 'profile.update', { id: 'acc-00002', patch: { city: 'X' } }, ctx(records, 'acc-00001')), 'forbidden');
      assert.throws(() => runMutation(records, 'profile.update', { id: 'acc-00001', patch: { country: 'XX' } }, ctx(records, 'acc-00001')), 'invalid_args');
      assert.throws(() => runMutation(records, 'profile.update', { id: 'acc-00001', patch: {}, extra: 1 }, ctx(records, 'acc-00001')), 'invalid_args');
      assert.throws(() => runMutation(records, 'profile.delete', {}, ctx(records, 'acc-00001')), 'unknown_mutation');
      assert.throws(() => runMutation(records, 'association.create', {
        id: 'assoc-0001', membershipId: 'memb-0001', name: 'A', country: 'RU', city: 'Москва',
      }, ctx(records, 'acc-00001')), 'forbidden');
      assert.equal(records.get('profiles', 'acc-00002'), undefined);
    },
  },
  {
    name: 'membership lifecycle: request, approve, roles, last leader',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'leader-001', ['member', 'association_leader']);
      seedAccount(records, 'member-001');
      runMutation(records, 'association.create', {
        id: 'assoc-0001', membershipId: 'memb-lead1', name: 'Чикагодогу кыргыз жамааты', country: 'US', city: 'Chicago',
      }, ctx(records, 'leader-001'));
      runMutation(records, 'association.update', { id: 'assoc-0001', patch: { city: 'Чикаго', description: 'Жамаат' } }, ctx(records, 'leader-001'));
      assert.equal(records.get('associations', 'assoc-0001')!.city, 'Чикаго');
      assert.throws(() => runMutation(records, 'association.update', { id: 'assoc-0001', patch: { verified: true } }, ctx(records, 'leader-001')), 'invalid_args');
      assert.throws(() => runMutation(records, 'association.verify', { id: 'assoc-0001', verified: true }, ctx(records, 'leader-001')), 'forbidden');
      runMutation(records, 'membership.request', { id: 'memb-0001', associationId: 'assoc-0001' }, ctx(records, 'member-001'));
      assert.throws(() => runMutation(records, 'association.update', { id: 'assoc-0001', patch: { name: 'Mine' } }, ctx(records, 'member-001')), 'forbidden');
      assert.throws(() => runMutation(records, 'membership.request', { id: 'memb-0002', associationId: 'assoc-0001' }, ctx(records, 'member-001')), 'already_member');
      assert.throws(() => runMutation(records, 'membership.decide', { id: 'memb-0001', decision: 'approve' }, ctx(records, 'member-001')), 'forbidden');
      runMutation(records, 'membership.decide', { id: 'memb-0001', decision: 'approve' }, ctx(records, 'leader-001'));
      assert.equal(records.get('memberships', 'memb-0001')!.status, 'active');
      assert.throws(() => runMutation(records, 'membership.leave', { id: 'memb-lead1' }, ctx(records, 'leader-001')), 'last_leader');
      runMutation(records, 'membership.setRole', { id: 'memb-0001', role: 'leader' }, ctx(records, 'leader-001'));
      runMutation(records, 'membership.leave', { id: 'memb-lead1' }, ctx(records, 'leader-001'));
      assert.equal(records.get('memberships', 'memb-lead1')!.status, 'left');
    },
  },
  {
    name: 'invitation codes: create, redeem, exhaust, expire, revoke',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'leader-001', ['member', 'association_leader']);
      seedAccount(records, 'member-001');
      seedAccount(records, 'member-002');
      runMutation(records, 'association.create', { id: 'assoc-0001', membershipId: 'memb-lead1', name: 'Достук', country: 'TR', city: 'Istanbul' }, ctx(records, 'leader-001'));
      runMutation(records, 'invitation.create', { id: 'invite-001', associationId: 'assoc-0001', code: 'ABCDEFGH23', expiresAt: LATER, maxUses: 1 }, ctx(records, 'leader-001'));
      // On the server the code is drawn there, whatever the client proposed.
      const code = records.get('invitations', 'invite-001')!.code;
      assert.ok(code !== 'ABCDEFGH23' && /^[A-HJ-NP-Z2-9]{10}$/.test(code), `server-drawn code, got ${code}`);
      assert.throws(() => runMutation(records, 'invitation.create', { id: 'invite-002', associationId: 'assoc-0001', code: 'ABCDEFGH24', expiresAt: LATER, maxUses: 1 }, ctx(records, 'member-001')), 'forbidden');
      assert.throws(() => redeemInvitation(records, 'ZZZZZZZZZZ', records.viewer('member-001'), NOW, 'memb-0001'), 'invitation_invalid');
      const m = redeemInvitation(records, code, records.viewer('member-001'), NOW, 'memb-0001');
      assert.equal(m.status, 'active');
      assert.throws(() => redeemInvitation(records, code, records.viewer('member-002'), NOW, 'memb-0002'), 'invitation_exhausted');
      assert.throws(() => redeemInvitation(records, code, records.viewer('member-002'), '2028-01-01T00:00:00.000Z', 'memb-0002'), 'invitation_expired');
      runMutation(records, 'invitation.revoke', { id: 'invite-001' }, ctx(records, 'leader-001'));
      assert.throws(() => redeemInvitation(records, code, records.viewer('member-002'), NOW, 'memb-0002'), 'invitation_invalid');
    },
  },
  {
    name: 'skills transfer: offers, needs, engagements through their states, notifications',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'partner-01', ['member', 'home_partner']);
      seedAccount(records, 'member-001');
      seedAccount(records, 'member-002');
      const need = {
        id: 'need-00001', organisation: 'Кашкалдак айыл өкмөтү', title: 'Суу түтүгү', description: null, sector: 'construction',
        region: 'osh', settlement: 'osh.kashkaldak', skills: ['construction.roofing'], formats: ['onsite'], languages: ['ky'],
        duration: 'short', startDate: '2026-07-01', endDate: '2026-07-31', targetGroup: null, country: null,
      };
      assert.throws(() => runMutation(records, 'need.create', need, ctx(records, 'member-001')), 'forbidden');
      assert.throws(() => runMutation(records, 'need.create', { ...need, endDate: '2026-06-01' }, ctx(records, 'partner-01')), 'invalid_args');
      runMutation(records, 'need.create', need, ctx(records, 'partner-01'));
      runMutation(records, 'offer.create', {
        id: 'offer-0001', title: 'Чатыр жабууну үйрөтөм', description: null, sectors: ['construction'], skills: ['construction.roofing'],
        formats: ['training'], availability: 'short', languages: ['ky', 'ru'], regions: ['osh'],
      }, ctx(records, 'member-001'));
      assert.throws(() => runMutation(records, 'offer.update', { id: 'offer-0001', patch: { title: 'x' } }, ctx(records, 'member-002')), 'forbidden');

      // A member shows interest: a proposed engagement, and (on the server) a notification for the partner.
      runMutation(records, 'engagement.propose', { id: 'engage-001', needId: 'need-00001' }, ctx(records, 'member-001'));
      assert.throws(() => runMutation(records, 'engagement.propose', { id: 'engage-002', needId: 'need-00001' }, ctx(records, 'member-001')), 'conflict');
      assert.equal(records.where('notifications', 'account_id = ?', ['partner-01'])[0]!.kind, 'engagement_proposed');
      // Only the other party accepts; outsiders can do nothing.
      assert.throws(() => runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'accepted' }, ctx(records, 'member-001')), 'forbidden');
      assert.throws(() => runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'accepted' }, ctx(records, 'member-002')), 'forbidden');
      assert.throws(() => runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'completed' }, ctx(records, 'partner-01')), 'conflict');
      runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'accepted' }, ctx(records, 'partner-01'));
      runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'in_progress' }, ctx(records, 'member-001'));
      assert.throws(() => runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'completed' }, ctx(records, 'member-001')), 'invalid_args');
      runMutation(records, 'engagement.transition', { id: 'engage-001', to: 'completed', hours: 40, beneficiaries: 320 }, ctx(records, 'partner-01'));
      const done = records.get('engagements', 'engage-001')!;
      assert.deepEqual([done.status, done.hours, done.beneficiaries, done.completedAt], ['completed', 40, 320, NOW]);
      const mine = records.where('notifications', 'account_id = ? ORDER BY id', ['member-001']).map((n) => n.kind);
      assert.deepEqual(mine, ['engagement_accepted', 'engagement_completed']);
      // Reading: own notifications only.
      const theirs = records.where('notifications', 'account_id = ?', ['partner-01']).map((n) => n.id);
      assert.throws(() => runMutation(records, 'notification.read', { ids: theirs }, ctx(records, 'member-001')), 'forbidden');
      runMutation(records, 'notification.read', { ids: theirs }, ctx(records, 'partner-01'));
      assert.ok(records.where('notifications', 'account_id = ?', ['partner-01']).every((n) => n.readAt === NOW));
      // A partner answers an offer; closing it stops new answers.
      runMutation(records, 'engagement.propose', { id: 'engage-003', offerId: 'offer-0001', message: 'Келиңиз' }, ctx(records, 'partner-01'));
      assert.equal(records.get('engagements', 'engage-003')!.memberId, 'member-001');
      runMutation(records, 'offer.close', { id: 'offer-0001' }, ctx(records, 'member-001'));
      assert.throws(() => runMutation(records, 'engagement.propose', { id: 'engage-004', offerId: 'offer-0001' }, ctx(records, 'partner-01')), 'conflict');
      assert.throws(() => runMutation(records, 'engagement.propose', { id: 'engage-005', needId: 'need-00001', offerId: 'offer-0001' }, ctx(records, 'member-002')), 'invalid_args');
    },
  },
  {
    name: 'rosters: managers only, conflicts refused with both values, bulk changes, imports undone whole',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'leader-001', ['member', 'association_leader']);
      seedAccount(records, 'member-001');
      seedAccount(records, 'member-002');
      runMutation(records, 'association.create', { id: 'assoc-0001', membershipId: 'memb-lead1', name: 'Бишкектен Казанга', country: 'RU', city: 'Казань' }, ctx(records, 'leader-001'));
      // The founder is on the roster at once, linked to the account, with the leader role.
      const founder = records.where('roster', 'account_id = ?', ['leader-001']);
      assert.deepEqual(founder.map((r) => [r.associationId, r.role]), [['assoc-0001', 'leader']]);

      const person = { ...EMPTY_ROSTER_FIELDS, nameCyrillic: 'Асель Бекова', phone: '+996555123456', tags: ['2026'] };
      runMutation(records, 'roster.create', { id: 'roster-0001', associationId: 'assoc-0001', fields: person }, ctx(records, 'leader-001'));
      // Members are not managers: they can neither add nor see whether an entry exists.
      assert.throws(() => runMutation(records, 'roster.create', { id: 'roster-0002', associationId: 'assoc-0001', fields: person }, ctx(records, 'member-001')), 'forbidden');
      assert.throws(() => runMutation(records, 'roster.update', { id: 'roster-0001', patch: { city: 'X' } }, ctx(records, 'member-001')), 'not_found');
      assert.throws(() => runMutation(records, 'roster.create', { id: 'roster-0003', associationId: 'assoc-0001', fields: EMPTY_ROSTER_FIELDS }, ctx(records, 'leader-001')), 'invalid_args');

      // An edit based on what the editor saw; a second edit based on the old value is a conflict.
      runMutation(records, 'roster.update', { id: 'roster-0001', patch: { city: 'Казань' }, base: { city: null } }, ctx(records, 'leader-001'));
      const err = assert.throws(
        () => runMutation(records, 'roster.update', { id: 'roster-0001', patch: { city: 'Москва' }, base: { city: null } }, ctx(records, 'leader-001')),
        'conflict',
      ) as { detail: unknown };
      assert.deepEqual(err.detail, { conflicts: [{ field: 'city', theirs: 'Казань', yours: 'Москва' }] });
      assert.equal(records.get('roster', 'roster-0001')!.city, 'Казань');
      // The same value twice is no conflict; no base means "mine wins" (the leader chose it).
      runMutation(records, 'roster.update', { id: 'roster-0001', patch: { city: 'Казань' }, base: { city: null } }, ctx(records, 'leader-001'));
      runMutation(records, 'roster.update', { id: 'roster-0001', patch: { city: 'Москва' } }, ctx(records, 'leader-001'));
      assert.equal(records.get('roster', 'roster-0001')!.city, 'Москва');

      // An import in two chunks, one merge into an existing entry, then undone whole.
      const fields = (name: string) => ({ ...EMPTY_ROSTER_FIELDS, nameCyrillic: name, tags: ['import'] });
      runMutation(records, 'roster.import', {
        batchId: 'batch-0001', associationId: 'assoc-0001', fileName: 'мүчөлөр.xlsx',
        creates: [{ id: 'roster-i001', fields: fields('Бир') }, { id: 'roster-i002', fields: fields('Эки') }],
        merges: [{ id: 'roster-0001', patch: { email: 'asel@example.org', city: 'Ignored', tags: ['import'] } }],
      }, ctx(records, 'leader-001'));
      runMutation(records, 'roster.import', {
        batchId: 'batch-0001', associationId: 'assoc-0001', fileName: 'мүчөлөр.xlsx',
        creates: [{ id: 'roster-i003', fields: fields('Үч') }], merges: [],
      }, ctx(records, 'leader-001'));
      const merged = records.get('roster', 'roster-0001')!;
      // A merge fills what was empty and unions lists; it never overwrites a typed value.
      assert.deepEqual([merged.email, merged.city, merged.tags], ['asel@example.org', 'Москва', ['2026', 'import']]);
      const batch = records.get('roster_imports', 'batch-0001')!;
      assert.deepEqual([batch.created, batch.merged], [3, 1]);
      assert.equal(records.where('roster', 'import_batch_id = ?', ['batch-0001']).length, 3);

      // Bulk: tags and renewal date on a selection; entries of other rosters are not touched.
      runMutation(records, 'roster.bulk', {
        associationId: 'assoc-0001', ids: ['roster-i001', 'roster-i002', 'roster-0001'], addTags: ['paid'], removeTags: ['import'], renewalDate: '2027-01-01',
      }, ctx(records, 'leader-001'));
      assert.deepEqual(records.get('roster', 'roster-i001')!.tags, ['paid']);
      assert.equal(records.get('roster', 'roster-0001')!.renewalDate, '2027-01-01');
      assert.throws(() => runMutation(records, 'roster.bulk', { associationId: 'assoc-0001', ids: ['roster-i001'], addTags: ['x'] }, ctx(records, 'member-002')), 'forbidden');

      runMutation(records, 'roster.undoImport', { batchId: 'batch-0001' }, ctx(records, 'leader-001'));
      assert.equal(records.where('roster', 'import_batch_id = ?', ['batch-0001']).length, 0);
      const restored = records.get('roster', 'roster-0001')!;
      assert.deepEqual([restored.email, restored.city, restored.tags], [null, 'Москва', ['2026']]);
      assert.ok(records.get('roster_imports', 'batch-0001')!.undoneAt);
      // An undone batch takes no more chunks.
      assert.throws(() => runMutation(records, 'roster.import', {
        batchId: 'batch-0001', associationId: 'assoc-0001', fileName: 'x.csv', creates: [{ id: 'roster-i004', fields: fields('Төрт') }], merges: [],
      }, ctx(records, 'leader-001')), 'conflict');

      // A newcomer approved into the association is linked on the roster; roles are mirrored.
      runMutation(records, 'membership.request', { id: 'memb-0001', associationId: 'assoc-0001' }, ctx(records, 'member-001'));
      assert.equal(records.where('roster', 'account_id = ?', ['member-001']).length, 0);
      runMutation(records, 'membership.decide', { id: 'memb-0001', decision: 'approve' }, ctx(records, 'leader-001'));
      runMutation(records, 'membership.setRole', { id: 'memb-0001', role: 'secretary' }, ctx(records, 'leader-001'));
      const linked = records.where('roster', 'account_id = ?', ['member-001']);
      assert.deepEqual(linked.map((r) => r.role), ['secretary']);
      // Deleting a linked entry while the membership is open is refused; a plain entry goes.
      assert.throws(() => runMutation(records, 'roster.delete', { id: linked[0]!.id }, ctx(records, 'leader-001')), 'conflict');
      runMutation(records, 'roster.delete', { id: 'roster-0001' }, ctx(records, 'leader-001'));
      assert.equal(records.get('roster', 'roster-0001'), undefined);
    },
  },
  {
    name: 'projects: roles, money in minor units with reason codes, progress bounds, one owner always',
    run(open) {
      const records = schema(open());
      seedAccount(records, 'partner-001', ['member', 'home_partner']);
      seedAccount(records, 'editor-001');
      seedAccount(records, 'viewer-001');
      const run = (who: string, name: string, args: unknown) => runMutation(records, name, args, ctx(records, who));
      run('partner-001', 'project.create', {
        id: 'project-0001', memberId: 'pm-owner-0001', partnerId: 'partner-001', title: 'Мектептин чатыры', sector: 'construction', region: 'osh',
        settlement: 'osh.kashkaldak', budgetAmount: 120_000_000, budgetCurrency: 'KGS',
      });
      run('partner-001', 'projectMember.add', { id: 'pm-editor-0001', projectId: 'project-0001', accountId: 'editor-001', role: 'editor' });
      run('partner-001', 'projectMember.add', { id: 'pm-viewer-0001', projectId: 'project-0001', accountId: 'viewer-001', role: 'viewer' });
      const project = records.get('projects', 'project-0001')!;
      assert.deepEqual([project.isPublic, project.budgetAmount, project.status], [false, 120_000_000, 'draft']);
      assert.throws(() => run('editor-001', 'pledge.create', { id: 'pledge-0001', projectId: 'project-0001', donorName: 'X', amount: -1, currency: 'KGS' }), 'amount_not_positive');
      assert.throws(() => run('editor-001', 'pledge.create', { id: 'pledge-0001', projectId: 'project-0001', donorName: 'X', amount: 1, currency: 'XYZ' }), 'unknown_currency');
      assert.throws(() => run('editor-001', 'expense.create', { id: 'expense-0001', projectId: 'project-0001', amount: 1, currency: 'KGS' }), 'purpose_required');
      assert.throws(() => run('editor-001', 'milestone.create', { id: 'milestone-0001', projectId: 'project-0001', title: 'x', progress: 101 }), 'progress_out_of_range');
      assert.throws(() => run('viewer-001', 'milestone.create', { id: 'milestone-0001', projectId: 'project-0001', title: 'x' }), 'forbidden');
      run('editor-001', 'pledge.create', { id: 'pledge-0001', projectId: 'project-0001', donorName: 'Ыстамбул', amount: 3_000_000, currency: 'TRY', status: 'received' });
      run('editor-001', 'milestone.create', { id: 'milestone-0001', projectId: 'project-0001', title: 'Смета', done: true });
      assert.deepEqual(records.get('pledges', 'pledge-0001')!.anonymous, true);
      assert.deepEqual([records.get('milestones', 'milestone-0001')!.done, records.get('milestones', 'milestone-0001')!.progress], [true, 100]);
      assert.throws(() => run('editor-001', 'project.setPublic', { id: 'project-0001', isPublic: true }), 'forbidden');
      run('partner-001', 'project.setPublic', { id: 'project-0001', isPublic: true });
      assert.equal(records.get('projects', 'project-0001')!.isPublic, true);
      assert.throws(() => run('partner-001', 'projectMember.remove', { id: 'pm-owner-0001' }), 'last_owner');
      assert.equal(records.viewer('viewer-001').projects?.get('project-0001'), 'viewer');
    },
  },
];
