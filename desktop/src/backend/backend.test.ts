import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS } from '@mekendesh/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, isBridgeError } from '../shared/bridge.ts';
import { connectRpc, nodePort, RpcError, serveRpc } from '../shared/rpc.ts';
import { createBridge, type IpcRendererLike } from '../preload/bridge.ts';
import { createBackend, DB_FILE, type BackendHandlers } from './backend.ts';
import { parseBackendArgs, runBackendProcess, type ParentPortLike, type PortMainLike } from './process.ts';

/** A Node `MessagePort` seen as Electron's `MessagePortMain` (which wraps data in `{ data }`). */
function asMainPort(port: MessagePort): PortMainLike {
  const wrapped = new Map<unknown, (data: unknown) => void>();
  const self: PortMainLike = {
    postMessage: (m) => port.postMessage(m),
    on(event: 'message' | 'close', listener: ((e: { data: unknown }) => void) | (() => void)) {
      if (event === 'close') port.on('close', listener as () => void);
      else {
        const w = (data: unknown) => (listener as (e: { data: unknown }) => void)({ data });
        wrapped.set(listener, w);
        port.on('message', w);
      }
      return self;
    },
    off(_event: 'message', listener: (e: { data: unknown }) => void) {
      const w = wrapped.get(listener);
      if (w) port.off('message', w);
      return self;
    },
    start: () => port.start(),
    close: () => port.close(),
  };
  return self;
}

/** A stand-in for `process.parentPort` of a utility process. */
function fakeParentPort() {
  const emitter = new EventEmitter();
  const sent: unknown[] = [];
  const parentPort: ParentPortLike = {
    on: (event, listener) => emitter.on(event, listener),
    postMessage: (m) => void sent.push(m),
  };
  return { parentPort, sent, deliver: (data: unknown, ports: PortMainLike[] = []) => emitter.emit('message', { data, ports }) };
}

const ALL_MIGRATIONS = [RECORD_MIGRATIONS, CLIENT_MIGRATIONS].flatMap((set) =>
  set.migrations.map((m) => `${set.namespace}/${String(m.id).padStart(4, '0')}_${m.name}`),
).sort();

let dir: string;
const cleanups: (() => void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mekendesh-backend-'));
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  rmSync(dir, { recursive: true, force: true });
});

describe('the backend in plain Node, on a real SQLite file', () => {
  it('creates the data folder and the database in WAL mode with every record and client migration', () => {
    const dataDir = join(dir, 'user-data', 'data');
    const backend = createBackend({ dataDir, version: '1.2.3', now: () => new Date('2026-11-22T12:00:00Z') });
    cleanups.push(() => backend.close());
    expect(backend.file).toBe(join(dataDir, DB_FILE));
    backend.db.run('CREATE TABLE IF NOT EXISTS t (x)');
    expect(existsSync(`${backend.file}-wal`)).toBe(true);

    // Checked from another connection: the mode is on the file, not just this connection.
    const other = new Database(backend.file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = other.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['_migrations', 'accounts', 'profiles', 'memberships', 'sync_outbox', 'sync_meta']));
    other.close();

    const status = backend.handlers.status();
    expect(status).toMatchObject({ version: '1.2.3', engine: 'better-sqlite3', journalMode: 'wal', startedAt: '2026-11-22T12:00:00.000Z' });
    expect([...status.migrations].sort()).toEqual(ALL_MIGRATIONS);
    expect([...status.appliedAtStart].sort()).toEqual(ALL_MIGRATIONS);
    expect(backend.handlers.ping()).toBe('pong');
  });

  it('reopening applies nothing new', () => {
    createBackend({ dataDir: dir }).close();
    const again = createBackend({ dataDir: dir });
    cleanups.push(() => again.close());
    expect(again.handlers.status().appliedAtStart).toEqual([]);
    expect(again.handlers.status().migrations).toHaveLength(ALL_MIGRATIONS.length);
  });

  it('answers over a real message port, typed by its handler map; unknown methods are refused with a code', async () => {
    const backend = createBackend({ dataDir: dir, version: '9.9.9' });
    cleanups.push(() => backend.close());
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => port1.close());
    serveRpc(nodePort(port1), backend.handlers);
    const client = connectRpc<BackendHandlers>(nodePort(port2));
    expect(await client.call('ping')).toBe('pong');
    const status = await client.call('status');
    expect(status.journalMode).toBe('wal');
    expect(status.version).toBe('9.9.9');
    const err = await (client.call as (m: string) => Promise<unknown>)('dropTables').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('unknown_method');
    // Prototype names are not methods.
    expect(((await (client.call as (m: string) => Promise<unknown>)('toString').catch((e: unknown) => e)) as RpcError).code).toBe('unknown_method');
  });

  it("serves the shared engine as app.* over the port: reference data before sign-in, account calls refused until one is open", async () => {
    const backend = createBackend({ dataDir: dir });
    cleanups.push(() => backend.close());
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => port1.close());
    serveRpc(nodePort(port1), backend.handlers);
    const client = connectRpc<BackendHandlers>(nodePort(port2));
    const reference = await client.call('app.reference');
    expect(reference.countries.some((c) => c.id === 'KG')).toBe(true);
    expect(reference.skills.length).toBeGreaterThan(50);
    for (const method of ['app.profile', 'app.myOffers', 'app.memberships'] as const) {
      const err = (await client.call(method).catch((e: unknown) => e)) as RpcError;
      expect(err.code).toBe('unauthenticated');
    }
    // The leader's own names stay theirs: `open`, `status`, `discard` are the backend's.
    expect((await client.call('status')).journalMode).toBe('wal');
  });
});

