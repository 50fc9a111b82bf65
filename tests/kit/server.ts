import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account } from '@mekendesh/core';
import { startServer, memoryLogger, type RunningServer, type ServerConfig } from '@mekendesh/server';
import { betterSqlite3Driver } from '@mekendesh/store';
import { SyncClient, httpTransport, type SyncClientOptions } from '@mekendesh/sync';

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = 'mekendesh-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Options of {@link startServer} a test may set: a clock, and the workspace rooms' limits and delays. */
export interface TestServerOptions {
  clock?: () => Date;
  workspaces?: NonNullable<Parameters<typeof startServer>[1]>['workspaces'];
}

/**
 * The real server on 127.0.0.1 and a free port, on a real SQLite file, with cheap scrypt for
 * speed. The second argument is a clock, or {@link TestServerOptions}.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, clockOrOptions?: (() => Date) | TestServerOptions) {
  const opts: TestServerOptions = typeof clockOrOptions === 'function' ? { clock: clockOrOptions } : (clockOrOptions ?? {});
  const data = overrides.dataDir ? null : tempDir('mekendesh-server-');
  const logger = memoryLogger();
  const server = await startServer(
    { port: 0, scryptLogN: 12, authRateLimit: 1000, syncRateLimit: 100_000, dataDir: data?.dir ?? overrides.dataDir!, ...overrides },
    { logger, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.workspaces ? { workspaces: opts.workspaces } : {}) },
  );
  return {
    ...server,
    logger,
    dataDir: data?.dir ?? overrides.dataDir!,
    async stop() {
      await server.close();
      data?.remove();
    },
  };
}

export interface TestUser {
  account: Account;
  token: string;
  email: string;
  password: string;
}

let seq = 0;
/** Signs up a user over HTTP and returns its bearer token. */
export async function signUp(
  url: string,
  name: string,
  extra: { invitationCode?: string; email?: string } = {},
): Promise<TestUser> {
  const email = extra.email ?? `${name.toLowerCase().replace(/\W+/g, '')}.${Date.now()}.${++seq}@example.org`;
  const password = 'correct horse battery';
  const res = await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: name, mode: 'token', ...extra }),
  });
  const body = (await res.json()) as { ok: boolean; account: Account; token: string; error?: string };
  if (!body.ok) throw new Error(`sign-up failed: ${body.error}`);
  return { account: body.account, token: body.token, email, password };
}

/** POSTs JSON with a bearer token; returns status and parsed body. */
export async function post(url: string, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

/** A sync client on its own better-sqlite3 file, talking HTTP to `url` with the user's token. */
export function openClient(
  server: { url: string },
  user: TestUser,
  opts: Partial<SyncClientOptions> & { file?: string; fetch?: typeof fetch } = {},
) {
  const dir = opts.file ? null : tempDir('mekendesh-client-');
  const file = opts.file ?? join(dir!.dir, 'client.db');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  const db = betterSqlite3Driver(raw);
  const client = new SyncClient({
    db,
    accountId: user.account.id,
    transport: httpTransport({ baseUrl: server.url, token: () => user.token, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
    pullIntervalMs: 200,
    backoff: { initialMs: 50, maxMs: 400 },
    pushDelayMs: 5,
    ...opts,
  });
  return {
    client,
    db,
    file,
    async close() {
      await client.stop();
      db.close();
      dir?.remove();
    },
  };
}

/** Polls `fn` until it returns truthy or the time runs out. */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, stepMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export type { RunningServer };
