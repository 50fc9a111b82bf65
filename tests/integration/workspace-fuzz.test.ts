/**
 * Hostile input against the real workspace endpoint (server on 127.0.0.1, real SQLite file):
 * seeded random bytes, every truncation of real sync and awareness messages, oversized updates,
 * text frames and a flood over the rate limit. Each closes only the connection that sent it, with
 * its own code (4400 malformed, 1009 too large, 4429 rate limited), while well-behaved stock
 * providers on the same document and on another one keep syncing throughout and `/api/health`
 * keeps answering. Then presence: forged client ids are refused and states are stamped with the
 * sender's real account.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WS from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { signUp, startTestServer, type TestUser } from '../kit/server.ts';
import { createProject, openProvider, waitFor } from '../kit/workspace.ts';

const MAX = 64 * 1024;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const message = (write: (enc: encoding.Encoder) => void) => {
  const enc = encoding.createEncoder();
  write(enc);
  return encoding.toUint8Array(enc);
};
const syncUpdateMessage = (update: Uint8Array) =>
  message((enc) => {
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeUpdate(enc, update);
  });
const awarenessUpdateMessage = (entries: [clientId: number, clock: number, state: unknown][]) =>
  message((enc) => {
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint8Array(
      enc,
      message((u) => {
        encoding.writeVarUint(u, entries.length);
        for (const [id, clock, state] of entries) {
          encoding.writeVarUint(u, id);
          encoding.writeVarUint(u, clock);
          encoding.writeVarString(u, JSON.stringify(state));
        }
      }),
    );
  });

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A raw WebSocket to the workspace endpoint: what it received, and how it closed. */
function rawSocket(server: Server, projectId: string, token: string) {
  const ws = new WS(`${server.url.replace(/^http/, 'ws')}/api/workspaces/${projectId}`, { headers: { authorization: `Bearer ${token}` } });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => {}); // a close mid-send surfaces as an error too; the code is what counts
  return { ws, received, opened, closed };
}

/** Opens a connection, sends `frames` back to back and resolves with the close code (-1: still open after `ms`). */
async function sendAndWaitClose(server: Server, projectId: string, token: string, frames: (Uint8Array | string)[], ms = 5000): Promise<number> {
  const s = rawSocket(server, projectId, token);
  await s.opened;
  for (const f of frames) s.ws.send(f);
  const code = await Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(-1), ms))]);
  if (code === -1) s.ws.terminate();
  return code;
}

/** Runs `jobs` with at most `n` at once. */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

const countBy = (xs: number[]) => xs.reduce<Record<number, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});

