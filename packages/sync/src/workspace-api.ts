/**
 * What hosts and screens need of project workspaces without the Yjs machinery: the connection
 * status, the history API over HTTP and the WebSocket class a host passes in. Kept apart from
 * `workspace-client.ts` so a host can build its settings without loading yjs and y-websocket
 * (the engine loads the client on first use).
 */
import { isReasonCode, type ReasonCode } from '@mekendesh/core';
import type { YDocVersionInfo } from '@mekendesh/store';
import { TransportError } from './transport.ts';

/**
 * `offline`: not connected (no network, server down, or still waiting to retry); `connecting`;
 * `synced`: connected and caught up both ways; `denied`: the server refused this account
 * (`reason`), the client stopped trying until the workspace is opened again.
 */
export type WorkspaceConnection = 'offline' | 'connecting' | 'synced' | 'denied';

export interface WorkspaceStatus {
  projectId: string;
  connection: WorkspaceConnection;
  /** Why the server refused or dropped an edit: `read_only`, `forbidden`, `unauthenticated`… */
  reason: ReasonCode | null;
}

/** The version history, over HTTP (`/api/workspaces/:id/versions`). */
export interface WorkspaceApi {
  versions(projectId: string): Promise<YDocVersionInfo[]>;
  version(projectId: string, versionId: string): Promise<Uint8Array>;
  saveVersion(projectId: string, label: string | null): Promise<YDocVersionInfo>;
  /** Asks the server whether this session may open the workspace: null when it may, else why not. */
  probe(projectId: string): Promise<ReasonCode | null>;
}

/** A WebSocket constructor: the browser's, or (desktop) one that adds the bearer token. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

export interface HttpWorkspaceApiOptions {
  baseUrl: string;
  token?: () => string | null;
  fetch?: typeof fetch;
}

/** {@link WorkspaceApi} over HTTP, with the session cookie (PWA) or a bearer token (desktop). */
export function httpWorkspaceApi(opts: HttpWorkspaceApiOptions): WorkspaceApi {
  const doFetch = opts.fetch ?? fetch;
  const req = async (path: string, init: RequestInit = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    const token = opts.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl}${path}`, { ...init, headers, credentials: 'include', signal: AbortSignal.timeout(30_000) });
    } catch {
      throw new TransportError('network', null);
    }
    if (res.ok) return res;
    let code: ReasonCode | null = null;
    try {
      const body = (await res.json()) as { error?: unknown };
      code = isReasonCode(body.error) ? body.error : null;
    } catch {
      // not JSON
    }
    if (res.status === 401) throw new TransportError('auth', code, 401);
    if (res.status >= 500) throw new TransportError('server', code, res.status);
    throw new TransportError('refused', code, res.status);
  };
  const base = (projectId: string) => `/api/workspaces/${encodeURIComponent(projectId)}/versions`;
  return {
    async versions(projectId) {
      return ((await (await req(base(projectId))).json()) as { versions: YDocVersionInfo[] }).versions;
    },
    async version(projectId, versionId) {
      return new Uint8Array(await (await req(`${base(projectId)}/${encodeURIComponent(versionId)}`)).arrayBuffer());
    },
    async saveVersion(projectId, label) {
      const res = await req(base(projectId), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(label ? { label } : {}) });
      return ((await res.json()) as { version: YDocVersionInfo }).version;
    },
    async probe(projectId) {
      try {
        await req(base(projectId));
        return null;
      } catch (err) {
        if (err instanceof TransportError && (err.kind === 'auth' || err.kind === 'refused')) return err.code ?? (err.kind === 'auth' ? 'unauthenticated' : 'forbidden');
        return null; // offline or a server error: keep retrying
      }
    },
  };
}
