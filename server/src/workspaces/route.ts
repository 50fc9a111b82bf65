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
import { upgradeWebSocket } from '@hono/node-server';
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

/** The TCP socket under a WebSocket, as `@hono/node-server` passes the upgrade request. */
type CorkableSocket = { cork(): void; uncork(): void; destroyed: boolean };

/**
 * The upgrade handler: runs after the checks, hands the socket to the rooms. Heartbeats close
 * a connection whose peer stopped answering (a phone that lost its network without a FIN), so
 * its presence disappears for the others.
 *
 * Frames sent to a connection in one turn of the event loop leave in one write: the socket is
 * corked at the first frame of a turn and uncorked when the turn's I/O is done (`setImmediate`).
 * Every edit goes out to every other connection of its room, and under load several edits
 * arrive per turn; written a frame at a time, the `writev` system calls took half of the
 * server's time and 100 clients × 10 edits/s saturated it (`bench/workspace.bench.ts`,
 * docs/benchmarks.md). A lone edit waits microseconds, not a timer.
 */
export function workspaceSocket(rooms: WorkspaceRooms, who: (c: Context) => { doc: string; identity: ConnectionIdentity }): MiddlewareHandler {
  return upgradeWebSocket((c) => {
    const { doc, identity } = who(c);
    const socket = (c.env as { incoming?: { socket?: CorkableSocket } } | undefined)?.incoming?.socket;
    let handle: ReturnType<WorkspaceRooms['connect']> | null = null;
    let ping: ReturnType<typeof setInterval> | null = null;
    let corked = false;
    const uncork = () => {
      corked = false;
      socket!.uncork();
    };
    return {
      onOpen(_evt, ws) {
        const raw = ws.raw as { ping?: () => void; on?: (e: string, f: () => void) => void; terminate?: () => void } | undefined;
        handle = rooms.connect(
          doc,
          {
            send: (m) => {
              if (socket && !corked && !socket.destroyed) {
                corked = true;
                socket.cork();
                setImmediate(uncork);
              }
              ws.send(m as Uint8Array<ArrayBuffer>);
            },
            close: (code, reason) => ws.close(code, reason),
          },
          identity,
        );
        if (raw?.ping && raw.on) {
          let alive = true;
          raw.on('pong', () => (alive = true));
          ping = setInterval(() => {
            if (!alive) return raw.terminate?.();
            alive = false;
            try {
              raw.ping!();
            } catch {
              raw.terminate?.();
            }
          }, PING_MS);
          ping.unref?.();
        }
      },
      onMessage(evt) {
        const data = evt.data;
        // The protocol is binary; a text frame is malformed by definition.
        if (typeof data === 'string') return handle?.malformed();
        handle?.message(data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer));
      },
      onClose() {
        if (ping) clearInterval(ping);
        handle?.close();
        handle = null;
      },
    };

  });
}

export { CLOSE };
export type { ReasonCode };
