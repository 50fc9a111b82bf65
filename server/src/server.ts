import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { DEFAULT_CONFIG, type ServerConfig } from './config.ts';
import { openServerDb } from './db.ts';
import { jsonLogger, type Logger } from './log.ts';
import { ServerStore } from './storage/server-store.ts';

export interface RunningServer {
  url: string;
  port: number;
  store: ServerStore;
  /** Stops accepting connections, waits for open ones, and closes the database. */
  close(): Promise<void>;
}

/** Opens the database in `config.dataDir` and listens. `port: 0` picks a free port (tests). */
export async function startServer(
  overrides: Partial<ServerConfig> = {},
  opts: { logger?: Logger; onReady?: (store: ServerStore) => void | Promise<void>; clock?: () => Date } = {},
): Promise<RunningServer> {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const logger = opts.logger ?? jsonLogger();
  const db = openServerDb(join(config.dataDir, 'mekendesh.db'));
  const store = new ServerStore(db, opts.clock);
  await opts.onReady?.(store);
  const app = createApp({
    store,
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
  // Longer than the usual 60 s of proxies and clients, so idle connections close from their side.
  const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  logger.info('listening', { url, dataDir: config.dataDir, engine: db.engine });
  return {
    url,
    port,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
