import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { betterSqlite3Driver, type SqlDriver } from '@mekendesh/store';
import { AuditLog } from './audit-log.ts';
import { ed25519Signer, publicKeyJwk, signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { AuditError, GENESIS_HASH, hashEvent, type AuditEventInput } from './event.ts';
import { AUDIT_SCHEMA_SQL } from './schema.ts';
import { verifyEvents, verifyJsonl } from './verify.ts';

const dir = mkdtempSync(join(tmpdir(), 'mekendesh-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function open(file = join(dir, `audit-${++files}.sqlite`)) {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  const db = betterSqlite3Driver(raw);
  db.exec(AUDIT_SCHEMA_SQL);
  return { db, file, log: new AuditLog(db) };
}

const KINDS = ['nomination.submitted', 'review.submitted', 'decision.made'] as const;
const at = (i: number) => new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString();
function event(i: number): AuditEventInput {
  const nomination = `nom-${String(Math.floor(i / 3)).padStart(5, '0')}`;
  return {
    at: at(i),
    actor: i % 7 === 0 ? null : `acct-${i % 13}`,
    kind: KINDS[i % 3]!,
    subject: nomination,
    data: { nomination, title: 'Мыкты Мекендеш, ңөү', score: i % 10, tags: ['диаспора', 'Чикаго'] },
  };
}

function filled(n = 1000, opts: { pageSize?: number } = {}) {
  const o = open();
  const log = new AuditLog(o.db, opts);
  o.db.transaction(() => {
    for (let i = 1; i <= n; i++) log.append(event(i));
  });
  return { ...o, log };
}

/** What someone with the file can do: the triggers are only DDL. */
function dropGuards(db: SqlDriver) {
  for (const t of ['audit_events_no_update', 'audit_events_no_delete', 'audit_events_at_head', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete', 'audit_checkpoints_known_hash']) {
    db.exec(`DROP TRIGGER ${t}`);
  }
}

/** Recomputes every hash from `fromSeq` on, as a careful attacker would after an edit. */
function rechain(db: SqlDriver, fromSeq: number) {
  let prev = fromSeq === 1 ? GENESIS_HASH : db.get<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = ?', [fromSeq - 1])!.hash;
  for (const r of db.all<{ seq: number; at: string; actor: string | null; kind: string; subject: string | null; data: string }>('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq', [fromSeq])) {
    const hash = hashEvent(prev, r, r.data);
    db.run('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, r.seq]);
    prev = hash;
  }
}

const signer = ed25519Signer('award-2026', new Uint8Array(32).fill(7));
const keys = new Map([['award-2026', signer.publicKey]]);
const NOW = '2026-07-01T00:00:00.000Z';
const fail = (seq: number, reason: string) => expect.objectContaining({ ok: false, seq, reason });

describe('a clean log', () => {
  it('1,000 events verify, the head is the last hash, and the chain starts at the genesis', () => {
    const { log, db, file } = filled(1000);
    const head = log.head();
    expect(head.seq).toBe(1000);
    const [first] = log.events(1, 1);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, kind: 'review.submitted', data: event(1).data });
    expect(log.events(1000, 5)).toEqual([expect.objectContaining({ seq: 1000, hash: head.hash })]);
    expect(log.verify()).toEqual({ ok: true, count: 1000, head, checkpoints: 0 });
    // The same file reopened, with a native digest and small pages, says the same.
    db.close();
    const again = new AuditLog(open(file).db, { sha256: (b) => createHash('sha256').update(b).digest(), pageSize: 37 });
    expect(again.verify()).toEqual({ ok: true, count: 1000, head, checkpoints: 0 });
  });

  it('an empty log verifies with the genesis as head', () => {
    const { log } = open();
    expect(log.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(log.verify()).toEqual({ ok: true, count: 0, head: { seq: 0, hash: GENESIS_HASH }, checkpoints: 0 });
  });

  it('pages events, and lists the history of one subject', () => {
    const { log } = filled(100);
    expect(log.events(11, 20).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 11 + i));
    expect(log.events(95, 20)).toHaveLength(6);
    expect(log.eventsFor('nom-00010').map((e) => [e.seq, e.kind])).toEqual([
      [30, 'nomination.submitted'],
      [31, 'review.submitted'],
      [32, 'decision.made'],
    ]);
  });

  it('refuses invalid events and writes nothing', () => {
    const { log } = open();
    const bad: [Partial<AuditEventInput>, string][] = [
      [{ kind: 'Nomination Submitted' }, 'kind'],
      [{ kind: '' }, 'kind'],
      [{ at: '2026-06-01 10:00' }, 'at'],
      [{ at: '2026-13-01T10:00:00.000Z' }, 'at'],
      [{ actor: '' }, 'actor'],
      [{ subject: 5 as unknown as string }, 'subject'],
      [{ data: { x: undefined } as never }, 'data'],
      [{ data: { x: NaN } }, 'data'],
      [{ data: { f: (() => 1) as never } }, 'data'],
    ];
    for (const [change, field] of bad) {
      let err: unknown;
      try {
        log.append({ ...event(1), ...change });
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(AuditError);
      expect(err).toMatchObject({ code: 'audit_invalid_event', detail: expect.objectContaining({ field }) });
    }
    expect(log.head().seq).toBe(0);
    expect(log.append({ at: NOW, actor: null, kind: 'system.started', subject: null }).seq).toBe(1);
    expect(log.events()[0]!.data).toEqual({});
  });
});

describe('append-only', () => {
  it('UPDATE and DELETE are refused by the triggers, on events and checkpoints', () => {
    const { db, log } = filled(10);
    log.checkpoint(signer, NOW);
    expect(() => db.run("UPDATE audit_events SET data = '{}' WHERE seq = 5")).toThrow(/audit_append_only/);
    expect(() => db.run('DELETE FROM audit_events WHERE seq = 10')).toThrow(/audit_append_only/);
    expect(() => db.run('DELETE FROM audit_events')).toThrow(/audit_append_only/);
    expect(() => db.run("UPDATE audit_checkpoints SET at = 'x'")).toThrow(/audit_append_only/);
    expect(() => db.run('DELETE FROM audit_checkpoints')).toThrow(/audit_append_only/);
    expect(log.verify()).toMatchObject({ ok: true, count: 10 });
  });

  it('INSERT only at the head: no gaps, no forks, no REPLACE, no checkpoint of an unknown hash', () => {
    const { db, log } = filled(10);
    const h = log.head();
    const row = (seq: number, prev: string) => [seq, NOW, null, 'x.y', null, '{}', prev, 'f'.repeat(64)];
    const insert = 'INSERT INTO audit_events (seq, at, actor, kind, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
    expect(() => db.run(insert, row(12, h.hash))).toThrow(/audit_not_at_head/);
    expect(() => db.run(insert, row(11, GENESIS_HASH))).toThrow(/audit_not_at_head/);
    expect(() => db.run(insert.replace('INSERT', 'INSERT OR REPLACE'), row(5, h.hash))).toThrow(/audit_not_at_head/);
    expect(() => db.run('INSERT INTO audit_checkpoints VALUES (?, ?, ?, ?, ?)', [5, h.hash, NOW, 'k', 's'])).toThrow(/audit_checkpoint_unknown/);
    expect(log.verify()).toMatchObject({ ok: true, count: 10 });
  });
});

describe('transactions', () => {
  it('an append inside a rolled-back transaction leaves no event, and the next append chains on the real head', () => {
    const { db, log } = filled(5);
    const before = log.head();
    expect(() =>
      db.transaction(() => {
        db.exec('CREATE TABLE IF NOT EXISTS nominations (id TEXT PRIMARY KEY)');
        db.run("INSERT INTO nominations VALUES ('nom-x')");
        log.append(event(6));
        log.append(event(7));
        throw new Error('the nomination was refused');
      }),
    ).toThrow('the nomination was refused');
    expect(log.head()).toEqual(before);
    // A savepoint rolled back inside a committed transaction too.
    db.transaction(() => {
      log.append(event(6));
      try {
        db.transaction(() => {
          log.append(event(7));
          throw new Error('inner');
        });
      } catch {
        // The outer work stays.
      }
      log.append(event(8));
    });
    const events = log.events();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events[5]!.prevHash).toBe(before.hash);
    expect(events[6]!.data).toEqual(event(8).data);
    expect(log.verify()).toMatchObject({ ok: true, count: 7 });
  });

  it('two connections to one file append to one chain (the head is read, not cached)', () => {
    const a = open();
    const b = new AuditLog(open(a.file).db);
    for (let i = 1; i <= 20; i++) (i % 2 ? a.log : b).append(event(i));
    expect(a.log.verify()).toMatchObject({ ok: true, count: 20 });
  });
});

describe('an attacker with the file', () => {
  it('changes one event’s data: detected at that seq', () => {
    const { db, log } = filled();
    dropGuards(db);
    db.run(`UPDATE audit_events SET data = json_set(data, '$.score', 10) WHERE seq = 500`);
    expect(log.verify()).toEqual({ ok: false, seq: 500, reason: 'hash_mismatch', count: 499 });
  });

  it('changes the actor, the kind or the time: detected', () => {
    for (const set of ["actor = 'acct-evil'", "kind = 'decision.made'", "at = '2026-06-01T00:00:00.000Z'", 'actor = NULL']) {
      const { db, log } = filled(300);
      dropGuards(db);
      db.run(`UPDATE audit_events SET ${set} WHERE seq = 100`);
      expect(log.verify(), set).toEqual(fail(100, 'hash_mismatch'));
    }
  });

  it('deletes a middle event: detected as a gap; deletes and renumbers: detected as a broken chain', () => {
    const { db, log } = filled();
    dropGuards(db);
    db.run('DELETE FROM audit_events WHERE seq = 500');
    expect(log.verify()).toEqual(fail(500, 'seq_gap'));
    db.run('UPDATE audit_events SET seq = seq - 1 WHERE seq > 500');
    expect(log.verify()).toEqual(fail(500, 'chain_broken'));
  });

  it('deletes the first event: detected', () => {
    const { db, log } = filled(10);
    dropGuards(db);
    db.run('DELETE FROM audit_events WHERE seq = 1');
    expect(log.verify()).toEqual(fail(1, 'seq_gap'));
  });

  it('swaps two events: detected', () => {
    const { db, log } = filled();
    dropGuards(db);
    db.exec('UPDATE audit_events SET seq = 1000000 WHERE seq = 300; UPDATE audit_events SET seq = 300 WHERE seq = 301; UPDATE audit_events SET seq = 301 WHERE seq = 1000000;');
    expect(log.verify()).toEqual(fail(300, 'chain_broken'));
    // Swapping only the contents, hashes left in place.
    const other = filled();
    dropGuards(other.db);
    other.db.exec(`
      CREATE TEMP TABLE t AS SELECT * FROM audit_events WHERE seq IN (300, 301);
      UPDATE audit_events SET data = (SELECT data FROM t WHERE seq = 301), kind = (SELECT kind FROM t WHERE seq = 301) WHERE seq = 300;
      UPDATE audit_events SET data = (SELECT data FROM t WHERE seq = 300), kind = (SELECT kind FROM t WHERE seq = 300) WHERE seq = 301;
    `);
    expect(other.log.verify()).toEqual(fail(300, 'hash_mismatch'));
  });

  it('inserts an event below seq 1: detected, not skipped', () => {
    const { db, log } = filled(10);
    dropGuards(db);
    db.exec('CREATE TABLE x AS SELECT * FROM audit_events; DROP TABLE audit_events; CREATE TABLE audit_events AS SELECT * FROM x;');
    db.run("INSERT INTO audit_events SELECT 0, at, actor, kind, subject, data, prev_hash, hash FROM x WHERE seq = 1");
    expect(log.verify()).toEqual(fail(1, 'seq_gap'));
  });

  it('stores data that is not canonical JSON, even with hashes recomputed over it: malformed', () => {
    const { db, log } = filled(20);
    dropGuards(db);
    db.run(`UPDATE audit_events SET data = '{ "score": 1 }' WHERE seq = 7`);
    rechain(db, 7);
    expect(log.verify()).toEqual(fail(7, 'malformed'));
  });

  it('changes an event and recomputes every hash after it: only a checkpoint kept elsewhere detects it', () => {
    const { db, log } = filled();
    const cp1000 = log.checkpoint(signer, NOW);
    const exported: Checkpoint[] = [signCheckpoint({ seq: 600, hash: log.events(600, 1)[0]!.hash }, NOW, signer), cp1000];
    dropGuards(db);
    db.run(`UPDATE audit_events SET data = json_set(data, '$.score', 10) WHERE seq = 500`);
    rechain(db, 500);
    // With the genuine checkpoint still in the table, the log refuses to sign the new head...
    log.append(event(1001));
    expect(() => log.checkpoint(signer, NOW)).toThrow(
      expect.objectContaining({ code: 'audit_chain_invalid', detail: expect.objectContaining({ reason: 'checkpoint_mismatch', seq: 1000 }) }),
    );
    // ...so the attacker deletes it, and the event too.
    db.exec('DELETE FROM audit_checkpoints; DELETE FROM audit_events WHERE seq = 1001;');
    // The chain itself is consistent again: that is the limit of hashing alone.
    expect(log.verify()).toMatchObject({ ok: true, count: 1000 });
    expect(log.verify({ checkpoints: exported, keys })).toEqual({ ok: false, seq: 600, reason: 'checkpoint_mismatch', count: 599, checkpoint: exported[0] });
    expect(log.verify({ checkpoints: [cp1000], keys })).toEqual(fail(1000, 'checkpoint_mismatch'));
  });

  it('truncates the tail: detected by a checkpoint; truncates and appends other events: detected too', () => {
    const { db, log } = filled();
    const cp = log.checkpoint(signer, NOW);
    dropGuards(db);
    db.run('DELETE FROM audit_events WHERE seq > 800');
    expect(log.verify()).toMatchObject({ ok: true, count: 800 });
    expect(log.verify({ checkpoints: [cp], keys })).toEqual({ ok: false, seq: 801, reason: 'truncated', count: 800, checkpoint: cp });
    db.exec('DELETE FROM audit_checkpoints');
    db.exec(AUDIT_SCHEMA_SQL); // the guards back, as if nothing happened
    for (let i = 801; i <= 1005; i++) log.append({ ...event(i), data: { forged: true } });
    expect(log.verify()).toMatchObject({ ok: true, count: 1005 });
    expect(log.verify({ checkpoints: [cp], keys })).toEqual(fail(1000, 'checkpoint_mismatch'));
  });

  it('forges a checkpoint with another key: refused', () => {
    const { db, log } = filled();
    const genuine = log.checkpoint(signer, NOW);
    dropGuards(db);
    db.run(`UPDATE audit_events SET data = json_set(data, '$.score', 10) WHERE seq = 10`);
    rechain(db, 10);
    const mallory = ed25519Signer('award-2026', new Uint8Array(32).fill(66));
    const forged = signCheckpoint(log.head(), NOW, mallory);
    db.run('DELETE FROM audit_checkpoints');
    db.run('INSERT INTO audit_checkpoints VALUES (?, ?, ?, ?, ?)', [forged.seq, forged.hash, forged.at, forged.kid, forged.signature]);
    expect(log.verify({ checkpoints: log.checkpoints(), keys })).toEqual({ ok: false, seq: 1000, reason: 'checkpoint_invalid', count: 0, checkpoint: forged });
    // The genuine signature on the forged hash: refused too.
    expect(log.verify({ checkpoints: [{ ...genuine, hash: forged.hash }], keys })).toEqual(fail(1000, 'checkpoint_invalid'));
    expect(log.verify({ checkpoints: [genuine], keys })).toEqual(fail(1000, 'checkpoint_mismatch'));
    // And the log will not sign over it with the real key either: a row under its kid that its
    // key did not sign is proof of tampering, even though the chain is consistent again.
    expect(() => log.checkpoint(signer, NOW)).toThrow(
      expect.objectContaining({ code: 'audit_chain_invalid', detail: expect.objectContaining({ reason: 'checkpoint_invalid', seq: 1000 }) }),
    );
  });
});

describe('checkpoints', () => {
  it('are stored, listed, verifiable with a JWK, idempotent on an unchanged head, and refused on an empty log', () => {
    const { log } = open();
    expect(() => log.checkpoint(signer, NOW)).toThrow(expect.objectContaining({ code: 'audit_empty' }));
    for (let i = 1; i <= 50; i++) log.append(event(i));
    const a = log.checkpoint(signer, NOW);
    expect(a).toMatchObject({ seq: 50, hash: log.head().hash, kid: 'award-2026' });
    expect(log.checkpoint(signer, '2026-07-02T00:00:00.000Z')).toEqual(a);
    for (let i = 51; i <= 80; i++) log.append(event(i));
    const b = log.checkpoint(signer, '2026-07-03T00:00:00.000Z');
    expect(b.seq).toBe(80);
    expect(log.checkpoints()).toEqual([a, b]);
    const jwks = new Map([['award-2026', publicKeyJwk(signer.publicKey)]]);
    expect(log.verify({ checkpoints: log.checkpoints(), keys: jwks })).toEqual({ ok: true, count: 80, head: { seq: 80, hash: b.hash }, checkpoints: 2 });
    expect(() => log.verify({ checkpoints: [a] })).toThrow(TypeError);
  });

  it('verify from a trusted checkpoint reads only what came after it, and still sees a rewrite behind it', () => {
    const { db, log } = filled(500);
    const cp = log.checkpoint(signer, NOW);
    for (let i = 501; i <= 520; i++) log.append(event(i));
    expect(log.verify({ from: cp, checkpoints: [cp], keys })).toEqual({ ok: true, count: 20, head: log.head(), checkpoints: 1 });
    dropGuards(db);
    db.run(`UPDATE audit_events SET data = '{}' WHERE seq = 510`);
    expect(log.verify({ from: cp })).toEqual(fail(510, 'hash_mismatch'));
    db.run(`UPDATE audit_events SET hash = ? WHERE seq = 500`, ['0'.repeat(63) + '1']);
    expect(log.verify({ from: cp })).toEqual(fail(500, 'checkpoint_mismatch'));
    db.run('DELETE FROM audit_events WHERE seq >= 500');
    expect(log.verify({ from: cp })).toEqual(fail(500, 'truncated'));
  });
});

describe('export', () => {
  it('JSONL verifies like the table, byte-identical per log, and detects edits, drops and garbage', async () => {
    const { log } = filled(300, { pageSize: 64 });
    const cp = log.checkpoint(signer, NOW);
    const lines = [...log.exportJsonl()];
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, data: event(1).data });
    expect(await verifyJsonl(lines, { checkpoints: [cp], keys })).toEqual({ ok: true, count: 300, head: log.head(), checkpoints: 1 });
    expect(await verifyJsonl(`${lines.join('\r\n')}\n`.split('\n'))).toMatchObject({ ok: true, count: 300 });
    expect(verifyEvents(lines.map((l) => JSON.parse(l) as unknown))).toMatchObject({ ok: true, count: 300 });

    const edited = [...lines];
    edited[99] = edited[99]!.replace('"score":', '"score":1');
    expect(await verifyJsonl(edited)).toEqual(fail(100, 'hash_mismatch'));
    expect(await verifyJsonl(lines.filter((_, i) => i !== 99))).toEqual(fail(100, 'seq_gap'));
    expect(await verifyJsonl([...lines.slice(0, 99), '{"seq":100,', ...lines.slice(100)])).toEqual(fail(100, 'malformed'));
    expect(await verifyJsonl(lines.slice(0, 250), { checkpoints: [cp], keys })).toEqual(fail(251, 'truncated'));
    expect(verifyEvents([{ ...JSON.parse(lines[0]!), data: undefined }])).toEqual(fail(1, 'malformed'));
  });
});