describe('the backend utility process', () => {
  it('reads its folder and version from argv and refuses to start without a folder', () => {
    expect(parseBackendArgs(['electron', 'backend.cjs', '--data-dir=/u/data', '--app-version=1.0.0'])).toEqual({ dataDir: '/u/data', version: '1.0.0' });
    expect(() => parseBackendArgs(['electron', 'backend.cjs'])).toThrow(/data-dir/);
  });

  it('serves each port main sends, drops a closed one, and closes the database on shutdown', async () => {
    const parent = fakeParentPort();
    const exits: number[] = [];
    const backend = runBackendProcess(parent.parentPort, [`--data-dir=${dir}`, '--app-version=2.0.0'], (code) => exits.push(code));
    expect(parent.sent).toEqual([{ type: 'ready' }]);

    const first = new MessageChannel();
    parent.deliver({ type: 'connect' }, [asMainPort(first.port1)]);
    const a = connectRpc<BackendHandlers>(nodePort(first.port2));
    expect(await a.call('ping')).toBe('pong');

    // A page reload: the old port closes, a new one arrives.
    first.port2.close();
    const second = new MessageChannel();
    parent.deliver({ type: 'connect' }, [asMainPort(second.port1)]);
    const b = connectRpc<BackendHandlers>(nodePort(second.port2));
    expect((await b.call('status')).version).toBe('2.0.0');

    parent.deliver({ type: 'connect' }); // no port: ignored
    parent.deliver({ type: 'something-else' });
    parent.deliver({ type: 'shutdown' });
    // Closing waits for the sync client to stop, then the process exits.
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(() => backend.db.get('SELECT 1')).toThrow();
    second.port2.close();
  });
});

describe('the preload bridge to the backend', () => {
  /** A stand-in `ipcRenderer` whose main side brokers a real port pair to a running backend. */
  function wire(backendPort: (port: PortMainLike) => void) {
    const listeners = new Map<string, ((event: { ports: readonly globalThis.MessagePort[] }, ...args: unknown[]) => void)[]>();
    const invoked: [string, unknown[]][] = [];
    const renderers: MessagePort[] = [];
    const emit = (channel: string, ports: MessagePort[] = []) => {
      for (const l of listeners.get(channel) ?? []) l({ ports: ports as unknown as globalThis.MessagePort[] });
    };
    const givePort = () => {
      const { port1, port2 } = new MessageChannel();
      renderers.push(port2);
      backendPort(asMainPort(port1));
      emit(CHANNELS.backendPort, [port2]);
    };
    const ipc: IpcRendererLike = {
      invoke: async (channel, ...args) => (invoked.push([channel, args]), channel === CHANNELS.credentialsSet ? { persisted: true } : null),
      send: (channel) => {
        if (channel === CHANNELS.backendConnect) queueMicrotask(givePort);
      },
      on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    };
    cleanups.push(() => renderers.forEach((p) => p.close()));
    return { ipc, invoked, givePort, emit };
  }

  it('backend calls go over the port to the backend; other calls are one IPC invoke each', async () => {
    const parent = fakeParentPort();
    runBackendProcess(parent.parentPort, [`--data-dir=${dir}`], () => {});
    cleanups.push(() => parent.deliver({ type: 'shutdown' }));
    const { ipc, invoked } = wire((port) => parent.deliver({ type: 'connect' }, [port]));
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'backend', 'credentials', 'dialogs', 'openExternal']);

    expect(await bridge.backend.call('ping')).toBe('pong');
    expect((await bridge.backend.call('status')).journalMode).toBe('wal');
    const refused = await (bridge.backend.call as (m: string) => Promise<unknown>)('nope').catch((e: unknown) => e);
    // A plain object, so the reason code survives the context bridge.
    expect(isBridgeError(refused)).toBe(true);
    expect(refused).not.toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: 'unknown_method' });

    expect(await bridge.credentials.set('t')).toEqual({ persisted: true });
    await bridge.openExternal('https://x.kg');
    await bridge.credentials.clear();
    await bridge.dialogs.saveBackup();
    expect(invoked).toEqual([
      [CHANNELS.credentialsSet, ['t']],
      [CHANNELS.openExternal, ['https://x.kg']],
      [CHANNELS.credentialsClear, []],
      [CHANNELS.dialogSaveBackup, []],
    ]);
  });

  it('a restarted backend gives a fresh port; when it is down for good, calls fail with backend_unavailable', async () => {
    const parent = fakeParentPort();
    runBackendProcess(parent.parentPort, [`--data-dir=${dir}`], () => {});
    cleanups.push(() => parent.deliver({ type: 'shutdown' }));
    const { ipc, givePort, emit } = wire((port) => parent.deliver({ type: 'connect' }, [port]));
    const bridge = createBridge(ipc);
    expect(await bridge.backend.call('ping')).toBe('pong');
    // What main does after restarting the backend: a call in flight on the old port is refused, not left hanging.
    const inFlight = bridge.backend.call('status');
    await Promise.resolve();
    givePort();
    await expect(inFlight).rejects.toMatchObject({ code: 'backend_unavailable' });
    expect(await bridge.backend.call('ping')).toBe('pong');
    emit(CHANNELS.backendDown);
    await expect(bridge.backend.call('ping')).rejects.toMatchObject({ name: 'RpcError', code: 'backend_unavailable' });
  });
});
