/**
 * Lean y-websocket clients for `workspace.bench.ts`. Forked in a process of its own (IPC), it
 * opens `clients` connections to one room and runs the phases the parent asks for; the bench
 * also uses {@link LeanClient} directly for the idle-documents figure.
 *
 * Why not 100 stock `WebsocketProvider`s: each applies every update it receives to its own
 * `Y.Doc`, so at 100 × 10 edits a second one process would apply 99,000 updates a second, and
 * its own event loop, not the server, would set the latency. Measured while writing this bench
 * (our server, 100 providers in one process, `Y.Map` sets): at 2 edits/s per client the
 * client process was already at 99 % of a core (event-loop utilisation 0.90, p95 169 ms); at
 * 10/s it received a third of the edits and p95 was 515 ms. A lean client speaks the same protocol
 * the provider speaks: it answers the server's sync step 1 with its step 2, sends its own step 1
 * and an awareness state on connect (renewed every 15 s, as the provider does), and sends its
 * edits as sync updates, made on a real `Y.Doc`: alternately 3 characters appended to a
 * `Y.Text` and a `Y.Map` entry overwritten with the send time. What it receives it does not
 * apply: it reads the id (client, clock) of the update's first struct, which the server keeps
 * when it re-encodes the update for the other connections, and looks up when that edit was
 * sent — every client is in this process, on one clock.
 *
 * Each client edits a `Y.Text` of its own (`t<index>`): clients that do not apply each other's
 * edits would otherwise all append "at the end" of one text concurrently, which makes every
 * insert scan the others' (a conflict that real clients, who see each other's text, do not have).
 */
import { performance } from 'node:perf_hooks';
import WS from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const LOCAL = Symbol('local');

/** When each edit was sent, by `client * 2^21 + clock` of its first struct. */
const sentAt = new Map<number, number>();
/** When any client last received an edit (the drain waits for quiet). */
let lastReceived = 0;
const editKey = (client: number, clock: number) => client * 2_097_152 + clock;

export interface LeanClientOptions {
  url: string;
  token: string | null;
  index: number;
  /** Called for every update received from another client, with its send time and now. */
  onEdit?: (sent: number, now: number) => void;
}

export class LeanClient {
  readonly doc = new Y.Doc();
  readonly ws: WS;
  synced = false;
  closeCode: number | null = null;
  denied = 0;
  received = 0;
  private seq = 0;
  private awarenessClock = 0;
  private awarenessTimer: ReturnType<typeof setInterval> | null = null;
  private readonly text: Y.Text;
  private readonly board: Y.Map<unknown>;
  readonly whenSynced: Promise<void>;

  constructor(private readonly o: LeanClientOptions) {
    this.text = this.doc.getText(`t${o.index}`);
    this.board = this.doc.getMap('board');
    this.ws = new WS(o.url, { headers: o.token ? { authorization: `Bearer ${o.token}` } : {}, perMessageDeflate: false });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) this.sendSync(syncProtocol.messageYjsUpdate, update);
    });
    this.whenSynced = new Promise((resolve, reject) => {
      this.ws.on('open', () => {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(enc, this.doc);
        this.ws.send(encoding.toUint8Array(enc));
        this.announce();
        this.awarenessTimer = setInterval(() => this.announce(), 15_000);
      });
      this.ws.on('message', (data: Buffer) => {
        this.onMessage(data);
        if (this.synced) resolve();
      });
      this.ws.on('close', (code) => {
        this.closeCode = code;
        if (this.awarenessTimer) clearInterval(this.awarenessTimer);
        reject(new Error(`closed ${code} before sync`));
      });
      this.ws.on('error', reject);
    });
    this.whenSynced.catch(() => {});
  }

  private sendSync(type: number, payload: Uint8Array): void {
    if (this.ws.readyState !== WS.OPEN) return;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    encoding.writeVarUint(enc, type);
    encoding.writeVarUint8Array(enc, payload);
    this.ws.send(encoding.toUint8Array(enc));
  }

  /** The awareness state a provider announces (a user with a name and colour). */
  private announce(): void {
    if (this.ws.readyState !== WS.OPEN) return;
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.doc.clientID);
    encoding.writeVarUint(inner, ++this.awarenessClock);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: `Bench ${this.o.index}`, color: '#30bced' } }));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    this.ws.send(encoding.toUint8Array(enc));
  }

  private onMessage(data: Buffer): void {
    const now = performance.now();
    this.received++;
    const dec = decoding.createDecoder(data);
    const type = decoding.readVarUint(dec);
    if (type === MESSAGE_SYNC) {
      const sync = decoding.readVarUint(dec);
      if (sync === syncProtocol.messageYjsSyncStep1) {
        const sv = decoding.readVarUint8Array(dec);
        this.sendSync(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, sv));
      } else if (sync === syncProtocol.messageYjsSyncStep2) {
        this.synced = true;
      } else if (sync === syncProtocol.messageYjsUpdate) {
        // Update v1: number of clients, then for the first: number of structs, client, clock.
        lastReceived = now;
        const update = decoding.readVarUint8Array(dec);
        const u = decoding.createDecoder(update);
        if (decoding.readVarUint(u) === 0) return;
        decoding.readVarUint(u);
        const client = decoding.readVarUint(u);
        // The reference server also sends an edit back to its sender: not a delivery.
        if (client === this.doc.clientID) return;
        const sent = sentAt.get(editKey(client, decoding.readVarUint(u)));
        if (sent !== undefined) this.o.onEdit?.(sent, now);
      }
    } else if (type === MESSAGE_AUTH) {
      this.denied++;
    }
  }

  /** One small edit, as a person typing or moving a card makes it. */
  edit(): void {
    if (this.ws.readyState !== WS.OPEN) return;
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    sentAt.set(editKey(this.doc.clientID, clock), performance.now());
    const n = this.seq++;
    this.doc.transact(() => {
      if (n % 2 === 0) this.text.insert(this.text.length, 'ab ');
      else this.board.set(`c${this.o.index}`, { seq: n, t: performance.timeOrigin + performance.now() });
    }, LOCAL);
  }

  /** Closes the connection; after `graceMs` without the server's answer, drops it. */
  close(graceMs = 2000): Promise<void> {
    if (this.awarenessTimer) clearInterval(this.awarenessTimer);
    if (this.ws.readyState === WS.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.ws.terminate(), graceMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close();
    });
  }
}