describe('workspace endpoint under hostile input', () => {
  let server: Server;
  let owner: TestUser;
  let editor: TestUser;
  let attacker: TestUser;
  const P = 'proj-fuzz-main';
  const Q = 'proj-fuzz-other';
  // Well-behaved clients: an editor writing and an owner watching, on P and on Q.
  let writers: ReturnType<typeof openProvider>[];
  let watchers: ReturnType<typeof openProvider>[];
  let ticker: ReturnType<typeof setInterval>;
  let written = 0;
  const healthCodes: number[] = [];

  /** Everything the writers wrote so far reached the watchers, and the server is healthy. */
  async function stillServing(what: string) {
    const n = written;
    await waitFor(() => watchers.every((w) => w.doc.getArray('ticks').length >= n), 5000, `watchers caught up after ${what}`);
    for (const [i, w] of watchers.entries()) expect(w.doc.getArray('ticks').toArray().slice(0, n)).toEqual(writers[i]!.doc.getArray('ticks').toArray().slice(0, n));
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect([...writers, ...watchers].flatMap((p) => p.closes)).toEqual([]);
  }

  beforeAll(async () => {
    server = await startTestServer({}, { workspaces: { maxMessageBytes: MAX, ratePerSecond: 100, rateBurst: 200, flushMs: 20 } });
    owner = await signUp(server.url, 'Owner');
    editor = await signUp(server.url, 'Editor');
    attacker = await signUp(server.url, 'Attacker');
    for (const id of [P, Q]) {
      await createProject(server, owner, id, [
        { user: editor, role: 'editor' },
        { user: attacker, role: 'editor' },
      ]);
    }
    writers = [openProvider(server, editor, P), openProvider(server, editor, Q)];
    watchers = [openProvider(server, owner, P), openProvider(server, owner, Q)];
    await waitFor(() => [...writers, ...watchers].every((p) => p.provider.synced), 5000, 'synced');
    // Both documents are edited all along, about 25 edits a second each.
    ticker = setInterval(() => {
      written++;
      for (const w of writers) w.doc.getArray('ticks').push([written]);
      void fetch(`${server.url}/api/health`).then(
        (r) => healthCodes.push(r.status),
        () => healthCodes.push(0),
      );
    }, 40);
  });

  afterAll(async () => {
    clearInterval(ticker);
    for (const p of [...writers, ...watchers]) p.provider.destroy();
    await server.stop();
  });

  it('closes each connection sending seeded random bytes with 4400', async () => {
    const rng = prng(20260305);
    const prefixes = [[], [], [0], [0, 0], [0, 1], [0, 2], [1], [2], [2, 0], [3], [4], [0x80, 0x80]];
    const jobs = Array.from({ length: 400 }, (_, i) => {
      const prefix = prefixes[i % prefixes.length]!;
      // A few messages per connection; the first one should close it.
      const frames = Array.from({ length: 1 + rng.int(3) }, () => {
        const body = Array.from({ length: 1 + rng.int(80) }, () => rng.int(256));
        // Sometimes a correct length prefix, so the decoder goes past the framing.
        if (prefix.length && prefix[0]! <= 1 && rng.next() < 0.5) return new Uint8Array([...prefix, body.length, ...body]);
        return new Uint8Array([...prefix, ...body]);
      });
      return () => sendAndWaitClose(server, i % 2 ? P : Q, i % 3 ? attacker.token : editor.token, frames);
    });
    // The server runs in this process: how long did a single message block it?
    const blocked = monitorEventLoopDelay({ resolution: 5 });
    blocked.enable();
    const codes = await pool(jobs, 16);
    blocked.disable();
    expect(countBy(codes)).toEqual({ 4400: jobs.length });
    console.info(`random bytes: ${jobs.length} connections, longest event-loop block ${Math.round(blocked.max / 1e6)} ms`);
    await stillServing('random bytes');
    // Random bytes that made it past the framing were sync updates: whatever they did, every
    // client and the server still agree.
    await waitFor(() => {
      const live = server.workspaces.liveDoc(`project:${P}`);
      return !!live && Buffer.from(Y.encodeStateVector(live)).equals(Y.encodeStateVector(watchers[0]!.doc));
    }, 5000, 'watcher agrees with the server');
  });

  it('refuses updates built to make the decoder allocate, without blocking the server', async () => {
    // Nine bytes that claim 30 million structs: Yjs sizes an array for them before reading one
    // (an array of 30 million slots: about a second of CPU each, measured, when applied unchecked).
    const bomb = (n: number) =>
      syncUpdateMessage(
        message((enc) => {
          encoding.writeVarUint(enc, 1); // one client
          encoding.writeVarUint(enc, n); // that many structs
          encoding.writeVarUint(enc, 1); // client id
          encoding.writeVarUint(enc, 0); // clock
          encoding.writeUint8(enc, 0); // a GC struct
          encoding.writeVarUint(enc, 5);
        }),
      );
    const blocked = monitorEventLoopDelay({ resolution: 5 });
    blocked.enable();
    const codes = await pool(
      [3e7, 2e7, 3e7, 1e7, 3e7, 2.5e7].map((n) => () => sendAndWaitClose(server, P, attacker.token, [bomb(n)])),
      3,
    );
    blocked.disable();
    expect(codes).toEqual(codes.map(() => 4400));
    // Unchecked, each of these blocked the event loop for about a second (this measures the
    // whole test process, so a loaded machine's pauses count too: the bound leaves room).
    expect(blocked.max / 1e6).toBeLessThan(800);
    await stillServing('allocation bombs');
  });

  it('closes each connection sending a truncated real message with 4400, at every length', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'Кара-Балта, 2026');
    doc.getMap('m').set('k', { nested: [1, 2, 3] });
    doc.getArray('a').push(['x', 'y']);
    doc.getText('t').delete(2, 3);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Айгүл', color: '#30bced' });
    const real = {
      step1: message((enc) => {
        encoding.writeVarUint(enc, 0);
        syncProtocol.writeSyncStep1(enc, doc);
      }),
      step2: message((enc) => {
        encoding.writeVarUint(enc, 0);
        syncProtocol.writeSyncStep2(enc, doc);
      }),
      update: syncUpdateMessage(Y.encodeStateAsUpdate(doc)),
      awareness: message((enc) => {
        encoding.writeVarUint(enc, 1);
        encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      }),
    };
    awareness.destroy();
    // The whole messages are fine (each on its own connection, left open).
    for (const m of Object.values(real)) expect(await sendAndWaitClose(server, P, editor.token, [m], 300)).toBe(-1);

    const jobs = Object.values(real).flatMap((m) => Array.from({ length: m.length }, (_, len) => () => sendAndWaitClose(server, P, editor.token, [m.slice(0, len)])));
    expect(jobs.length).toBeGreaterThan(200);
    const codes = await pool(jobs, 16);
    expect(countBy(codes)).toEqual({ 4400: jobs.length });

    // Truncated updates in a well-framed message (on the other document): refused whole. Yjs
    // reads the deletions after integrating the insertions, so unchecked, a cut among the
    // deletions would leave the insertions in the document.
    const update = Y.encodeStateAsUpdate(doc);
    const inner = await pool(
      Array.from({ length: update.length }, (_, len) => () => sendAndWaitClose(server, Q, editor.token, [syncUpdateMessage(update.slice(0, len))])),
      16,
    );
    expect(countBy(inner)).toEqual({ 4400: update.length });
    await stillServing('truncated messages');
    for (const d of [server.workspaces.liveDoc(`project:${Q}`)!, watchers[1]!.doc]) {
      expect(d.getText('t').length).toBe(0);
      expect(d.getMap('m').size).toBe(0);
      expect(d.getArray('a').length).toBe(0);
    }
  });

  it('closes connections sending an update over the size limit with 1009, and keeps nothing of it', async () => {
    const big = (bytes: number) => {
      const d = new Y.Doc();
      d.getText('huge').insert(0, 'ж'.repeat(bytes / 2)); // two bytes each in UTF-8
      return syncUpdateMessage(Y.encodeStateAsUpdate(d));
    };
    const justOver = big(MAX); // over the rooms' limit, under the socket's hard limit
    const farOver = big(4 * MAX); // refused by the socket layer before it is buffered
    expect(justOver.length).toBeGreaterThan(MAX);
    expect(justOver.length).toBeLessThan(MAX + 1024);
    expect(await sendAndWaitClose(server, P, editor.token, [justOver])).toBe(1009);
    expect(await sendAndWaitClose(server, P, editor.token, [farOver])).toBe(1009);
    // Exactly at the limit passes the size check and is judged on its content (the padding is
    // trailing bytes).
    const d = new Y.Doc();
    d.getText('fits').insert(0, 'x');
    const fits = syncUpdateMessage(Y.encodeStateAsUpdate(d));
    const padded = new Uint8Array(MAX);
    padded.set(fits);
    expect(await sendAndWaitClose(server, P, editor.token, [padded], 300)).toBe(4400); // padding is trailing garbage
    await stillServing('oversized updates');
    expect(server.workspaces.liveDoc(`project:${P}`)!.getText('huge').length).toBe(0);
    expect(watchers[0]!.doc.getText('huge').length).toBe(0);
  });

  it('closes connections sending text frames with 4400', async () => {
    const frames = ['hello', '', '\u0000\u0000', JSON.stringify({ type: 'sync' }), String.fromCharCode(0, 0, 1, 0)];
    const codes = await Promise.all(frames.map((f) => sendAndWaitClose(server, P, editor.token, [f])));
    expect(codes).toEqual(frames.map(() => 4400));
    await stillServing('text frames');
  });

  it('closes a connection flooding over the rate limit with 4429, and only that one', async () => {
    const queryAwareness = new Uint8Array([3]);
    const step1 = message((enc) => {
      encoding.writeVarUint(enc, 0);
      syncProtocol.writeSyncStep1(enc, new Y.Doc());
    });
    // Within the burst: fine.
    expect(await sendAndWaitClose(server, P, editor.token, Array.from({ length: 150 }, () => queryAwareness), 500)).toBe(-1);
    // Far over it: closed, whatever the (valid) messages were.
    expect(await sendAndWaitClose(server, P, editor.token, Array.from({ length: 1000 }, () => queryAwareness))).toBe(4429);
    expect(await sendAndWaitClose(server, Q, attacker.token, Array.from({ length: 1000 }, (_, i) => (i % 2 ? step1 : queryAwareness)))).toBe(4429);
    await stillServing('a flood');
    expect(healthCodes.length).toBeGreaterThan(10);
    expect(healthCodes.every((c) => c === 200)).toBe(true);
  });

  it('refuses an awareness state forged for another connection’s client id, even after that client reconnected', async () => {
    const victim = openProvider(server, editor, P);
    const watcher = watchers[0]!;
    victim.provider.awareness.setLocalStateField('user', { name: 'Бакыт' });
    const userOf = (clientId: number) => (watcher.provider.awareness.getStates().get(clientId) as { user?: Record<string, unknown> } | undefined)?.user;
    await waitFor(() => userOf(victim.doc.clientID)?.name === 'Бакыт', 5000, 'victim visible');
    const victimId = victim.doc.clientID;

    const forger = rawSocket(server, P, attacker.token);
    await forger.opened;
    let forgerId = 1_000_000;
    /** The forger claims the victim's id, then announces itself; messages on one socket are handled in order. */
    let victimName = 'Бакыт';
    const forge = async (label: string) => {
      const clock = (watcher.provider.awareness.meta.get(victimId)?.clock ?? 0) + 100;
      forger.ws.send(awarenessUpdateMessage([[victimId, clock, { user: { name: `forged ${label}`, accountId: editor.account.id } }]]));
      const me = ++forgerId;
      forger.ws.send(awarenessUpdateMessage([[me, 1, { user: { name: `forger ${label}`, accountId: editor.account.id } }]]));
      await waitFor(() => userOf(me)?.name === `forger ${label}`, 5000, 'forger visible');
      // Its own state is stamped with its real account, not the one it claimed.
      expect(userOf(me)?.accountId).toBe(attacker.account.id);
      expect(userOf(victimId)).toEqual({ name: victimName, accountId: editor.account.id });
    };
    await forge('first');

    // The victim goes away and comes back (the same document, so the same client id): it is
    // visible again at once, and its id is still its own.
    victim.provider.disconnect();
    await waitFor(() => userOf(victimId) === undefined, 5000, 'victim gone');
    victim.provider.connect();
    await waitFor(() => userOf(victimId)?.name === 'Бакыт', 5000, 'victim visible after reconnecting');
    await forge('after reconnect');

    // Its changes still go through, and when its socket dies without a goodbye its presence goes.
    victim.provider.awareness.setLocalStateField('user', { name: 'Бакыт 2' });
    await waitFor(() => userOf(victimId)?.name === 'Бакыт 2', 5000, 'victim update');
    victimName = 'Бакыт 2';
    await forge('after update');
    expect(forger.ws.readyState).toBe(WS.OPEN);
    (victim.provider.ws as unknown as WS).terminate();
    victim.provider.destroy();
    await waitFor(() => userOf(victimId) === undefined, 5000, 'presence removed with its connection');

    // Malformed presence closes: a state that is not an object.
    forger.ws.send(awarenessUpdateMessage([[++forgerId, 1, [1, 2, 3]]]));
    expect(await forger.closed).toBe(4400);
    await stillServing('forged presence');
  });

  it('stamps every awareness state with the sender’s account', async () => {
    const p = openProvider(server, attacker, P);
    const watcher = watchers[0]!;
    const userOf = (clientId: number) => (watcher.provider.awareness.getStates().get(clientId) as { user?: Record<string, unknown> } | undefined)?.user;
    // Claims someone else's account: overwritten.
    p.provider.awareness.setLocalStateField('user', { name: 'Owner, honestly', accountId: owner.account.id });
    await waitFor(() => userOf(p.doc.clientID)?.name === 'Owner, honestly', 5000, 'presence');
    expect(userOf(p.doc.clientID)?.accountId).toBe(attacker.account.id);
    // No user at all: one is added, with the account.
    p.provider.awareness.setLocalState({ cursor: { anchor: 1, head: 2 } });
    await waitFor(() => !!watcher.provider.awareness.getStates().get(p.doc.clientID)?.cursor, 5000, 'cursor');
    expect(watcher.provider.awareness.getStates().get(p.doc.clientID)).toEqual({ cursor: { anchor: 1, head: 2 }, user: { accountId: attacker.account.id } });
    // A user that is not an object is replaced.
    p.provider.awareness.setLocalState({ user: 'owner' });
    await waitFor(() => !!watcher.provider.awareness.getStates().get(p.doc.clientID)?.user, 5000, 'user');
    await waitFor(() => userOf(p.doc.clientID)?.accountId === attacker.account.id && Object.keys(userOf(p.doc.clientID)!).length === 1, 5000, 'user replaced');
    p.provider.destroy();
    await stillServing('stamping');
  });

  it('left the documents consistent: watchers, the live documents and SQLite agree', async () => {
    clearInterval(ticker);
    const n = written;
    await waitFor(() => watchers.every((w) => w.doc.getArray('ticks').length === n), 5000, 'last ticks');
    server.workspaces.flushAll();
    for (const [i, id] of [P, Q].entries()) {
      const live = server.workspaces.liveDoc(`project:${id}`)!;
      const stored = server.store.ydocs.load(`project:${id}`);
      const check = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(check, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(check, u);
      for (const d of [check, watchers[i]!.doc, writers[i]!.doc]) {
        expect(Y.encodeStateVector(d)).toEqual(Y.encodeStateVector(live));
        expect(d.getArray('ticks').toArray()).toEqual(Array.from({ length: n }, (_, k) => k + 1));
      }
    }
    // The malformed input was logged, not thrown.
    expect(server.logger.lines.filter((l) => l.msg === 'workspace_malformed').length).toBeGreaterThan(500);
  });
});
