import { isReasonCode, type PullRequest, type PullResponse, type PushRequest, type PushResponse, type ReasonCode } from '@mekendesh/core';

/** How a sync client reaches the server. Hosts inject it; tests use the real HTTP one. */
export interface SyncTransport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(req: PullRequest): Promise<PullResponse>;
}

/**
 * A failed round trip. `network`: no answer (offline, DNS, reset); `auth`: the session is
 * gone (sign in again); `server`: 5xx; `refused`: the server answered 4xx with a reason.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'network' | 'auth' | 'server' | 'refused',
    readonly code: ReasonCode | null,
    readonly status = 0,
    readonly detail: unknown = null,
  ) {
    super(`${kind}${code ? `: ${code}` : ''}`);
    this.name = 'TransportError';
  }
}

export interface HttpTransportOptions {
  /** Server origin, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** Bearer token (desktop); omit to rely on the session cookie (PWA). */
  token?: () => string | null;
  fetch?: typeof fetch;
  /** Abort a request that takes longer than this (mobile networks stall rather than fail). */
  timeoutMs?: number;
}

/** The HTTP transport: `POST /api/sync/push` and `POST /api/sync/pull`. */
export function httpTransport(opts: HttpTransportOptions): SyncTransport {
  const doFetch = opts.fetch ?? fetch;
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = opts.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const payload = JSON.stringify(body);
    const send = () =>
      doFetch(`${opts.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: payload,
        credentials: 'include',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    let res: Response;
    try {
      res = await send();
    } catch {
      // One immediate retry: a kept-alive connection the server has just closed fails at
      // once. Both calls are safe to repeat (push is idempotent, pull only reads).
      try {
        res = await send();
      } catch {
        throw new TransportError('network', null);
      }
    }
    let json = null as { ok?: boolean; error?: unknown; detail?: unknown } | null;
    try {
      json = (await res.json()) as typeof json;
    } catch {
      if (res.ok) throw new TransportError('network', null, res.status);
    }
    if (res.ok && json?.ok) return json as T;
    const code = isReasonCode(json?.error) ? json.error : null;
    if (res.status === 401) throw new TransportError('auth', code, res.status);
    if (res.status >= 500) throw new TransportError('server', code, res.status);
    throw new TransportError('refused', code, res.status, json?.detail ?? null);
  };
  return {
    push: (req) => call<PushResponse>('/api/sync/push', req),
    pull: (req) => call<PullResponse>('/api/sync/pull', req),
  };
}