/**
 * A phase the parent asks for: edits at `rate` per client for `warmupMs`, then measured for
 * `durationMs`, then a pause without edits of at least `drainMs` and until no edit has arrived
 * for 300 ms (a saturated server catches up before the next phase), at most `maxDrainMs`.
 */
export interface Phase {
  rate: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  maxDrainMs: number;
}

export interface PhaseResult {
  rate: number;
  clients: number;
  /** Edits sent during the measured window. */
  sent: number;
  /** Deliveries expected: each edit to every other client. */
  expected: number;
  /** Deliveries of those edits received by the end of the drain. */
  delivered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Deliveries of those edits per second of the measured window (when they arrived aside). */
  deliveredPerSecond: number;
  /**
   * Deliveries that arrived during the window, whenever their edit was sent, per second: what
   * the server managed to pass on, below the offered rate when it cannot keep up.
   */
  arrivedPerSecond: number;
  /** The client process's event-loop utilisation and CPU time during the window. */
  clientElu: number;
  clientCpuMs: number;
  closed: number;
}

export const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

if (process.send && process.argv[2] === 'child') {
  const send = (m: unknown) => process.send!(m);
  let clients: LeanClient[] = [];
  let window = { from: Infinity, to: -Infinity };
  let samples = new Float64Array(1 << 20);
  let count = 0;
  let arrived = 0;
  const onEdit = (sent: number, now: number) => {
    if (now >= window.from && now < window.to) arrived++;
    if (sent < window.from || sent >= window.to) return;
    if (count === samples.length) {
      const bigger = new Float64Array(samples.length * 2);
      bigger.set(samples);
      samples = bigger;
    }
    samples[count++] = now - sent;
  };
  let timers: ReturnType<typeof setInterval>[] = [];
  const setRate = (rate: number) => {
    for (const t of timers) clearInterval(t);
    timers = [];
    if (rate <= 0) return;
    const period = 1000 / rate;
    // Each client on its own timer, phases spread over the period.
    for (const c of clients) {
      const start = setTimeout(() => {
        c.edit();
        timers.push(setInterval(() => c.edit(), period));
      }, Math.random() * period);
      timers.push(start as unknown as ReturnType<typeof setInterval>);
    }
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  process.on('message', async (raw) => {
    const msg = raw as
      | { type: 'connect'; wsBase: string; room: string; tokens: string[] | null; clients: number }
      | ({ type: 'phase' } & Phase)
      | { type: 'close' };
    if (msg.type === 'connect') {
      const t0 = performance.now();
      clients = Array.from({ length: msg.clients }, (_, i) => new LeanClient({ url: `${msg.wsBase}${msg.room}`, token: msg.tokens?.[i % msg.tokens.length] ?? null, index: i, onEdit }));
      await Promise.all(clients.map((c) => c.whenSynced));
      send({ type: 'connected', ms: performance.now() - t0 });
    } else if (msg.type === 'phase') {
      count = 0;
      arrived = 0;
      window = { from: Infinity, to: -Infinity };
      setRate(msg.rate);
      await sleep(msg.warmupMs);
      const sentAtStart = sentAt.size;
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      window = { from: performance.now(), to: Infinity };
      send({ type: 'phase-start' });
      await sleep(msg.durationMs);
      window.to = performance.now();
      const sent = sentAt.size - sentAtStart;
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const cpu = process.cpuUsage(cpu0);
      send({ type: 'phase-end' });
      setRate(0);
      await sleep(msg.drainMs);
      const drainEnd = performance.now() + msg.maxDrainMs;
      while (performance.now() - lastReceived < 300 && performance.now() < drainEnd) await sleep(50);
      const sorted = samples.slice(0, count).sort();
      const closed = clients.filter((c) => c.closeCode !== null).length;
      const result: PhaseResult = {
        rate: msg.rate,
        clients: clients.length,
        sent,
        expected: sent * (clients.length - 1),
        delivered: count,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? sorted[sorted.length - 1]! : NaN,
        deliveredPerSecond: count / ((window.to - window.from) / 1000),
        arrivedPerSecond: arrived / ((window.to - window.from) / 1000),
        clientElu: elu,
        clientCpuMs: (cpu.user + cpu.system) / 1000,
        closed,
      };
      send({ type: 'phase-result', result });
    } else if (msg.type === 'close') {
      setRate(0);
      await Promise.all(clients.map((c) => c.close()));
      send({ type: 'closed' });
      process.disconnect();
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'child-ready' });
}
