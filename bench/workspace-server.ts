/**
 * Run by `workspace.bench.ts` in a process of its own (`node --expose-gc --import tsx`, forked
 * with IPC), so each server's CPU and memory are its own and the clients' CPU, in another
 * process, does not steal from its event loop. `argv[2]`:
 *
 * - `ours`: `startServer` on a temporary folder (SQLite persistence, default room settings
 *   unless `argv[3]` overrides them as JSON), with `users` accounts signed up and made owner and
 *   editors of one project; the clients connect to `/api/workspaces/<project>` with their tokens.
 * - `reference`: `@y/websocket-server`'s `setupWSConnection` on a plain `http` server and `ws`,
 *   in memory, no authentication. The package as installed (0.1.5) depends on Yjs 14
 *   pre-releases (`yjs@14.0.0-16`, and `@y/protocols` on `@y/y@14.0.0-rc.7`): two copies of Yjs
 *   that do not work together ("store.getClock is not a function" on every update, nothing
 *   syncs). A resolve hook gives its `utils.js` the `yjs` (13.6.33) and `y-protocols` (1.0.7)
 *   our server runs on, which makes it the classic y-websocket server on the same Yjs.
 *
 * The parent asks over IPC (requests carry an `id` that the answer repeats) for memory after
 * `gc()`, the event-loop delay since it last asked, documents loaded and warnings logged,
 * projects to open (ours), and heap snapshots; it reads CPU time from /proc itself.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { register } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { startServer, type Logger } from '@mekendesh/server';
import { signUp, tempDir, type TestUser } from '../tests/kit/server.ts';
import { createProject, pushAll } from '../tests/kit/workspace.ts';

export interface ServerReady {
  type: 'ready';
  /** Prefix of a room's WebSocket address: the room (project id or document name) follows. */
  wsBase: string;
  /** The room every latency client joins. */
  room: string;
  /** One bearer token per client (ours), or null (the reference has no accounts). */
  tokens: string[] | null;
  pid: number;
}

type Request =
  | { id: number; type: 'mem' | 'stats' | 'stop' | 'loop' }
  | { id: number; type: 'projects'; count: number }
  | { id: number; type: 'snapshot'; file: string };

const mode = process.argv[2];
// `MEKENDESH_BENCH_CORK_REFERENCE=1`: the reference server with the write batching our route
// does (each connection's socket corked from its first frame in a turn of the event loop until
// `setImmediate`), for a like-for-like comparison of everything else.
if (mode === 'reference' && process.env.MEKENDESH_BENCH_CORK_REFERENCE === '1') {
  type Corkable = { cork(): void; uncork(): void; destroyed: boolean; benchCorked?: boolean };
  const proto = WebSocket.prototype as unknown as { send: (this: { _socket?: Corkable }, ...args: unknown[]) => void };
  const send = proto.send;
  proto.send = function (...args) {
    const socket = this._socket;
    if (socket && !socket.benchCorked && !socket.destroyed) {
      socket.benchCorked = true;
      socket.cork();
      setImmediate(() => {
        socket.benchCorked = false;
        socket.uncork();
      });
    }
    return send.apply(this, args);
  };
}
/** Event-loop delay: how long a timer waited past its time (blocking work, fsync, saturation). */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const opts = JSON.parse(process.argv[3] ?? '{}') as { users?: number; workspaces?: Record<string, number> };
const send = (m: unknown) => process.send!(m);
const gc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
};

/** Warnings and errors the rooms logged, counted by message (a rate-limited or dropped client shows here). */
const logged: Record<string, number> = {};
const countingLogger: Logger = {
  info() {},
  warn: (msg) => void (logged[msg] = (logged[msg] ?? 0) + 1),
  error: (msg) => void (logged[msg] = (logged[msg] ?? 0) + 1),
};

let stats: () => Record<string, unknown> = () => ({});
let makeProjects: (count: number) => Promise<{ ids: string[]; token: string }> = () => Promise.reject(new Error('ours only'));
let stop: () => Promise<void>;

