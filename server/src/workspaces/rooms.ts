/**
 * Workspace rooms: one live Y.Doc per open workspace, speaking the y-websocket wire protocol
 * (y-protocols sync and awareness, lib0 framing), so the stock `WebsocketProvider` connects.
 *
 * Transport-agnostic: a connection is anything with `send` and `close` (the WebSocket route in
 * `route.ts`, or a simulated network in tests). What this adds to a plain y-protocols server:
 *
 * - **access on every message**: `access()` is asked before each message is handled, so a
 *   session signed out or a project role removed takes effect at once; viewers may read (sync
 *   step 1, awareness) but their updates are dropped and answered with a permission-denied
 *   message. {@link recheck} applies access changes to idle connections too, so a removed member
 *   stops receiving edits.
 * - **limits**: a size limit per message and a token-bucket rate limit per connection;
 * - **malformed input** (unknown type, truncated varints, trailing bytes, undecodable updates)
 *   closes only that connection;
 * - **persistence** in SQLite via {@link YDocStore}: updates are appended in small batches (one
 *   commit per flush, not per edit) and compacted into a snapshot by encoding the live document;
 * - **unloading**: a room without connections is flushed, compacted and dropped after
 *   `idleUnloadMs`, so memory stays bounded by the documents in use.
 *
 * Losing the last unflushed batch in a crash loses nothing: every client keeps its own copy and
 * the sync handshake on reconnect sends the server whatever it lacks.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { YDocStore } from '@mekendesh/store';
import { compactYDoc, loadYDoc } from '@mekendesh/sync';
import type { ReasonCode } from '@mekendesh/core';
import type { Logger } from '../log.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** WebSocket close codes this server uses (4000–4999 are the application's). */
export const CLOSE = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  tooLarge: 1009,
  rateLimited: 4429,
  shutdown: 1001,
} as const;

/** What a connection may do right now: `write` (owner, editor), `read` (viewer), or a refusal. */
export type WorkspaceAccess = 'write' | 'read' | { denied: ReasonCode };

/** One client connection, as the transport gives it. */
export interface RoomPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomsOptions {
  store: YDocStore;
  /** Called before every message and on {@link WorkspaceRooms.recheck}. */
  access(who: ConnectionIdentity, doc: string): WorkspaceAccess;
  logger?: Logger;
  /** Largest message accepted, in bytes (bigger closes the connection with 1009). */
  maxMessageBytes?: number;
  /** Messages a connection may send per second, sustained. */
  ratePerSecond?: number;
  /** Messages a connection may send at once before the rate applies. */
  rateBurst?: number;
  /** How long a room without connections stays loaded. */
  idleUnloadMs?: number;
  /** How long edits wait before they are written (one commit for all of them). */
  flushMs?: number;
  /** Compact a document once this many updates are stored after its snapshot. */
  compactEvery?: number;
  /** Save an automatic version at most this often while a document is being edited. */
  versionEveryMs?: number;
  /** Automatic versions kept per document (named versions are always kept). */
  keepAutoVersions?: number;
  now?: () => number;
  newId?: () => string;
}

/** Who is on the other end of a connection. */
export interface ConnectionIdentity {
  accountId: string;
  /** The session token, so each message can check the session is still valid. */
  token: string;
  /** A public name for presence (awareness states are stamped with the account id). */
  name?: string;
}

interface Conn {
  peer: RoomPeer;
  who: ConnectionIdentity;
  /** Awareness client ids this connection has announced. */
  clients: Set<number>;
  tokens: number;
  refilledAt: number;
  /** When this connection was last told it is read-only (not more than once a second). */
  deniedAt: number;
  closed: boolean;
}

