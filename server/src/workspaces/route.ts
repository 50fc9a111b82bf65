/**
 * The workspace routes on the Hono app: the y-websocket endpoint and the version history.
 *
 * `GET /api/workspaces/:projectId` upgrades to a WebSocket speaking the y-websocket protocol
 * (a `WebsocketProvider` with `serverUrl = <origin>/api/workspaces` and the project id as its
 * room connects as is). Before the upgrade: the session (cookie, `Authorization: Bearer`, or a
 * `token` query parameter for clients that can set neither), a same-origin `Origin` when a
 * browser sends one (cookies ride along on cross-site WebSockets, so without this check any
 * site could open a member's workspace), and membership of the project. After it, every
 * message is checked again by {@link WorkspaceRooms}.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError, Id, type ReasonCode } from '@mekendesh/core';
import { workspaceDocName } from '@mekendesh/sync';
import type { AuthService } from '../auth.ts';
import type { ServerStore } from '../storage/server-store.ts';
import { CLOSE, WorkspaceRooms, type ConnectionIdentity, type RoomsOptions, type WorkspaceAccess } from './rooms.ts';

export interface WorkspaceSession {
  accountId: string;
  token: string;
}

const PROJECT_DOC = /^project:(.+)$/;

/** Rooms whose access rule is the project role: owners and editors write, viewers read. */
export function projectRooms(store: ServerStore, auth: AuthService, opts: Partial<RoomsOptions> = {}): WorkspaceRooms {
  const access = (who: ConnectionIdentity, doc: string): WorkspaceAccess => {
    let accountId: string;
    try {
      accountId = auth.resolveSession(who.token).accountId;
    } catch (err) {
      if (err instanceof DomainError) return { denied: err.code };
      throw err;
    }
    if (accountId !== who.accountId) return { denied: 'unauthenticated' };
    const projectId = PROJECT_DOC.exec(doc)?.[1];
    const role = projectId ? store.projectRole(projectId, accountId) : null;
    if (!role) return { denied: 'forbidden' };
    return role === 'viewer' ? 'read' : 'write';
  };
  const rooms = new WorkspaceRooms({ store: store.ydocs, access, ...opts });
  store.onAccessChange(() => rooms.recheck());
  return rooms;
}

/** The `:projectId` parameter as a document name, or `not_found`. */
export function projectDoc(c: Context): { projectId: string; doc: string } {
  const projectId = c.req.param('projectId') ?? '';
  if (!Id.safeParse(projectId).success) throw new DomainError('not_found');
  return { projectId, doc: workspaceDocName(projectId) };
}

/** Refuses a browser's cross-site WebSocket: the `Origin`, when present, must be this server's. */
export function checkOrigin(c: Context, trustProxy: boolean): void {
  const origin = c.req.header('origin');
  if (!origin) return; // not a browser (the desktop backend, tests): the session decides
  const url = new URL(c.req.url);
  const host = (trustProxy ? c.req.header('x-forwarded-host') : undefined) ?? c.req.header('host') ?? url.host;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    throw new DomainError('forbidden', { reason: 'origin' });
  }
  if (o.host !== host) throw new DomainError('forbidden', { reason: 'origin' });
}

const PING_MS = 30_000;

/** The key under which the Node host puts {@link UpgradeGrant} in the request's `env`. */
export const WORKSPACE_UPGRADE = Symbol.for('mekendesh.workspace-upgrade');
/** Called by the route once every check passed: what to connect, as whom. */
export type UpgradeGrant = (grant: { doc: string; identity: ConnectionIdentity }) => void;

/**
 * The end of the WebSocket route: every check has passed (in the middleware before it), so it
 * hands what to connect to the host and answers 204; the host then completes the upgrade
 * (`attachWorkspaceSocket`). Without a host that upgrades (`app.request()` in tests) it answers
 * `bad_request`. The Hono context is not kept for the connection's life: @hono/node-server's
 * own `upgradeWebSocket` holds the request, its context and URLs per connection (about 10 KB,
 * measured in `bench/workspace.bench.ts`), which made a room heavier than the reference server's.
 */
export function workspaceUpgrade(who: (c: Context) => { doc: string; identity: ConnectionIdentity }): MiddlewareHandler {
  return async (c) => {
    const grant = (c.env as Record<symbol, UpgradeGrant | undefined> | undefined)?.[WORKSPACE_UPGRADE];
    if (!grant) throw new DomainError('bad_request', { reason: 'websocket_unavailable' });
    grant(who(c));
    return c.body(null, 204);
  };
}

/** The parts of a `ws` WebSocket the workspace connection uses. */
export interface RawSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  ping(): void;
  terminate(): void;
  on(event: 'message', fn: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): void;
  on(event: 'close' | 'pong', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
}

/** The TCP socket under a WebSocket. */
export type CorkableSocket = { cork(): void; uncork(): void; destroyed: boolean };

/**
 * Connects an upgraded socket to its room. Heartbeats close a connection whose peer stopped
 * answering (a phone that lost its network without a FIN), so its presence disappears for the
 * others.
 *
 * Frames sent to a connection in one turn of the event loop leave in one write: the socket is
 * corked at the first frame of a turn and uncorked when the turn's I/O is done (`setImmediate`).
 * Every edit goes out to every other connection of its room, and under load several edits
 * arrive per turn; written a frame at a time, the `writev` system calls took half of the
 * server's time and 100 clients × 10 edits/s saturated it (`bench/workspace.bench.ts`,
 * docs/benchmarks.md). A lone edit waits microseconds, not a timer.
 */
export function attachWorkspaceSocket(rooms: WorkspaceRooms, ws: RawSocket, socket: CorkableSocket, grant: { doc: string; identity: ConnectionIdentity }): void {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const handle = rooms.connect(
    grant.doc,
    {
      send: (m) => {
        if (!corked && !socket.destroyed) {
          corked = true;
          socket.cork();
          setImmediate(uncork);
        }
        ws.send(m);
      },
      close: (code, reason) => ws.close(code, reason),
    },
    grant.identity,
  );
  ws.on('message', (data, isBinary) => {
    // The protocol is binary; a text frame is malformed by definition.
    if (!isBinary) return handle.malformed();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    handle.message(bytes);
  });
  let alive = true;
  ws.on('pong', () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    try {
      ws.ping();
    } catch {
      ws.terminate();
    }
  }, PING_MS);
  ping.unref?.();
  ws.on('error', () => {}); // a reset peer; 'close' follows
  ws.on('close', () => {
    clearInterval(ping);
    handle.close();
  });
}

export { CLOSE };
export type { ReasonCode };
