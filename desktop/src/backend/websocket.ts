/**
 * The WebSocket class the desktop backend gives the engine for project workspaces: `ws` with
 * the session's bearer token in the upgrade request. Node's own WebSocket cannot set headers,
 * and the token must not go in the URL (proxies log URLs); the renderer never sees it.
 */
import WS from 'ws';
import type { WebSocketClass } from '@mekendesh/sync';

export function bearerWebSocket(token: () => string | null): WebSocketClass {
  class BearerWebSocket extends WS {
    constructor(url: string, protocols?: string | string[]) {
      const t = token();
      super(url, protocols, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    }
  }
  return BearerWebSocket as unknown as WebSocketClass;
}
