/**
 * WebSocket upgrades on the Node server. The request goes through the Hono app like any other
 * (logging, locale, the route's session, origin and membership checks, its error responses);
 * when the route grants it (`workspaceUpgrade`), `ws` completes the handshake and the socket is
 * connected to its room (`attachWorkspaceSocket`). Refusals are written as the HTTP response
 * the app gave (401, 403, 404…), so a client can tell why.
 */
import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { WorkspaceRooms } from './rooms.ts';
import { WORKSPACE_UPGRADE, attachWorkspaceSocket, type CorkableSocket, type RawSocket, type UpgradeGrant } from './route.ts';

type Fetch = (req: Request, env: unknown) => Response | Promise<Response>;

export function handleUpgrades(server: Server, fetch: Fetch, wss: WebSocketServer, rooms: WorkspaceRooms): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    void upgrade(req, socket, head).catch(() => reject(socket, 500, ''));
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return reject(socket, 400, '');
    let granted: Parameters<UpgradeGrant>[0] | null = null;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    const res = await fetch(new Request(url, { method: 'GET', headers }), {
      incoming: req,
      outgoing: undefined,
      [WORKSPACE_UPGRADE]: ((g) => (granted = g)) satisfies UpgradeGrant,
    });
    if (socket.destroyed) return;
    const grant = granted as Parameters<UpgradeGrant>[0] | null;
    if (!grant || res.status !== 204) return reject(socket, res.status, await res.text().catch(() => ''), res.headers.get('content-type'));
    wss.handleUpgrade(req, socket, head, (ws) => attachWorkspaceSocket(rooms, ws as unknown as RawSocket, socket as unknown as CorkableSocket, grant));
  }
}

/** Answers a refused upgrade with a plain HTTP response and closes the socket. */
function reject(socket: Duplex, status: number, body: string, type: string | null = 'application/json; charset=utf-8'): void {
  if (socket.destroyed) return;
  const bytes = Buffer.from(body);
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: ${type ?? 'text/plain'}\r\nContent-Length: ${bytes.length}\r\n\r\n`;
  socket.end(Buffer.concat([Buffer.from(head), bytes]));
}
