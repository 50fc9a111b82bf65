/**
 * Convergence of workspace documents under a hostile network.
 *
 * Part 1 (200 seeds, in-process): five stock y-websocket `WebsocketProvider`s talk to
 * `WorkspaceRooms` through a simulated network. Each connection has an ordered queue per
 * direction (a WebSocket is ordered); the scheduler delivers the head of a random queue, so
 * messages interleave at random *across* connections. Connections drop at random (everything in
 * flight is lost; each side learns of it at a random later moment, as with a dead TCP peer),
 * users go offline and online, everyone keeps editing (offline too), and time moves on fake
 * timers so the server's flushes, compactions, versions and idle unloads, and the providers' own
 * reconnect backoff, all happen mid-run. The rooms persist to a real SQLite file.
 *
 * At the end, once everyone is back and the network has drained: every client, the server's live
 * document and what SQLite holds (read through a second connection to the file) have the same
 * state vector and content, and no edit is lost: each client's tokens in a Y.Array, a Y.Map and
 * a Y.XmlFragment are all there, except those deliberately deleted.
 *
 * Part 2 (5 seeds): the same with the real server on 127.0.0.1, stock providers over `ws`, and
 * random `disconnect()`/`connect()` and abrupt socket terminations.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { betterSqlite3Driver, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS, YDocStore } from '@mekendesh/store';
import { WorkspaceRooms } from '../../server/src/workspaces/rooms.ts';
import { signUp, startTestServer, tempDir, type TestUser } from '../kit/server.ts';
import { createProject, openProvider, waitFor } from '../kit/workspace.ts';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------
// Edits and the bookkeeping of what must survive.

/** What one client did that must be visible at the end (tokens are unique across the run). */
interface Ledger {
  arrayAdded: Set<string>;
  arrayDeleted: Set<string>;
  /** The last value this client set for each of its own keys; null when it deleted the key. */
  mapOwn: Map<string, number | null>;
  /** XML token → the id of the paragraph it went into. */
  xmlAdded: Map<string, string>;
  xmlDeleted: Set<string>;
  edits: number;
}
const newLedger = (): Ledger => ({ arrayAdded: new Set(), arrayDeleted: new Set(), mapOwn: new Map(), xmlAdded: new Map(), xmlDeleted: new Set(), edits: 0 });

const WORDS = ['салам', 'дүйнө', 'мекен', 'ата', 'жер', ' ', '\n', 'ö', 'ң'];

function xmlTokens(el: Y.XmlElement): string[] {
  return el.toArray().map((c) => (c instanceof Y.XmlText ? c.toString() : ''));
}

