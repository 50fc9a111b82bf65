/**
 * A small typed RPC over a message port, between the renderer's preload and the backend
 * utility process. Same shape as the PWA's `pwa/src/rpc.ts` (handler map typed with
 * `satisfies`, ids, out-of-order answers, pushed events, reason codes kept), but over a
 * {@link PortLike} because the two ends here are different port types: a DOM `MessagePort` in
 * the preload and Electron's `MessagePortMain` (an EventEmitter) in the backend.
 */

/** The least both port types offer, adapted by {@link domPort}, {@link mainPort}, {@link nodePort}. */
export interface PortLike {
  post(message: unknown): void;
  /** Starts delivery to `listener`; returns a function that stops it. */
  listen(listener: (data: unknown) => void): () => void;
}

/** Handlers take at most one structured-cloneable argument and may be async. */
// `any`: each handler's argument is its own; clients recover them from `typeof handlers`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (arg: any) => unknown>;

/** The arguments of a handler as a tuple: `[]` for none, `[arg]` otherwise. */
export type HandlerArgs<F> = F extends () => unknown ? [] : F extends (arg: infer A) => unknown ? [arg: A] : never;
/** What a call to a handler resolves with. */
export type HandlerResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** A typed `call(method, arg)` over a handler map. */
export type CallFn<H extends Handlers> = <M extends keyof H & string>(method: M, ...args: HandlerArgs<H[M]>) => Promise<HandlerResult<H[M]>>;

interface Request {
  rpc: 'req';
  id: number;
  method: string;
  arg: unknown;
}
interface Reply {
  rpc: 'res';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; code: string | null; detail: unknown };
}
interface PushedEvent {
  rpc: 'event';
  event: unknown;
}
type Message = Request | Reply | PushedEvent;

const isMessage = (data: unknown): data is Message =>
  typeof data === 'object' && data !== null && typeof (data as { rpc?: unknown }).rpc === 'string';

/** A refused call; `code` is the reason code when there was one (translated as `errors.<code>`). */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly detail: unknown = null,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

function describeError(err: unknown): NonNullable<Reply['error']> {
  if (!(err instanceof Error)) return { message: String(err), code: null, detail: null };
  const { code, detail } = err as { code?: unknown; detail?: unknown };
  let cloneable: unknown = null;
  try {
    cloneable = structuredClone(detail ?? null);
  } catch {
    cloneable = null;
  }
  return { message: err.message, code: typeof code === 'string' ? code : null, detail: cloneable };
}

/** Serves `handlers` on `port`: `emit` pushes an event, `stop` stops answering. */
export function serveRpc<H extends Handlers, E = never>(port: PortLike, handlers: H) {
  const stop = port.listen((msg) => {
    if (!isMessage(msg) || msg.rpc !== 'req') return;
    const reply = (r: Omit<Reply, 'rpc' | 'id'>) => port.post({ rpc: 'res', id: msg.id, ...r } satisfies Reply);
    const handler = typeof msg.method === 'string' && Object.hasOwn(handlers, msg.method) ? handlers[msg.method] : undefined;
    if (!handler) {
      reply({ ok: false, error: { message: `unknown method: ${String(msg.method)}`, code: 'unknown_method', detail: null } });
      return;
    }
    // Promise.resolve().then: a handler that throws synchronously rejects like an async one.
    Promise.resolve()
      .then(() => handler(msg.arg))
      .then(
        (value) => reply({ ok: true, value }),
        (err: unknown) => reply({ ok: false, error: describeError(err) }),
      );
  });
  return {
    emit: (event: E): void => port.post({ rpc: 'event', event } satisfies PushedEvent),
    stop,
  };
}

/**
 * Connects to handlers served on `port`. `fail` rejects every call in flight (the backend
 * went away); `close` does that and stops listening.
 */
export function connectRpc<H extends Handlers, E = never>(port: PortLike) {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<(event: E) => void>();
  let seq = 0;
  const stop = port.listen((msg) => {
    if (!isMessage(msg)) return;
    if (msg.rpc === 'event') {
      for (const l of listeners) l(msg.event as E);
    } else if (msg.rpc === 'res') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new RpcError(msg.error?.message ?? 'error', msg.error?.code ?? null, msg.error?.detail ?? null));
    }
  });
  const call = ((method: string, arg?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      port.post({ rpc: 'req', id, method, arg } satisfies Request);
    })) as CallFn<H>;
  const fail = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return {
    call,
    onEvent(listener: (event: E) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    fail,
    close(err: Error = new RpcError('the backend connection was closed', 'backend_unavailable')) {
      stop();
      fail(err);
    },
  };
}

/** A DOM `MessagePort` (preload side). */
export function domPort(port: MessagePort): PortLike {
  return {
    post: (m) => port.postMessage(m),
    listen(listener) {
      const l = (e: MessageEvent) => listener(e.data);
      port.addEventListener('message', l);
      // addEventListener, unlike onmessage, does not start delivery by itself.
      port.start();
      return () => port.removeEventListener('message', l);
    },
  };
}

/** The part of Electron's `MessagePortMain` used here (structural, so tests need no Electron). */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  start(): void;
}

/** Electron's `MessagePortMain` (backend side). */
export function mainPort(port: MessagePortMainLike): PortLike {
  return {
    post: (m) => port.postMessage(m),
    listen(listener) {
      const l = (e: { data: unknown }) => listener(e.data);
      port.on('message', l);
      port.start();
      return () => void port.off('message', l);
    },
  };
}

/** The part of a Node `worker_threads` `MessagePort` used here (tests run the backend on these). */
export interface NodePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  off(event: 'message', listener: (data: unknown) => void): unknown;
}

/** A Node `worker_threads` `MessagePort`. */
export function nodePort(port: NodePortLike): PortLike {
  return {
    post: (m) => port.postMessage(m),
    listen(listener) {
      port.on('message', listener);
      return () => void port.off('message', listener);
    },
  };
}
