/**
 * A small typed RPC over `postMessage`, between the UI thread and the engine worker.
 *
 * The worker serves a handler map (`const handlers = { … } satisfies Handlers`); the UI gets a
 * client typed by `typeof handlers`, so a renamed method or a changed argument is a type error
 * on both sides. Requests carry ids and are answered out of order; the worker can also push
 * events (sync status, changed tables) that are not answers to anything.
 *
 * Errors keep their reason code: a `DomainError('forbidden')` thrown in the worker rejects the
 * call with an {@link RpcError} whose `code` is `'forbidden'`, so the UI can translate it.
 */

/** Something that sends and receives messages: a Worker, the worker's global scope, a MessagePort. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

/** The handler map a worker serves (defined with the engine, which both apps host). */
import type { Handlers } from '@mekendesh/engine';
export type { Handlers };

type Arg<F> = F extends () => unknown ? [] : F extends (arg: infer A) => unknown ? [arg: A] : never;

/** The client side of a handler map: each method returns a promise of the handler's result. */
export type RpcClient<H extends Handlers> = {
  [M in keyof H & string]: (...args: Arg<H[M]>) => Promise<Awaited<ReturnType<H[M]>>>;
};

interface RpcRequest {
  rpc: 'req';
  id: number;
  method: string;
  arg: unknown;
}
interface RpcReply {
  rpc: 'res';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; code: string | null; detail: unknown };
}
interface RpcEvent {
  rpc: 'event';
  event: unknown;
}
type RpcMessage = RpcRequest | RpcReply | RpcEvent;

const isRpc = (data: unknown): data is RpcMessage =>
  typeof data === 'object' && data !== null && 'rpc' in data && typeof (data as { rpc: unknown }).rpc === 'string';

/** A call the other side refused; `code` is the reason code when there was one (see `errors.<code>`). */
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

/** An error as it crosses to the other side: message, reason code, structured-cloneable detail. */
export const describeError = (err: unknown): NonNullable<RpcReply['error']> => {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const detail = (err as { detail?: unknown }).detail;
    let cloneable: unknown = null;
    try {
      cloneable = structuredClone(detail ?? null);
    } catch {
      cloneable = null;
    }
    return { message: err.message, code: typeof code === 'string' ? code : null, detail: cloneable };
  }
  return { message: String(err), code: null, detail: null };
};

/**
 * Serves `handlers` on `endpoint`. Returns `emit` to push events to the other side and `stop`
 * to stop answering.
 */
export function serveRpc<H extends Handlers, E = never>(endpoint: MessageEndpoint, handlers: H) {
  const listener = (e: MessageEvent) => {
    const msg = e.data as unknown;
    if (!isRpc(msg) || msg.rpc !== 'req') return;
    const reply = (r: Omit<RpcReply, 'rpc' | 'id'>) => endpoint.postMessage({ rpc: 'res', id: msg.id, ...r } satisfies RpcReply);
    const handler = Object.hasOwn(handlers, msg.method) ? handlers[msg.method] : undefined;
    if (!handler) {
      reply({ ok: false, error: { message: `unknown method: ${msg.method}`, code: 'unknown_method', detail: null } });
      return;
    }
    // Promise.resolve().then: a handler that throws synchronously rejects like an async one.
    Promise.resolve()
      .then(() => handler(msg.arg))
      .then(
        (value) => reply({ ok: true, value }),
        (err: unknown) => reply({ ok: false, error: describeError(err) }),
      );
  };
  endpoint.addEventListener('message', listener);
  return {
    emit(event: E): void {
      endpoint.postMessage({ rpc: 'event', event } satisfies RpcEvent);
    },
    stop(): void {
      endpoint.removeEventListener('message', listener);
    },
  };
}

/**
 * Connects to handlers served on `endpoint`. `client.method(arg)` sends a request and resolves
 * with the answer; `onEvent` receives what the other side emits; `fail` rejects every call in
 * flight (e.g. when the worker failed to load).
 */
export function connectRpc<H extends Handlers, E = never>(endpoint: MessageEndpoint) {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<(event: E) => void>();
  let seq = 0;
  endpoint.addEventListener('message', (e: MessageEvent) => {
    const msg = e.data as unknown;
    if (!isRpc(msg)) return;
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
  const call = (method: string, arg: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      endpoint.postMessage({ rpc: 'req', id, method, arg } satisfies RpcRequest);
    });
  const client = new Proxy({} as RpcClient<H>, {
    // Not `then`: a promise resolved with the client would otherwise call it as a thenable.
    get: (_target, method) => (typeof method === 'string' && method !== 'then' ? (arg?: unknown) => call(method, arg) : undefined),
  });
  return {
    client,
    onEvent(listener: (event: E) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fail(err: Error): void {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    },
  };
}
