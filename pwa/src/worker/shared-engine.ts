/**
 * One engine for all the app's tabs.
 *
 * The OPFS SAH-pool VFS is exclusive per origin: only one worker can hold its access handles,
 * so a second tab cannot open the database. Instead every tab starts its own worker, the
 * workers elect a leader with a Web Lock, and only the leader creates the engine (and so the
 * pool). The others forward their tab's calls to it over a `BroadcastChannel` and pass its
 * events (sync status, changed tables) back to their tab. The UI never knows which it is
 * talking to: it speaks the same RPC (`../rpc.ts`) to its own worker either way.
 *
 * When the leader's tab closes, its worker ends and the lock passes to a waiting worker, which
 * creates the engine, reopens the account its tab had open and announces itself; the others
 * then send again every call the old leader never answered (and the account they have open
 * first, so the new engine opens it). Calls must therefore tolerate being run twice in the
 * rare case that a leader ran one and died before answering: the engine's calls are
 * idempotent or refuse a repeat (records are created with ids chosen by the caller).
 *
 * Everything is injected (endpoints, channel, lock), so the protocol is tested in Node.
 */
import { describeError, type Handlers, type MessageEndpoint } from '../rpc.ts';

/** Holds a named exclusive lock while `fn`'s promise is pending (`navigator.locks.request`). */
export type LockRequest = (fn: () => Promise<void>) => void;

/** The subset of `BroadcastChannel` used here. */
export interface Channel extends MessageEndpoint {
  close(): void;
}

type Failure = { message: string; code: string | null; detail: unknown };

/** What the workers say to each other on the channel. */
type Wire =
  | { k: 'req'; from: string; id: number; method: string; arg: unknown }
  | { k: 'res'; to: string; id: number; ok: boolean; value?: unknown; error?: Failure }
  | { k: 'event'; event: unknown }
  | { k: 'leader'; id: string };

interface UiRequest {
  rpc: 'req';
  id: number;
  method: string;
  arg: unknown;
}

/** The account-opening call, remembered so a new leader can reopen what this tab had open. */
const OPEN = 'open';
const CLOSE = 'close';
/** Request id of a replayed `open`: its answer is not for the UI. */
const REPLAY_ID = -1;

const isUiRequest = (d: unknown): d is UiRequest =>
  typeof d === 'object' && d !== null && (d as { rpc?: unknown }).rpc === 'req' && typeof (d as { method?: unknown }).method === 'string';

export interface SharedEngineOptions<H extends Handlers, E> {
  /** This tab's side: the worker's global scope. */
  ui: MessageEndpoint;
  /** The channel all the app's workers share. */
  channel: Channel;
  /** The election lock (the same name in every tab). */
  lock: LockRequest;
  /** Creates the engine; called once, when this worker becomes the leader. */
  create(emit: (event: E) => void): H;
  /** This worker's id on the channel (tests pass their own). */
  id?: string;
  /** Told when this worker becomes the leader (for tests and logs). */
  onLeader?(): void;
}

/**
 * Serves the tab's RPC, as the leader or by forwarding to it. `stop` lets go of the lock and
 * the channel (tests; in the browser the worker's end does that).
 */
export function serveSharedEngine<H extends Handlers, E>(opts: SharedEngineOptions<H, E>) {
  const me = opts.id ?? globalThis.crypto.randomUUID();
  const { ui, channel } = opts;
  let handlers: H | null = null;
  let stopped = false;
  let release: () => void = () => {};
  /** This tab's calls sent to the leader and not answered yet, by request id. */
  const waiting = new Map<number, UiRequest>();
  /** The argument of this tab's last `open`, until it calls `close`. */
  let opened: { arg: unknown } | null = null;

  const reply = (id: number, r: { ok: boolean; value?: unknown; error?: Failure }) => {
    if (id !== REPLAY_ID) ui.postMessage({ rpc: 'res', id, ...r });
  };

  const run = (method: string, arg: unknown): Promise<{ ok: boolean; value?: unknown; error?: Failure }> => {
    const h = handlers!;
    const handler = Object.hasOwn(h, method) ? h[method] : undefined;
    if (!handler) return Promise.resolve({ ok: false, error: { message: `unknown method: ${method}`, code: 'unknown_method', detail: null } });
    return Promise.resolve()
      .then(() => handler(arg))
      .then(
        (value) => ({ ok: true, value }),
        (err: unknown) => ({ ok: false, error: describeError(err) }),
      );
  };

  const forward = (req: UiRequest) => {
    channel.postMessage({ k: 'req', from: me, id: req.id, method: req.method, arg: req.arg } satisfies Wire);
  };

  const emit = (event: E) => {
    if (stopped) return;
    ui.postMessage({ rpc: 'event', event });
    channel.postMessage({ k: 'event', event } satisfies Wire);
  };

  const onUi = (e: MessageEvent) => {
    const msg = e.data as unknown;
    if (!isUiRequest(msg) || stopped) return;
    if (msg.method === OPEN) opened = { arg: msg.arg };
    if (msg.method === CLOSE) opened = null;
    if (handlers) {
      void run(msg.method, msg.arg).then((r) => reply(msg.id, r));
    } else {
      waiting.set(msg.id, msg);
      forward(msg);
    }
  };

  const onChannel = (e: MessageEvent) => {
    const msg = e.data as Wire;
    if (stopped || typeof msg !== 'object' || msg === null) return;
    switch (msg.k) {
      case 'req':
        // Only the leader answers; the others ignore calls not meant for them.
        if (handlers) void run(msg.method, msg.arg).then((r) => channel.postMessage({ k: 'res', to: msg.from, id: msg.id, ...r } satisfies Wire));
        break;
      case 'res':
        if (msg.to !== me || handlers) break;
        if (!waiting.delete(msg.id) && msg.id !== REPLAY_ID) break;
        reply(msg.id, msg);
        break;
      case 'event':
        if (!handlers) ui.postMessage({ rpc: 'event', event: msg.event });
        break;
      case 'leader':
        if (msg.id === me || handlers) break;
        // A new leader: it never saw what the old one left unanswered.
        if (opened && ![...waiting.values()].some((r) => r.method === OPEN)) {
          forward({ rpc: 'req', id: REPLAY_ID, method: OPEN, arg: opened.arg });
        }
        for (const req of [...waiting.values()].sort((a, b) => a.id - b.id)) forward(req);
        break;
    }
  };

  const lead = async () => {
    handlers = opts.create(emit);
    channel.postMessage({ k: 'leader', id: me } satisfies Wire);
    opts.onLeader?.();
    // This tab's own unanswered calls now run here, after reopening what it had open.
    const pending = [...waiting.values()].sort((a, b) => a.id - b.id);
    waiting.clear();
    if (opened && !pending.some((r) => r.method === OPEN)) await run(OPEN, opened.arg);
    for (const req of pending) void run(req.method, req.arg).then((r) => reply(req.id, r));
  };

  ui.addEventListener('message', onUi);
  channel.addEventListener('message', onChannel);
  opts.lock(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
        if (stopped) resolve();
        else void lead();
      }),
  );

  return {
    id: me,
    isLeader: () => handlers !== null,
    stop(): void {
      stopped = true;
      ui.removeEventListener('message', onUi);
      channel.removeEventListener('message', onChannel);
      channel.close();
      release();
    },
  };
}