/** One random edit by client `c` (`n` makes its tokens unique). */
function randomEdit(rng: Rng, doc: Y.Doc, c: number, ledger: Ledger): void {
  const n = ledger.edits++;
  const token = `c${c}-${n}`;
  const r = rng.next();
  if (r < 0.3) {
    const text = doc.getText('text');
    if (text.length > 0 && rng.chance(0.35)) {
      const at = rng.int(text.length);
      text.delete(at, Math.min(1 + rng.int(6), text.length - at));
    } else {
      text.insert(rng.int(text.length + 1), rng.pick(WORDS), rng.chance(0.2) ? { bold: true } : undefined);
    }
  } else if (r < 0.55) {
    const arr = doc.getArray<string>('array');
    if (arr.length > 0 && rng.chance(0.25)) {
      const at = rng.int(arr.length);
      const len = Math.min(1 + rng.int(2), arr.length - at);
      for (const t of arr.slice(at, at + len)) ledger.arrayDeleted.add(t);
      arr.delete(at, len);
    } else {
      const many = rng.chance(0.2) ? [token, `${token}b`] : [token];
      arr.insert(rng.int(arr.length + 1), many);
      for (const t of many) ledger.arrayAdded.add(t);
    }
  } else if (r < 0.8) {
    const map = doc.getMap<unknown>('map');
    const own = [...ledger.mapOwn.keys()];
    const q = rng.next();
    if (q < 0.15) {
      // A key everyone writes: only convergence is checked for it.
      map.set('shared', token);
    } else if (q < 0.3 && own.length) {
      const key = rng.pick(own);
      map.delete(key);
      ledger.mapOwn.set(key, null);
    } else {
      const key = own.length && rng.chance(0.3) ? rng.pick(own) : `k-${token}`;
      const value = rng.int(1_000_000);
      map.set(key, value);
      ledger.mapOwn.set(key, value);
    }
  } else {
    const frag = doc.getXmlFragment('xml');
    if (frag.length > 0 && rng.chance(0.25)) {
      const at = rng.int(frag.length);
      const el = frag.get(at);
      if (el instanceof Y.XmlElement) for (const t of xmlTokens(el)) ledger.xmlDeleted.add(t);
      frag.delete(at, 1);
    } else if (frag.length > 0 && rng.chance(0.3)) {
      // Add to an existing paragraph (maybe one that a concurrent edit deletes: then it is
      // deliberately gone with it, which the final check has to allow).
      const el = frag.get(rng.int(frag.length));
      if (el instanceof Y.XmlElement) {
        el.insert(el.length, [new Y.XmlText(token)]);
        ledger.xmlAdded.set(token, el.getAttribute('id') as string);
      }
    } else {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute('id', token);
      p.insert(0, [new Y.XmlText(token)]);
      frag.insert(rng.int(frag.length + 1), [p]);
      ledger.xmlAdded.set(token, token);
    }
  }
}

/** Everything a document shows, for comparison. */
function content(doc: Y.Doc) {
  return {
    text: doc.getText('text').toDelta(),
    array: doc.getArray('array').toJSON(),
    map: doc.getMap('map').toJSON(),
    xml: doc.getXmlFragment('xml').toString(),
  };
}

/** Paragraph id → its text tokens, for the XML checks. */
function xmlIndex(doc: Y.Doc): { paragraphs: Set<string>; tokens: Set<string> } {
  const paragraphs = new Set<string>();
  const tokens = new Set<string>();
  for (const el of doc.getXmlFragment('xml').toArray()) {
    if (!(el instanceof Y.XmlElement)) continue;
    paragraphs.add(el.getAttribute('id') as string);
    for (const t of xmlTokens(el)) tokens.add(t);
  }
  return { paragraphs, tokens };
}

/**
 * No edit lost: every array token added and not deleted is present exactly once (and deleted
 * ones are gone); each client's own map keys hold its last value (or are gone if it deleted
 * them); every XML token is present unless it was deleted, or was added to a paragraph that
 * someone deleted. Returns how many tokens were checked.
 */
