/**
 * What the backend utility process does, with its Electron surface (`process.parentPort`)
 * passed in so tests can drive it from plain Node.
 *
 * Main sends `{ type: 'connect' }` with one `MessagePortMain` per renderer page; each is served
 * until it closes, so a renderer reload gets a fresh port and the old one is dropped. Main sends
 * `{ type: 'shutdown' }` before quitting: the database is closed (WAL checkpointed) first.
 */
import { createBackend, type BackendEvent, type BackendOptions } from './backend.ts';
import { mainPort, serveRpc, type MessagePortMainLike } from '../shared/rpc.ts';

/** Messages from main to the backend process. */
export type ToBackend = { type: 'connect' } | { type: 'shutdown' };

export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: PortMainLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}
export type PortMainLike = MessagePortMainLike & { on(event: 'close', listener: () => void): unknown; close(): void };

/** Reads `--data-dir=…`, `--app-version=…` and `--server-url=…` from the process arguments. */
export function parseBackendArgs(argv: readonly string[]): Pick<BackendOptions, 'dataDir' | 'version' | 'serverUrl'> {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dataDir = value('data-dir');
  if (!dataDir) throw new Error('the backend needs --data-dir=<folder>');
  const version = value('app-version');
  const serverUrl = value('server-url');
  return { dataDir, ...(version ? { version } : {}), ...(serverUrl ? { serverUrl } : {}) };
}

/** Runs the backend on `parentPort`; `exit` ends the process (injected for tests). */
export function runBackendProcess(parentPort: ParentPortLike, argv: readonly string[], exit: (code: number) => void) {
  const served = new Set<{ stop(): void; emit(event: BackendEvent): void; port: PortMainLike }>();
  // Sync status and changes go to every connected page.
  const backend = createBackend({ ...parseBackendArgs(argv), emit: (event) => served.forEach((s) => s.emit(event)) });
  parentPort.on('message', (e) => {
    const msg = e.data as ToBackend | null;
    if (msg?.type === 'connect') {
      const port = e.ports[0];
      if (!port) return;
      const rpc = serveRpc<typeof backend.handlers, BackendEvent>(mainPort(port), backend.handlers);
      const entry = { stop: rpc.stop, emit: rpc.emit, port };
      served.add(entry);
      port.on('close', () => {
        rpc.stop();
        served.delete(entry);
      });
    } else if (msg?.type === 'shutdown') {
      for (const s of served) {
        s.stop();
        s.port.close();
      }
      served.clear();
      void backend.close().finally(() => exit(0));
    }
  });
  parentPort.postMessage({ type: 'ready' });
  return backend;
}
