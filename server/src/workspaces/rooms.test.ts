/**
 * WorkspaceRooms in-process: fake peers speaking the y-websocket wire protocol (a minimal
 * y-protocols client per peer) over a real in-memory better-sqlite3 YDocStore. Fake timers drive
 * the flush, idle-unload and version clocks, so every delay is asserted to the millisecond.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS, YDocStore } from '@mekendesh/store';
import { CLOSE, MESSAGE_AUTH, MESSAGE_SYNC, WorkspaceRooms, type RoomsOptions, type WorkspaceAccess } from './rooms.ts';

function memoryStore(): YDocStore {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  return new YDocStore(db);
}

const who = (accountId: string) => ({ accountId, token: `token-${accountId}` });

function syncMessage(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  write(enc);
  return encoding.toUint8Array(enc);
}

/**
 * One peer: the y-websocket client's part of the protocol (answers sync step 1, applies step 2
 * and updates, sends its own edits), with the messages the server sent kept for assertions.
 * Messages are handled when `pump()` is called, like a socket's event loop turn.
 */
function connectPeer(rooms: WorkspaceRooms, name: string, accountId: string, doc = new Y.Doc()) {
  const inbox: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  const denied: string[] = [];
  let closed: { code: number; reason: string } | null = null;
  const handle = rooms.connect(
    name,
    { send: (m) => inbox.push(m.slice()), close: (code, reason) => (closed ??= { code, reason }) },
    who(accountId),
  );
  const send = (m: Uint8Array) => {
    if (!closed) handle.message(m);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') send(syncMessage((enc) => syncProtocol.writeUpdate(enc, update)));
  };
  doc.on('update', onUpdate);
  const pump = () => {
    while (inbox.length) {
      const m = inbox.shift()!;
      received.push(m);
      const dec = decoding.createDecoder(m);
      const type = decoding.readVarUint(dec);
      if (type === MESSAGE_SYNC) {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(dec, enc, doc, 'server');
        if (encoding.length(enc) > 1) send(encoding.toUint8Array(enc));
      } else if (type === MESSAGE_AUTH) {
        decoding.readVarUint(dec);
        denied.push(decoding.readVarString(dec));
      }
    }
  };
  // As the stock provider does on open: sync step 1.
  send(syncMessage((enc) => syncProtocol.writeSyncStep1(enc, doc)));
  pump();
  return {
    doc,
    handle,
    send,
    pump,
    inbox,
    received,
    denied,
    get closed() {
      return closed;
    },
    leave() {
      doc.off('update', onUpdate);
      handle.close();
    },
  };
}

const content = (doc: Y.Doc) => ({
  text: doc.getText('t').toString(),
  map: doc.getMap('m').toJSON(),
  list: doc.getArray('a').toJSON(),
});