function checkNothingLost(doc: Y.Doc, ledgers: Ledger[]): number {
  let checked = 0;
  const arr = doc.getArray<string>('array').toArray();
  const seen = new Set<string>();
  for (const t of arr) {
    expect(seen.has(t), `duplicate array token ${t}`).toBe(false);
    seen.add(t);
  }
  const deleted = new Set(ledgers.flatMap((l) => [...l.arrayDeleted]));
  const added = new Set(ledgers.flatMap((l) => [...l.arrayAdded]));
  for (const t of added) {
    expect(seen.has(t), `array token ${t} ${deleted.has(t) ? 'deleted but present' : 'lost'}`).toBe(!deleted.has(t));
    checked++;
  }
  for (const t of seen) expect(added.has(t), `array token ${t} from nowhere`).toBe(true);

  const map = doc.getMap<unknown>('map');
  for (const l of ledgers) {
    for (const [key, value] of l.mapOwn) {
      if (value === null) expect(map.has(key), `map key ${key} deleted but present`).toBe(false);
      else expect(map.get(key), `map key ${key}`).toBe(value);
      checked++;
    }
  }

  const xml = xmlIndex(doc);
  const xmlDeleted = new Set(ledgers.flatMap((l) => [...l.xmlDeleted]));
  const xmlAdded = new Set(ledgers.flatMap((l) => [...l.xmlAdded.keys()]));
  for (const t of xml.tokens) expect(xmlAdded.has(t), `xml token ${t} from nowhere`).toBe(true);
  for (const l of ledgers) {
    for (const [t, paragraph] of l.xmlAdded) {
      if (xmlDeleted.has(t)) {
        expect(xml.tokens.has(t), `xml token ${t} deleted but present`).toBe(false);
      } else if (!xml.tokens.has(t)) {
        // Only acceptable when it went into a paragraph someone deleted (concurrently, so the
        // deleter never saw it): a paragraph's first token is its id.
        expect(xmlDeleted.has(paragraph) && !xml.paragraphs.has(paragraph), `xml token ${t} lost`).toBe(true);
      }
      checked++;
    }
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------
// The simulated network.

type Up = Uint8Array | 'connect' | 'close';
type Down = Uint8Array | 'open';

interface SimConn {
  client: number;
  socket: SimSocket;
  /** Client to server, in order. */
  up: Up[];
  /** Server to client, in order. */
  down: Down[];
  handle: ReturnType<WorkspaceRooms['connect']> | null;
  /** `dead`: the link is gone (sends vanish); each side learns of it through its own notice. */
  state: 'connecting' | 'open' | 'closing' | 'dead';
  clientNotice: { code: number; reason: string } | null;
  serverNotice: boolean;
}

class SimSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  conn!: SimConn;
  constructor(
    readonly net: SimNetwork,
    client: number,
    readonly url: string,
  ) {
    net.open(client, this);
  }
  send(data: Uint8Array | ArrayBuffer): void {
    if (this.readyState === 0) throw new Error('InvalidStateError: still connecting');
    // A browser discards sends on a closing or closed socket; a dead link loses them.
    if (this.readyState !== 1 || this.conn.state !== 'open') return;
    this.conn.up.push(new Uint8Array(data instanceof ArrayBuffer ? data : data.slice()));
  }
  close(): void {
    if (this.readyState >= 2) return;
    this.readyState = 2;
    this.net.clientClose(this.conn);
    this.readyState = 3;
  }
}

class SimNetwork {
  readonly conns = new Set<SimConn>();
  readonly serverCloses: number[] = [];
  delivered = 0;
  constructor(
    readonly rng: Rng,
    readonly rooms: WorkspaceRooms,
    readonly docName: string,
  ) {}

  /** The `WebSocketPolyfill` for client `c`. */
  socketClass(c: number): typeof WebSocket {
    const net = this;
    class Bound extends SimSocket {
      constructor(url: string) {
        super(net, c, url);
      }
    }
    return Bound as unknown as typeof WebSocket;
  }

  open(client: number, socket: SimSocket): void {
    const conn: SimConn = { client, socket, up: ['connect'], down: [], handle: null, state: 'connecting', clientNotice: null, serverNotice: false };
    socket.conn = conn;
    this.conns.add(conn);
  }

  /** The provider closed its socket: what was in flight is lost, the server hears of it later. */
  clientClose(conn: SimConn): void {
    conn.down.length = 0;
    conn.clientNotice = null;
    if (conn.state === 'dead') return;
    const reachedServer = conn.handle !== null || conn.serverNotice;
    conn.up.length = 0;
    if (reachedServer && conn.state !== 'closing') {
      conn.state = 'closing';
      conn.up.push('close');
    } else if (!reachedServer) {
      this.conns.delete(conn);
    }
  }

  /** The link breaks: everything in flight is lost; both ends find out at random later times. */
  drop(conn: SimConn): void {
    if (conn.state === 'dead' || conn.state === 'closing') return;
    conn.up.length = 0;
    conn.down.length = 0;
    conn.state = 'dead';
    conn.clientNotice = { code: 1006, reason: '' };
    conn.serverNotice = conn.handle !== null;
  }

  /** Something can happen on the network. */
  busy(): boolean {
    for (const c of this.conns) if (c.up.length || c.down.length || c.clientNotice || c.serverNotice) return true;
    return false;
  }

  /** Delivers one random event (a queue head, or a notice); false if there is none. */
  step(): boolean {
    const choices: [SimConn, 'up' | 'down' | 'clientNotice' | 'serverNotice'][] = [];
    for (const c of this.conns) {
      if (c.up.length) choices.push([c, 'up']);
      if (c.down.length) choices.push([c, 'down']);
      if (c.clientNotice) choices.push([c, 'clientNotice']);
      if (c.serverNotice) choices.push([c, 'serverNotice']);
    }
    if (!choices.length) return false;
    const [conn, what] = this.rng.pick(choices);
    this.delivered++;
    switch (what) {
      case 'up': {
        const m = conn.up.shift()!;
        if (m === 'connect') {
          // The 101 response precedes anything the server sends on the new socket.
          conn.down.push('open');
          conn.handle = this.rooms.connect(
            this.docName,
            {
              send: (data) => {
                if (conn.state === 'connecting' || conn.state === 'open') conn.down.push(data.slice());
              },
              close: (code, reason) => {
                // The server closed it: nothing more flows; the client hears the code.
                this.serverCloses.push(code);
                conn.handle = null;
                conn.up.length = 0;
                conn.down.length = 0;
                if (conn.state !== 'closing') conn.clientNotice = { code, reason };
                conn.state = 'dead';
              },
            },
            { accountId: `account-${conn.client}`, token: `token-${conn.client}` },
          );
        } else if (m === 'close') {
          conn.handle?.close();
          conn.handle = null;
          conn.state = 'dead';
          this.conns.delete(conn);
        } else {
          conn.handle?.message(m);
        }
        break;
      }
      case 'down': {
        const m = conn.down.shift()!;
        if (m === 'open') {
          conn.state = 'open';
          conn.socket.readyState = 1;
          conn.socket.onopen?.({});
        } else {
          conn.socket.onmessage?.({ data: m.buffer.slice(m.byteOffset, m.byteOffset + m.byteLength) as ArrayBuffer });
        }
        break;
      }
      case 'clientNotice': {
        const e = conn.clientNotice!;
        conn.clientNotice = null;
        conn.socket.readyState = 3;
        conn.socket.onclose?.({ ...e, wasClean: false });
        break;
      }
      case 'serverNotice': {
        conn.serverNotice = false;
        conn.handle?.close();
        conn.handle = null;
        break;
      }
    }
    if (conn.state === 'dead' && !conn.clientNotice && !conn.serverNotice && !conn.up.length) this.conns.delete(conn);
    return true;
  }
}

/** What SQLite holds of `name`, read through its own connection to the file. */
function storedDoc(file: string, name: string): { doc: Y.Doc; snapshot: boolean; updates: number } {
  const raw = new Database(file, { readonly: true });
  try {
    const stored = new YDocStore(betterSqlite3Driver(raw)).load(name);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return { doc, snapshot: stored.snapshot !== null, updates: stored.updates.length };
  } finally {
    raw.close();
  }
}

const CLIENTS = 5;
const SEEDS = 200;
const STEPS = 600;

interface SeedStats {
  delivered: number;
  edits: number;
  drops: number;
  offline: number;
  unloads: number;
  checked: number;
}

function runSeed(seed: number, store: YDocStore, file: string): SeedStats {
  const rng = prng(seed * 7919 + 17);
  const docName = `sim:${seed}`;
  const rooms = new WorkspaceRooms({
    store,
    access: () => 'write',
    flushMs: 20,
    idleUnloadMs: 150,
    compactEvery: 12,
    versionEveryMs: 400,
    keepAutoVersions: 3,
    // Rate and size limits are the fuzz test's business; here nothing may be refused.
    ratePerSecond: 1e9,
    rateBurst: 1e9,
  });
  const net = new SimNetwork(rng, rooms, docName);
  const clients = Array.from({ length: CLIENTS }, (_, c) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider('ws://sim/api/workspaces', docName, doc, {
      WebSocketPolyfill: net.socketClass(c),
      connect: rng.chance(0.8),
      disableBc: true,
      maxBackoffTime: 120,
    });
    provider.awareness.setLocalStateField('user', { name: `client ${c}` });
    return { doc, provider, ledger: newLedger() };
  });
  const stats: SeedStats = { delivered: 0, edits: 0, drops: 0, offline: 0, unloads: 0, checked: 0 };
  let wasLoaded = false;
  try {
    for (let i = 0; i < STEPS; i++) {
      const r = rng.next();
      if (r < 0.45) {
        net.step();
      } else if (r < 0.75) {
        const c = rng.int(CLIENTS);
        randomEdit(rng, clients[c]!.doc, c, clients[c]!.ledger);
        stats.edits++;
      } else if (r < 0.8) {
        const live = [...net.conns].filter((x) => x.state === 'open' || x.state === 'connecting');
        if (live.length) {
          net.drop(rng.pick(live));
          stats.drops++;
        }
      } else if (r < 0.85) {
        const { provider } = rng.pick(clients);
        if (provider.shouldConnect) {
          provider.disconnect();
          stats.offline++;
        } else {
          provider.connect();
        }
      } else {
        vi.advanceTimersByTime(1 + rng.int(60));
      }
      const loaded = rooms.liveDoc(docName) !== null;
      if (wasLoaded && !loaded) stats.unloads++;
      wasLoaded = loaded;
    }

    // Everyone comes back; the network drains (time moves so backoff timers fire).
    for (const { provider } of clients) if (!provider.shouldConnect) provider.connect();
    const settled = () => !net.busy() && clients.every(({ provider }) => provider.wsconnected && provider.synced);
    for (let round = 0; !settled(); round++) {
      if (round > 20_000) throw new Error(`seed ${seed}: the network did not settle`);
      if (!net.step()) vi.advanceTimersByTime(25);
    }
    stats.delivered = net.delivered;
    expect(net.serverCloses, `seed ${seed}: the server closed connections`).toEqual([]);

    const live = rooms.liveDoc(docName)!;
    expect(live).not.toBeNull();
    const sv = Y.encodeStateVector(live);
    const expected = content(live);
    for (const [c, { doc }] of clients.entries()) {
      expect(Y.encodeStateVector(doc), `seed ${seed}: client ${c} state vector`).toEqual(sv);
      expect(content(doc), `seed ${seed}: client ${c} content`).toEqual(expected);
    }
    stats.checked = checkNothingLost(live, clients.map((c) => c.ledger));
    // Presence. The server holds exactly the five clients, each stamped with its own account,
    // whatever reconnects happened (a silent newcomer is sent every state on connect).
    const expectedPresence = Object.fromEntries(clients.map(({ doc }, c) => [doc.clientID, { user: { name: `client ${c}`, accountId: `account-${c}` } }]));
    const presence = (states: Map<number, unknown>) => Object.fromEntries([...states].filter(([, st]) => st !== null));
    const drain = (until: () => boolean) => {
      for (let round = 0; net.busy() || !until(); round++) {
        if (round > 10_000) throw new Error(`seed ${seed}: the network did not settle`);
        if (!net.step()) vi.advanceTimersByTime(25);
      }
    };
    const observer = new WebsocketProvider('ws://sim/api/workspaces', docName, new Y.Doc(), { WebSocketPolyfill: net.socketClass(CLIENTS), connect: false, disableBc: true });
    observer.awareness.setLocalState(null);
    observer.connect();
    drain(() => observer.synced);
    expect(presence(observer.awareness.getStates()), `seed ${seed}: server presence`).toEqual(expectedPresence);
    expect(Y.encodeStateVector(observer.doc)).toEqual(sv);
    observer.destroy();
    observer.awareness.destroy();
    // Clients show no one else and nothing unstamped. (A stock client that reconnected may not
    // show a peer yet: it keeps the clocks of the states it dropped on disconnect, so it ignores
    // them when the server sends them again at the same clock, until each peer's next change.)
    const seenBy = (c: number) => {
      const mine = presence(clients[c]!.provider.awareness.getStates());
      // A client's own state is as it set it (the server stamps what it relays).
      mine[clients[c]!.doc.clientID] = { user: { name: `client ${c}`, accountId: `account-${c}` } };
      return mine;
    };
    for (let c = 0; c < CLIENTS; c++) expect(expectedPresence, `seed ${seed}: presence seen by client ${c}`).toMatchObject(seenBy(c));
    // After everyone's next awareness change (the stock client renews every 15 s), all see all.
    for (const { provider } of clients) provider.awareness.setLocalState({ ...provider.awareness.getLocalState() });
    drain(() => true);
    for (let c = 0; c < CLIENTS; c++) expect(seenBy(c), `seed ${seed}: presence seen by client ${c} after a renewal`).toEqual(expectedPresence);
    // The last client's link dies for good (its goodbye is lost with it): once the server
    // notices, its presence is gone for everyone, whichever connection had announced it.
    const last = clients[CLIENTS - 1]!;
    const lastConn = [...net.conns].find((x) => x.client === CLIENTS - 1 && x.state === 'open')!;
    net.drop(lastConn);
    last.provider.destroy();
    drain(() => true);
    delete expectedPresence[last.doc.clientID];
    for (let c = 0; c < CLIENTS - 1; c++) expect(seenBy(c), `seed ${seed}: presence seen by client ${c} after the last left`).toEqual(expectedPresence);

    // What SQLite holds after a flush, then after the room is closed (compacted).
    rooms.flushAll();
    const flushed = storedDoc(file, docName);
    expect(Y.encodeStateVector(flushed.doc), `seed ${seed}: stored state vector`).toEqual(sv);
    expect(content(flushed.doc), `seed ${seed}: stored content`).toEqual(expected);
    for (const { provider } of clients) provider.destroy();
    rooms.close();
    const compacted = storedDoc(file, docName);
    expect(compacted.updates).toBe(0);
    expect(compacted.snapshot).toBe(true);
    expect(Y.encodeStateVector(compacted.doc)).toEqual(sv);
    expect(content(compacted.doc)).toEqual(expected);
    // The versions saved along the way (automatic ones pruned to 3) are documents too.
    const versions = store.versions(docName);
    expect(versions.filter((v) => v.kind === 'auto').length).toBeLessThanOrEqual(3);
    expect(versions.length).toBeGreaterThan(0);
    const newest = new Y.Doc();
    Y.applyUpdate(newest, store.version(docName, versions[0]!.id)!);
    expect(content(newest)).toEqual(expected);
    return stats;
  } finally {
    for (const { provider, doc } of clients) {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    }
    rooms.close();
  }
}