if (mode === 'ours') {
  const data = tempDir('mekendesh-bench-ws-');
  const server = await startServer(
    { dataDir: data.dir, port: 0, scryptLogN: 12, authRateLimit: 1_000_000, syncRateLimit: 1_000_000 },
    { logger: countingLogger, workspaces: opts.workspaces ?? {} },
  );
  const users: TestUser[] = [];
  for (let i = 0; i < (opts.users ?? 1); i++) users.push(await signUp(server.url, `Bench ${i}`));
  const [owner, ...editors] = users;
  const project = 'bench-workspace-1';
  await createProject(server, owner!, project, editors.map((user) => ({ user, role: 'editor' as const })));
  stats = () => ({ loaded: server.workspaces.loaded, connections: server.workspaces.connections, logged });
  let made = 0;
  makeProjects = async (count) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(`bench-idle-${++made}`);
    for (let i = 0; i < ids.length; i += 250) {
      await pushAll(
        server,
        owner!,
        ids.slice(i, i + 250).map((id): [string, unknown] => [
          'project.create',
          { id, memberId: `${id}-m-owner`, partnerId: owner!.account.id, organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатыры', sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak' },
        ]),
      );
    }
    return { ids, token: owner!.token };
  };
  stop = async () => {
    await server.close();
    data.remove();
  };
  send({ type: 'ready', wsBase: `${server.url.replace(/^http/, 'ws')}/api/workspaces/`, room: project, tokens: users.map((u) => u.token), pid: process.pid } satisfies ServerReady);
} else if (mode === 'reference') {
  // Its own utils.js, with `yjs` and `@y/protocols/*` resolved as our server resolves them.
  const base = pathToFileURL(join(import.meta.dirname, 'workspace-server.ts')).href;
  const hook = `
    const base = ${JSON.stringify(base)};
    export async function resolve(specifier, context, next) {
      if (context.parentURL && context.parentURL.includes('/@y+websocket-server@')) {
        if (specifier === 'yjs') return next('yjs', { ...context, parentURL: base });
        if (specifier.startsWith('@y/protocols/')) return next('y-protocols/' + specifier.slice(13), { ...context, parentURL: base });
      }
      return next(specifier, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  const http = createServer((_req, res) => res.end('okay'));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  stats = () => ({ loaded: docs.size, connections: wss.clients.size });
  stop = () =>
    new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      http.close(() => resolve());
      http.closeAllConnections();
    });
  send({ type: 'ready', wsBase: `ws://127.0.0.1:${port}/`, room: 'bench-workspace-1', tokens: null, pid: process.pid } satisfies ServerReady);
} else {
  throw new Error('usage: workspace-server.ts ours|reference [options JSON]');
}

// The bench gone (killed, crashed): nothing else would stop this server.
process.on('disconnect', () => process.exit(0));
process.on('message', async (raw) => {
  const req = raw as Request;
  const answer = (body: Record<string, unknown>) => send({ id: req.id, ...body });
  switch (req.type) {
    case 'loop': {
      // Read and reset: the delay since the last 'loop' request, in ms.
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const delay = { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
      loopDelay.reset();
      return answer({ delay });
    }
    case 'mem':
      gc();
      return answer({ mem: process.memoryUsage(), gc: typeof globalThis.gc === 'function' });
    case 'stats':
      return answer(stats());
    case 'snapshot':
      gc();
      return answer({ file: (await import('node:v8')).writeHeapSnapshot(req.file) });
    case 'projects':
      return void makeProjects(req.count).then((r) => answer(r));
    case 'stop':
      // Exit even if a backlog keeps sockets busy (a saturated reference server, for one);
      // `--cpu-prof` still writes its profile on exit.
      setTimeout(() => process.exit(0), 5000).unref();
      return void stop().then(() => {
        answer({});
        process.exit(0);
      });
  }
});