/** What the store holds of `name`, applied to a fresh document. */
function storedDoc(store: YDocStore, name: string): Y.Doc {
  const stored = store.load(name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

const sameState = (a: Y.Doc, b: Y.Doc) => {
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  expect(content(a)).toEqual(content(b));
};

describe('WorkspaceRooms', () => {
  let store: YDocStore;
  let clock: number;
  let ids: number;
  const open = (opts: Partial<RoomsOptions> = {}) =>
    new WorkspaceRooms({ store, access: () => 'write', flushMs: 10, idleUnloadMs: 1000, newId: () => `v${String(++ids).padStart(4, '0')}`, ...opts });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    clock = Date.parse('2026-03-01T10:00:00Z');
    vi.setSystemTime(clock);
    ids = 0;
    store = memoryStore();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('unloads an idle document after idleUnloadMs and reloads it identically', () => {
    const rooms = open();
    const a = connectPeer(rooms, 'doc', 'acc-a');
    a.doc.getText('t').insert(0, 'Салам');
    a.doc.getMap('m').set('k', { n: 1 });
    a.doc.getArray('a').push(['x', 'y']);
    a.doc.getText('t').delete(0, 1);
    const live = rooms.liveDoc('doc')!;
    const before = { sv: Y.encodeStateVector(live), content: content(live) };
    expect(before.content).toEqual(content(a.doc));

    // A reconnect within the idle delay keeps the room loaded (and restarts the delay).
    a.leave();
    vi.advanceTimersByTime(600);
    const again = connectPeer(rooms, 'doc', 'acc-a', a.doc);
    vi.advanceTimersByTime(5000);
    expect(rooms.loaded).toBe(1);
    again.leave();

    vi.advanceTimersByTime(999);
    expect(rooms.loaded).toBe(1);
    expect(rooms.liveDoc('doc')).toBe(live);
    vi.advanceTimersByTime(1);
    expect(rooms.loaded).toBe(0);
    expect(rooms.liveDoc('doc')).toBeNull();
    // Unloading compacted: one snapshot, no updates.
    const stored = store.load('doc');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toHaveLength(0);

    const b = connectPeer(rooms, 'doc', 'acc-b');
    expect(rooms.loaded).toBe(1);
    const reloaded = rooms.liveDoc('doc')!;
    expect(reloaded).not.toBe(live);
    expect(Y.encodeStateVector(reloaded)).toEqual(before.sv);
    expect(content(reloaded)).toEqual(before.content);
    // The new peer got all of it through the handshake.
    sameState(b.doc, a.doc);
  });

  it('compacts after compactEvery stored updates: one snapshot, zero updates, same content', () => {
    const rooms = open({ compactEvery: 5 });
    const a = connectPeer(rooms, 'doc', 'acc-a');
    for (let i = 0; i < 4; i++) {
      a.doc.getArray('a').push([`item-${i}`]);
      vi.advanceTimersByTime(10); // one flush per edit
    }
    expect(store.pending('doc')).toBe(4);
    expect(store.load('doc').snapshot).toBeNull();
    sameState(storedDoc(store, 'doc'), rooms.liveDoc('doc')!);

    a.doc.getText('t').insert(0, 'fifth');
    vi.advanceTimersByTime(10);
    const stored = store.load('doc');
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates).toHaveLength(0);
    sameState(storedDoc(store, 'doc'), rooms.liveDoc('doc')!);
    sameState(storedDoc(store, 'doc'), a.doc);

    // Editing goes on on top of the snapshot.
    a.doc.getMap('m').set('after', true);
    a.doc.getArray('a').delete(0, 1);
    vi.advanceTimersByTime(10);
    expect(store.pending('doc')).toBe(2);
    sameState(storedDoc(store, 'doc'), a.doc);
  });

  it('batches edits into one flush after flushMs', () => {
    const rooms = open({ flushMs: 50 });
    const a = connectPeer(rooms, 'doc', 'acc-a');
    for (let i = 0; i < 10; i++) a.doc.getArray('a').push([i]);
    vi.advanceTimersByTime(49);
    expect(store.pending('doc')).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.pending('doc')).toBe(10);
    sameState(storedDoc(store, 'doc'), a.doc);
  });

  it('stores no empty updates and relays no duplicates', () => {
    const rooms = open();
    const a = connectPeer(rooms, 'doc', 'acc-a');
    const b = connectPeer(rooms, 'doc', 'acc-b');
    b.pump();
    b.received.length = 0;
    // An empty update, an empty sync step 2 and a zero-length update.
    a.send(syncMessage((enc) => syncProtocol.writeUpdate(enc, new Uint8Array([0, 0]))));
    a.send(syncMessage((enc) => syncProtocol.writeSyncStep2(enc, new Y.Doc())));
    a.send(syncMessage((enc) => syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(new Y.Doc()))));
    vi.advanceTimersByTime(100);
    expect(a.closed).toBeNull();
    expect(store.has('doc')).toBe(false);
    b.pump();
    expect(b.received).toHaveLength(0);

    // A real edit is stored once; the same update sent again changes nothing and is not relayed.
    a.doc.getText('t').insert(0, 'once');
    const update = Y.encodeStateAsUpdate(a.doc);
    vi.advanceTimersByTime(10);
    expect(store.pending('doc')).toBe(1);
    b.pump();
    expect(b.received).toHaveLength(1);
    a.send(syncMessage((enc) => syncProtocol.writeUpdate(enc, update)));
    vi.advanceTimersByTime(100);
    expect(store.pending('doc')).toBe(1);
    b.pump();
    expect(b.received).toHaveLength(1);
    expect(b.doc.getText('t').toString()).toBe('once');

    // A room opened and left without edits is unloaded without a version.
    a.leave();
    b.leave();
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);
    const c = connectPeer(rooms, 'doc', 'acc-c');
    const versionsBefore = store.versions('doc').length;
    c.leave();
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);
    expect(store.versions('doc')).toHaveLength(versionsBefore);
  });

  it('saves an automatic version when a document edited since the last one is unloaded', () => {
    const rooms = open();
    const a = connectPeer(rooms, 'doc', 'acc-a');
    a.doc.getText('t').insert(0, 'draft one');
    a.leave();
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);
    const versions = store.versions('doc');
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: 'auto', label: null, createdBy: null });
    const v = new Y.Doc();
    Y.applyUpdate(v, store.version('doc', versions[0]!.id)!);
    expect(v.getText('t').toString()).toBe('draft one');
  });

  it('saves automatic versions every versionEveryMs while editing and prunes all but keepAutoVersions of them', () => {
    const rooms = open({ versionEveryMs: 100, keepAutoVersions: 2 });
    const a = connectPeer(rooms, 'doc', 'acc-a');
    const autos = () => store.versions('doc').filter((v) => v.kind === 'auto');
    // The first flush comes 10 ms after the room opened: too early for a version.
    a.doc.getArray('a').push([0]);
    vi.advanceTimersByTime(100);
    expect(autos()).toHaveLength(0);
    // Then every flush at least 100 ms after the last version saves one; two are kept.
    const saved: string[] = [];
    for (let i = 1; i <= 5; i++) {
      a.doc.getArray('a').push([i]);
      vi.advanceTimersByTime(100);
      saved.push(autos()[0]!.id);
      expect(autos().length).toBeLessThanOrEqual(2);
    }
    expect(new Set(saved).size).toBe(5);
    expect(autos().map((v) => v.id)).toEqual([saved[4], saved[3]]);
    // Flushes without edits save nothing.
    vi.advanceTimersByTime(1000);
    expect(autos().map((v) => v.id)).toEqual([saved[4], saved[3]]);

    // Named versions are never pruned.
    const named = [rooms.saveNamedVersion('doc', 'first', 'acc-a').id];
    a.doc.getArray('a').push([6]);
    vi.advanceTimersByTime(100);
    named.push(rooms.saveNamedVersion('doc', 'second', 'acc-a').id);
    a.doc.getArray('a').push([7]);
    // Unloading saves the last edit in an automatic version (no flush after it saved one).
    a.leave();
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);
    const versions = store.versions('doc');
    expect(versions.filter((v) => v.kind === 'auto')).toHaveLength(2);
    expect(versions.filter((v) => v.kind === 'named').map((v) => v.id).sort()).toEqual(named.sort());
    const newest = new Y.Doc();
    Y.applyUpdate(newest, store.version('doc', versions.find((v) => v.kind === 'auto')!.id)!);
    expect(newest.getArray('a').toJSON()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('saveNamedVersion works on an unloaded document and lets it unload again; pruneVersions keeps named ones', () => {
    const rooms = open();
    const a = connectPeer(rooms, 'doc', 'acc-a');
    a.doc.getText('t').insert(0, 'before review');
    a.leave();
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);

    const info = rooms.saveNamedVersion('doc', 'Before review', 'acc-a');
    expect(info).toMatchObject({ kind: 'named', label: 'Before review', createdBy: 'acc-a' });
    expect(rooms.loaded).toBe(1);
    const v = new Y.Doc();
    Y.applyUpdate(v, store.version('doc', info.id)!);
    expect(v.getText('t').toString()).toBe('before review');
    vi.advanceTimersByTime(1000);
    expect(rooms.loaded).toBe(0);

    // More automatic versions than kept: pruning drops old automatic ones only.
    for (let i = 0; i < 3; i++) {
      const p = connectPeer(rooms, 'doc', 'acc-a');
      p.pump();
      p.doc.getText('t').insert(0, `${i}`);
      p.leave();
      vi.advanceTimersByTime(1000);
    }
    expect(store.versions('doc').filter((x) => x.kind === 'auto')).toHaveLength(4);
    store.pruneVersions('doc', 1);
    const left = store.versions('doc');
    expect(left.filter((x) => x.kind === 'auto')).toHaveLength(1);
    expect(left.filter((x) => x.kind === 'named').map((x) => x.id)).toEqual([info.id]);
    const newest = new Y.Doc();
    Y.applyUpdate(newest, store.version('doc', left.find((x) => x.kind === 'auto')!.id)!);
    expect(newest.getText('t').toString()).toBe('210before review');
  });

  it('recheck() closes the connections that lost access, and only those', () => {
    const access = new Map<string, WorkspaceAccess>([
      ['acc-a', 'write'],
      ['acc-b', 'write'],
      ['acc-c', 'read'],
    ]);
    const rooms = open({ access: (w) => access.get(w.accountId) ?? { denied: 'forbidden' } });
    const a = connectPeer(rooms, 'doc', 'acc-a');
    const b = connectPeer(rooms, 'doc', 'acc-b');
    const c = connectPeer(rooms, 'doc', 'acc-c');
    const other = connectPeer(rooms, 'other', 'acc-b');
    expect(rooms.connections).toBe(4);

    // Nothing changed: nobody is closed.
    rooms.recheck();
    expect([a.closed, b.closed, c.closed, other.closed]).toEqual([null, null, null, null]);

    access.set('acc-b', { denied: 'forbidden' });
    access.set('acc-c', { denied: 'session_expired' });
    rooms.recheck('doc');
    expect(a.closed).toBeNull();
    expect(b.closed).toEqual({ code: CLOSE.forbidden, reason: 'forbidden' });
    expect(c.closed).toEqual({ code: CLOSE.unauthenticated, reason: 'session_expired' });
    b.pump();
    c.pump();
    expect(b.denied).toEqual(['forbidden']);
    expect(c.denied).toEqual(['session_expired']);
    // Another room is untouched by a recheck of `doc`, and closed by a recheck of everything.
    expect(other.closed).toBeNull();
    expect(rooms.connections).toBe(2);
    rooms.recheck();
    expect(other.closed).toEqual({ code: CLOSE.forbidden, reason: 'forbidden' });
    expect(rooms.connections).toBe(1);

    // Closed connections receive no more edits.
    b.received.length = 0;
    a.doc.getText('t').insert(0, 'after removal');
    expect(b.inbox).toHaveLength(0);
    expect(c.inbox).toHaveLength(0);
  });

  it('answers a viewer’s sync step 1 with step 2, drops its updates and tells it why', () => {
    const rooms = open({ access: (w) => (w.accountId === 'viewer' ? 'read' : 'write') });
    const owner = connectPeer(rooms, 'doc', 'owner');
    owner.doc.getText('t').insert(0, 'shared text');
    owner.doc.getMap('m').set('k', 'v');

    const viewer = connectPeer(rooms, 'doc', 'viewer');
    // The step 1 the viewer sent on connect was answered with a step 2 carrying the document.
    const step2 = viewer.received.find((m) => m[0] === MESSAGE_SYNC && m[1] === syncProtocol.messageYjsSyncStep2 && m.length > 4);
    expect(step2).toBeDefined();
    sameState(viewer.doc, owner.doc);
    // Its empty step 2 answer to the server's step 1 was no edit: not refused.
    expect(viewer.denied).toEqual([]);
    expect(viewer.closed).toBeNull();

    // A second step 1 (a resync) is answered too.
    viewer.received.length = 0;
    viewer.send(syncMessage((enc) => syncProtocol.writeSyncStep1(enc, new Y.Doc())));
    viewer.pump();
    const reply = new Y.Doc();
    const dec = decoding.createDecoder(viewer.received[0]!);
    expect(decoding.readVarUint(dec)).toBe(MESSAGE_SYNC);
    syncProtocol.readSyncMessage(dec, encoding.createEncoder(), reply, null);
    expect(reply.getText('t').toString()).toBe('shared text');

    // Its edits are dropped, and it is told it is read-only.
    viewer.doc.getText('t').insert(0, 'viewer was here ');
    viewer.pump();
    expect(viewer.denied).toEqual(['read_only']);
    expect(viewer.closed).toBeNull();
    expect(rooms.liveDoc('doc')!.getText('t').toString()).toBe('shared text');
    vi.advanceTimersByTime(100);
    expect(storedDoc(store, 'doc').getText('t').toString()).toBe('shared text');
    // Edits by others keep reaching it.
    owner.doc.getMap('m').set('k2', 'v2');
    viewer.pump();
    expect(viewer.doc.getMap('m').get('k2')).toBe('v2');
  });
});