/** JSON with object keys sorted: two documents' maps may list their keys in different orders. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));

describe('workspace convergence', () => {
  it(`converges with nothing lost: ${SEEDS} seeds, ${CLIENTS} stock providers, a simulated network`, () => {
    const dir = tempDir('mekendesh-converge-');
    const file = join(dir.dir, 'rooms.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const driver = betterSqlite3Driver(raw);
    migrate(driver, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
    const store = new YDocStore(driver);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const totals: SeedStats = { delivered: 0, edits: 0, drops: 0, offline: 0, unloads: 0, checked: 0 };
    const t0 = performance.now();
    try {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const s = runSeed(seed, store, file);
        for (const k of Object.keys(totals) as (keyof SeedStats)[]) totals[k] += s[k];
      }
    } finally {
      vi.useRealTimers();
      raw.close();
      dir.remove();
    }
    // The run exercised what it claims to.
    expect(totals.drops).toBeGreaterThan(SEEDS);
    expect(totals.offline).toBeGreaterThan(SEEDS / 2);
    expect(totals.unloads).toBeGreaterThan(10);
    console.info(`convergence: ${SEEDS} seeds in ${Math.round(performance.now() - t0)} ms`, totals);
  });
});

describe('workspace convergence through the real server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let owner: TestUser;
  const users: TestUser[] = [];
  beforeAll(async () => {
    server = await startTestServer({}, { workspaces: { flushMs: 20, idleUnloadMs: 300, compactEvery: 25, ratePerSecond: 10_000, rateBurst: 10_000 } });
    owner = await signUp(server.url, 'Owner');
    for (let i = 0; i < CLIENTS; i++) users.push(await signUp(server.url, `Editor ${i}`));
  });
  afterAll(async () => server.stop());

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  for (let seed = 1; seed <= 5; seed++) {
    it(`seed ${seed}: ${CLIENTS} providers with random edits, disconnects and dropped sockets converge`, async () => {
      const rng = prng(seed * 104729 + 3);
      const P = `proj-converge-${seed}`;
      await createProject(server, owner, P, users.map((user) => ({ user, role: 'editor' as const })));
      const clients = users.map((user, c) => ({ ...openProvider(server, user, P), ledger: newLedger(), c }));
      try {
        for (const x of clients) x.provider.awareness.setLocalStateField('user', { name: `client ${x.c}` });
        await waitFor(() => clients.every((x) => x.provider.synced), 5000, 'first sync');
        let drops = 0;
        for (let i = 0; i < 300; i++) {
          const x = rng.pick(clients);
          const r = rng.next();
          if (r < 0.8) {
            randomEdit(rng, x.doc, x.c, x.ledger);
          } else if (r < 0.88) {
            if (x.provider.shouldConnect) x.provider.disconnect();
            else x.provider.connect();
          } else if (r < 0.92) {
            // The connection dies under the provider, which reconnects by itself.
            const ws = x.provider.ws as unknown as { terminate?: () => void } | null;
            if (ws?.terminate && x.provider.wsconnected) {
              ws.terminate();
              drops++;
            }
          } else {
            await sleep(rng.int(15));
          }
        }
        expect(drops).toBeGreaterThan(0);
        for (const x of clients) if (!x.provider.shouldConnect) x.provider.connect();
        const doc = `project:${P}`;
        const same = () => {
          const live = server.workspaces.liveDoc(doc);
          if (!live || !clients.every((x) => x.provider.synced)) return false;
          const sv = Y.encodeStateVector(live);
          if (!clients.every((x) => Buffer.from(Y.encodeStateVector(x.doc)).equals(sv))) return false;
          // Deletions leave the state vector as it is: a relayed delete still in flight shows
          // only in the content.
          const want = canonical(content(live));
          return clients.every((x) => canonical(content(x.doc)) === want);
        };
        await waitFor(same, 15_000, 'convergence');
        const live = server.workspaces.liveDoc(doc)!;
        const expected = content(live);
        for (const x of clients) expect(content(x.doc)).toEqual(expected);
        expect(checkNothingLost(live, clients.map((x) => x.ledger))).toBeGreaterThan(50);
        expect(clients.flatMap((x) => x.closes).filter((code) => code >= 4000)).toEqual([]);

        server.workspaces.flushAll();
        const stored = server.store.ydocs.load(doc);
        const check = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(check, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(check, u);
        expect(Y.encodeStateVector(check)).toEqual(Y.encodeStateVector(live));
        expect(content(check)).toEqual(expected);

        // Presence: after everyone's next awareness change, each sees all five, stamped.
        for (const x of clients) x.provider.awareness.setLocalState({ ...x.provider.awareness.getLocalState() });
        const presence = Object.fromEntries(clients.map((x) => [x.doc.clientID, { user: { name: `client ${x.c}`, accountId: users[x.c]!.account.id } }]));
        const seenBy = (x: (typeof clients)[number]) =>
          Object.fromEntries([...x.provider.awareness.getStates()].filter(([id]) => id !== x.doc.clientID));
        await waitFor(
          () => clients.every((x) => JSON.stringify(Object.keys(seenBy(x)).sort()) === JSON.stringify(Object.keys(presence).filter((id) => id !== String(x.doc.clientID)).sort())),
          5000,
          'presence',
        );
        for (const x of clients) {
          const expectedOthers = { ...presence };
          delete expectedOthers[x.doc.clientID];
          expect(seenBy(x)).toEqual(expectedOthers);
        }
      } finally {
        for (const x of clients) x.provider.destroy();
      }
    });
  }
});
