import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { DEFAULT_CONFIG, type ServerConfig } from './config.ts';
import { openServerDb } from './db.ts';
import { jsonLogger, type Logger } from './log.ts';
import { ServerStore } from './storage/server-store.ts';
import { AuthService } from './auth.ts';
import { WebSocketServer } from 'ws';
import type { RoomsOptions, WorkspaceRooms } from './workspaces/rooms.ts';
import { projectRooms } from './workspaces/route.ts';
import { handleUpgrades } from './workspaces/upgrade.ts';
import { CredentialService } from './awards/credentials.ts';
import type { Server as HttpServer } from 'node:http';

export interface RunningServer {
  url: string;
  port: number;
  store: ServerStore;
  /** The workspace rooms (Yjs documents loaded now, connections). */
  workspaces: WorkspaceRooms;
  /** Stops accepting connections, waits for open ones, and closes the database. */
  close(): Promise<void>;
}

/** Opens the database in `config.dataDir` and listens. `port: 0` picks a free port (tests). */
export async function startServer(
  overrides: Partial<ServerConfig> = {},
  opts: {
    logger?: Logger;
    onReady?: (store: ServerStore) => void | Promise<void>;
    clock?: () => Date;
    /** Workspace room settings (tests shorten the idle unload and flush delays). */
    workspaces?: Partial<Omit<RoomsOptions, 'store' | 'access'>>;
  } = {},
): Promise<RunningServer> {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const logger = opts.logger ?? jsonLogger();
  const db = openServerDb(join(config.dataDir, 'mekendesh.db'));
  const store = new ServerStore(db, opts.clock);
  await opts.onReady?.(store);
  const workspaces = projectRooms(store, new AuthService(store, config), { logger, ...opts.workspaces });
  const maxMessageBytes = opts.workspaces?.maxMessageBytes ?? 2 * 1024 * 1024;
  // ws refuses bigger frames itself (close 1009) before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes + 1024 });
  const credentials = CredentialService.inDataDir(store, config.dataDir);
  const app = createApp({
    store,
    workspaces,
    credentials,
    config,
    logger,
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined;
      }
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  handleUpgrades(server as unknown as HttpServer, app.fetch, wss, workspaces);
  // Longer than the usual 60 s of proxies and clients, so idle connections close from their side.
  const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  logger.info('listening', { url, dataDir: config.dataDir, engine: db.engine });
  // Certificates due while the server was down (or loaded with demo data) are issued now.
  try {
    const issued = credentials.issuePending(config.publicUrl ?? url);
    if (issued.length) logger.info('credentials_issued', { count: issued.length });
  } catch (err) {
    logger.error('credential_issue_failed', { err: String(err) });
  }
  return {
    url,
    port,
    store,
    workspaces,
    close: () =>
      new Promise<void>((resolve) => {
        // Write every open document and say goodbye to its clients before the database closes.
        workspaces.close();
        for (const ws of wss.clients) ws.terminate();
        server.close(() => {
          db.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