class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Map<RoomPeer, Conn>();
  pending: Uint8Array[] = [];
  flushTimer: ReturnType<typeof setTimeout> | null = null;
  unloadTimer: ReturnType<typeof setTimeout> | null = null;
  lastId = 0;
  stored = 0;
  /** Changed since the last automatic version. */
  dirty = false;
  lastVersionAt: number;

  constructor(readonly name: string, now: number) {
    this.doc = new Y.Doc({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.lastVersionAt = now;
  }
}

const LOAD = Symbol('load');

export class WorkspaceRooms {
  private readonly rooms = new Map<string, Room>();
  private readonly o: Required<Omit<RoomsOptions, 'logger'>> & { logger?: Logger };
  private closed = false;

  constructor(opts: RoomsOptions) {
    this.o = {
      maxMessageBytes: 2 * 1024 * 1024,
      ratePerSecond: 60,
      rateBurst: 300,
      idleUnloadMs: 30_000,
      flushMs: 20,
      compactEvery: 500,
      versionEveryMs: 10 * 60_000,
      keepAutoVersions: 100,
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
      ...opts,
    };
  }

  /** Documents loaded now (for tests, benchmarks and the health route). */
  get loaded(): number {
    return this.rooms.size;
  }

  /** Connections open now. */
  get connections(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.conns.size;
    return n;
  }

  /** The live document of `name`, if loaded (tests, versions). */
  liveDoc(name: string): Y.Doc | null {
    return this.rooms.get(name)?.doc ?? null;
  }

  private room(name: string): Room {
    let room = this.rooms.get(name);
    if (room) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
      return room;
    }
    room = new Room(name, this.o.now());
    const { lastId, pending, failed } = loadYDoc(this.o.store, name, room.doc, LOAD);
    if (failed) this.o.logger?.warn('ydoc_update_skipped', { doc: name, failed });
    room.lastId = lastId;
    room.stored = pending;
    const r = room;
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(r, update, origin));
    room.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwareness(r, added, updated, removed, origin),
    );
    this.rooms.set(name, room);
    return room;
  }

  /**
   * Opens a connection to document `name`. The caller has already checked the session and that
   * the account may open it. Returns the handlers the transport calls.
   */
  connect(name: string, peer: RoomPeer, who: ConnectionIdentity): { message(data: Uint8Array): void; malformed(): void; close(): void } {
    if (this.closed) {
      peer.close(CLOSE.shutdown, 'shutdown');
      return { message() {}, malformed() {}, close() {} };
    }
    const room = this.room(name);
    const conn: Conn = { peer, who, clients: new Set(), tokens: this.o.rateBurst, refilledAt: this.o.now(), deniedAt: 0, closed: false };
    room.conns.set(peer, conn);
    // Sync step 1 first, so the client sends what the server lacks; then everyone present.
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(enc, room.doc);
    this.send(room, conn, encoding.toUint8Array(enc));
    const states = room.awareness.getStates();
    if (states.size > 0) this.send(room, conn, awarenessMessage(room.awareness, [...states.keys()]));
    return {
      message: (data) => this.message(room, conn, data),
      malformed: () => this.drop(room, conn, CLOSE.malformed, 'malformed'),
      close: () => this.disconnect(room, conn),
    };
  }

  private send(room: Room, conn: Conn, message: Uint8Array): void {
    if (conn.closed) return;
    try {
      conn.peer.send(message);
    } catch {
      this.drop(room, conn, CLOSE.shutdown, 'send_failed');
    }
  }

  /** Closes a connection from the server's side. */
  private drop(room: Room, conn: Conn, code: number, reason: string): void {
    if (conn.closed) return;
    try {
      conn.peer.close(code, reason);
    } catch {
      // Already gone.
    }
    this.disconnect(room, conn);
  }

  private disconnect(room: Room, conn: Conn): void {
    if (conn.closed && !room.conns.has(conn.peer)) return;
    conn.closed = true;
    room.conns.delete(conn.peer);
    if (conn.clients.size) awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.clients], null);
    if (room.conns.size === 0 && this.rooms.get(room.name) === room) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.unloadTimer = setTimeout(() => this.unload(room), this.o.idleUnloadMs);
      (room.unloadTimer as { unref?: () => void }).unref?.();
    }
  }

  private permissionDenied(room: Room, conn: Conn, reason: ReasonCode): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_AUTH);
    encoding.writeVarUint(enc, 0); // y-protocols/auth: permission denied
    encoding.writeVarString(enc, reason);
    this.send(room, conn, encoding.toUint8Array(enc));
  }

  private refuse(room: Room, conn: Conn, reason: ReasonCode): void {
    this.permissionDenied(room, conn, reason);
    const code = reason === 'unauthenticated' || reason === 'session_expired' ? CLOSE.unauthenticated : CLOSE.forbidden;
    this.drop(room, conn, code, reason);
  }

  private message(room: Room, conn: Conn, data: Uint8Array): void {
    if (conn.closed) return;
    if (data.byteLength > this.o.maxMessageBytes) return this.drop(room, conn, CLOSE.tooLarge, 'message_too_large');
    // Token bucket: a burst is fine, a flood closes the connection (the client reconnects later).
    const now = this.o.now();
    conn.tokens = Math.min(this.o.rateBurst, conn.tokens + ((now - conn.refilledAt) / 1000) * this.o.ratePerSecond);
    conn.refilledAt = now;
    if (conn.tokens < 1) return this.drop(room, conn, CLOSE.rateLimited, 'rate_limited');
    conn.tokens -= 1;

    let access: WorkspaceAccess;
    try {
      access = this.o.access(conn.who, room.name);
    } catch (err) {
      this.o.logger?.error('workspace_access_failed', { doc: room.name, err: String(err) });
      access = { denied: 'internal' };
    }
    if (typeof access === 'object') return this.refuse(room, conn, access.denied);

    try {
      const dec = decoding.createDecoder(data);
      const type = decoding.readVarUint(dec);
      switch (type) {
        case MESSAGE_SYNC: {
          const syncType = decoding.readVarUint(dec);
          if (syncType === syncProtocol.messageYjsSyncStep1) {
            const sv = decoding.readVarUint8Array(dec);
            ensureEnd(dec);
            const enc = encoding.createEncoder();
            encoding.writeVarUint(enc, MESSAGE_SYNC);
            syncProtocol.writeSyncStep2(enc, room.doc, sv);
            this.send(room, conn, encoding.toUint8Array(enc));
          } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
            const update = decoding.readVarUint8Array(dec);
            ensureEnd(dec);
            if (access === 'read') {
              // Viewers are read-only: the update is dropped and the client told why (at most
              // once a second, so a client retrying in a loop is not answered in a loop). An
              // empty step 2 (a viewer's "nothing new") is not an edit.
              if (!isEmpty(update) && now - conn.deniedAt > 1000) {
                conn.deniedAt = now;
                this.permissionDenied(room, conn, 'read_only');
              }
              return;
            }
            // Check the whole update decodes (insertions and deletions) before applying it:
            // Yjs integrates the insertions before it reads the deletions, so a truncated update
            // would be half applied, and random bytes can make it size an array for millions of
            // structs before reading one (a second of CPU for nine bytes). Decoding costs about
            // a tenth of applying.
            Y.decodeUpdate(update);
            Y.applyUpdate(room.doc, update, conn);
          } else {
            throw new Error('unknown sync message');
          }
          break;
        }
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(dec);
          ensureEnd(dec);
          this.applyAwareness(room, conn, update);
          break;
        }
        case MESSAGE_QUERY_AWARENESS: {
          ensureEnd(dec);
          const states = room.awareness.getStates();
          if (states.size) this.send(room, conn, awarenessMessage(room.awareness, [...states.keys()]));
          break;
        }
        case MESSAGE_AUTH: {
          // Clients have nothing to say in the auth sub-protocol; ignore it like the reference
          // server, but only when it is a well-formed y-protocols/auth message (permission
          // denied and a reason), as every other type must be.
          if (decoding.readVarUint(dec) !== 0) throw new Error('unknown auth message');
          decoding.readVarString(dec);
          ensureEnd(dec);
          break;
        }
        default:
          throw new Error('unknown message type');
      }
    } catch (err) {
      this.o.logger?.warn('workspace_malformed', { doc: room.name, account: conn.who.accountId, err: String(err).slice(0, 200) });
      this.drop(room, conn, CLOSE.malformed, 'malformed');
    }
  }

  /**
   * Awareness from a client, checked and stamped: each state must be JSON of reasonable size,
   * and `user.accountId` is set by the server, so presence cannot impersonate someone else's
   * account. States for a client id that another live connection announced are skipped, not
   * refused: the stock `WebsocketProvider` echoes every awareness change it receives, so each
   * client routinely re-sends the others' states (the server already has them, at that clock).
   */
  private applyAwareness(room: Room, conn: Conn, update: Uint8Array): void {
    const dec = decoding.createDecoder(update);
    const n = decoding.readVarUint(dec);
    if (n > 100_000) throw new Error('too many awareness states');
    const entries: [number, number, string][] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(dec);
      const clock = decoding.readVarUint(dec);
      const json = decoding.readVarString(dec);
      if (json.length > 16_384) throw new Error('awareness state too large');
      entries.push([clientId, clock, json]);
    }
    ensureEnd(dec);
    const own = entries.filter(([clientId, clock, json]) => {
      for (const other of room.conns.values()) if (other !== conn && other.clients.has(clientId)) return false;
      // A client back on a new connection announces its state with the clock it had, which the
      // server already has (its state was removed when the old connection closed), so it would
      // be ignored here and by everyone: presence lost until the state next changes. Telling it
      // its state was removed makes the client bump its clock and announce itself again (the
      // y-protocols "remote client removed the local state" path).
      const known = room.awareness.meta.get(clientId);
      if (json !== 'null' && known && known.clock >= clock && !room.awareness.states.has(clientId)) {
        this.send(room, conn, awarenessRemoval(clientId, known.clock));
        return false;
      }
      return true;
    });
    if (!own.length) return;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, own.length);
    for (const [clientId, clock, json] of own) {
      let state = JSON.parse(json) as unknown;
      if (state !== null) {
        if (typeof state !== 'object' || Array.isArray(state)) throw new Error('awareness state not an object');
        const s = state as Record<string, unknown>;
        const user = s.user && typeof s.user === 'object' && !Array.isArray(s.user) ? (s.user as Record<string, unknown>) : {};
        state = { ...s, user: { ...user, accountId: conn.who.accountId } };
      }
      encoding.writeVarUint(enc, clientId);
      encoding.writeVarUint(enc, clock);
      encoding.writeVarString(enc, JSON.stringify(state));
    }
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encoding.toUint8Array(enc), conn);
  }

  private onAwareness(room: Room, added: number[], updated: number[], removed: number[], origin: unknown): void {
    const conn = origin && typeof origin === 'object' && 'peer' in origin ? (origin as Conn) : null;
    if (conn) {
      // `updated` too: a client coming back after its state was removed is an update (the server
      // still knows its clock), and the connection must own it like any other.
      for (const id of added) conn.clients.add(id);
      for (const id of updated) conn.clients.add(id);
      for (const id of removed) conn.clients.delete(id);
    }
    const changed = added.concat(updated, removed);
    if (!changed.length || room.conns.size === 0) return;
    const message = awarenessMessage(room.awareness, changed);
    for (const c of room.conns.values()) this.send(room, c, message);
  }

  private onUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    if (origin === LOAD) return;
    room.dirty = true;
    room.pending.push(update);
    if (!room.flushTimer) {
      room.flushTimer = setTimeout(() => this.flush(room), this.o.flushMs);
    }
    if (room.conns.size === 0) return;
    // Encode once, send to everyone but the sender (it has the update already).
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeUpdate(enc, update);
    const message = encoding.toUint8Array(enc);
    for (const c of room.conns.values()) if (c !== origin) this.send(room, c, message);
  }

  /** Writes the edits waiting in `room` (one transaction), compacting and versioning when due. */
  private flush(room: Room): void {
    if (room.flushTimer) clearTimeout(room.flushTimer);
    room.flushTimer = null;
    if (room.pending.length) {
      const batch = room.pending;
      room.pending = [];
      try {
        const last = this.o.store.append(room.name, batch);
        if (last) room.lastId = last;
        room.stored += batch.length;
      } catch (err) {
        // Keep the edits in memory and try again; clients also still hold them.
        room.pending = batch.concat(room.pending);
        this.o.logger?.error('ydoc_flush_failed', { doc: room.name, err: String(err) });
        room.flushTimer = setTimeout(() => this.flush(room), 1000);
        return;
      }
    }
    if (room.stored >= this.o.compactEvery) this.compact(room);
    if (room.dirty && this.o.now() - room.lastVersionAt >= this.o.versionEveryMs) this.saveVersion(room, 'auto', null, null);
  }

  private compact(room: Room): void {
    compactYDoc(this.o.store, room.name, room.doc, room.lastId);
    room.stored = 0;
  }

  private saveVersion(room: Room, kind: 'auto' | 'named', label: string | null, createdBy: string | null) {
    const info = this.o.store.saveVersion({ id: this.o.newId(), doc: room.name, kind, label, createdBy, state: Y.encodeStateAsUpdate(room.doc) });
    room.dirty = false;
    room.lastVersionAt = this.o.now();
    if (kind === 'auto') this.o.store.pruneVersions(room.name, this.o.keepAutoVersions);
    return info;
  }

  /**
   * Saves a version of `name` now (the history's "save a version"), loading the document if it
   * is not open. Returns what the history lists.
   */
  saveNamedVersion(name: string, label: string | null, createdBy: string) {
    const room = this.room(name);
    this.flush(room);
    const info = this.saveVersion(room, 'named', label, createdBy);
    if (room.conns.size === 0) this.scheduleUnload(room);
    return info;
  }

  private scheduleUnload(room: Room): void {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.unload(room), this.o.idleUnloadMs);
    (room.unloadTimer as { unref?: () => void }).unref?.();
  }

  /** Flushes, compacts and drops a room with no connections. */
  private unload(room: Room): void {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    if (room.conns.size > 0 || this.rooms.get(room.name) !== room) return;
    this.flush(room);
    if (room.pending.length) return this.scheduleUnload(room); // the write failed: keep it
    if (room.stored > 0) this.compact(room);
    // Editing happened since the last automatic version: keep one for the history.
    if (room.dirty) this.saveVersion(room, 'auto', null, null);
    this.rooms.delete(room.name);
    room.awareness.destroy();
    room.doc.destroy();
  }

  /**
   * Asks `access` again for every connection (of `name`, or of every room) and closes those that
   * lost it: called when project roles or sessions change, so an idle member who was removed
   * stops receiving edits without sending anything first.
   */
  recheck(name?: string): void {
    const rooms = name ? [this.rooms.get(name)].filter((r): r is Room => !!r) : [...this.rooms.values()];
    for (const room of rooms) {
      for (const conn of [...room.conns.values()]) {
        let access: WorkspaceAccess;
        try {
          access = this.o.access(conn.who, room.name);
        } catch {
          access = { denied: 'internal' };
        }
        if (typeof access === 'object') this.refuse(room, conn, access.denied);
      }
    }
  }

  /** Closes every connection and writes everything (server shutdown). */
  close(): void {
    this.closed = true;
    for (const room of [...this.rooms.values()]) {
      for (const conn of [...room.conns.values()]) this.drop(room, conn, CLOSE.shutdown, 'shutdown');
      this.unload(room);
    }
  }

  /** Writes pending edits of every room now (tests, shutdown). */
  flushAll(): void {
    for (const room of this.rooms.values()) this.flush(room);
  }
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(enc);
}

/** An awareness message saying `clientId`'s state is gone, at `clock`. */
function awarenessRemoval(clientId: number, clock: number): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_AWARENESS);
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, 'null');
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(update));
  return encoding.toUint8Array(enc);
}

function ensureEnd(dec: decoding.Decoder): void {
  if (decoding.hasContent(dec)) throw new Error('trailing bytes');
}

const isEmpty = (u: Uint8Array) => u.length === 0 || (u.length === 2 && u[0] === 0 && u[1] === 0);
