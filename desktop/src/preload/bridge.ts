/**
 * Builds `window.mekendesh` from `ipcRenderer` (passed in, so tests use a stand-in). Backend
 * calls go over the port main hands over: they wait for it, and are refused with
 * `backend_unavailable` when the backend is down (and the port replaced when it restarts).
 */
import type { BackendEvent, BackendHandlers } from '../backend/backend.ts';
import { CHANNELS, type BridgeError, type InvokeApi, type MekendeshBridge } from '../shared/bridge.ts';
import { connectRpc, domPort, RpcError, type CallFn } from '../shared/rpc.ts';

/** The part of `ipcRenderer` used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly MessagePort[] }, ...args: unknown[]) => void): unknown;
}

/**
 * Errors crossing the context bridge keep only their message; a plain object is copied whole,
 * so backend refusals reach the renderer as a {@link BridgeError} with their reason code.
 */
export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof RpcError) return { name: 'RpcError', message: err.message, code: err.code, detail: err.detail };
  return { name: 'RpcError', message: err instanceof Error ? err.message : String(err), code: null, detail: null };
}

type Connection = ReturnType<typeof connectRpc<BackendHandlers, BackendEvent>>;

export function createBridge(ipc: IpcRendererLike): MekendeshBridge {
  const invoke = <C extends keyof InvokeApi>(channel: C, ...args: Parameters<InvokeApi[C]>) =>
    ipc.invoke(channel, ...args) as ReturnType<InvokeApi[C]>;

  const unavailable = () => new RpcError('the backend is not running', 'backend_unavailable');
  const eventListeners = new Set<(event: BackendEvent) => void>();
  let connection: Connection | null = null;
  let currentPort: MessagePort | null = null;
  let down = false;
  let waiters: { resolve(c: Connection): void; reject(e: Error): void }[] = [];

  // Closing our end tells the backend to drop its end (its port emits 'close').
  const drop = () => {
    connection?.close(unavailable());
    currentPort?.close();
    connection = null;
    currentPort = null;
  };

  ipc.on(CHANNELS.backendPort, (event) => {
    const port = event.ports[0];
    if (!port) return;
    drop();
    currentPort = port;
    const next: Connection = connectRpc<BackendHandlers, BackendEvent>(domPort(port));
    next.onEvent((e) => {
      for (const l of eventListeners) l(e);
    });
    connection = next;
    down = false;
    for (const w of waiters) w.resolve(next);
    waiters = [];
  });
  ipc.on(CHANNELS.backendDown, () => {
    down = true;
    drop();
    for (const w of waiters) w.reject(unavailable());
    waiters = [];
  });
  ipc.send(CHANNELS.backendConnect);

  const ready = (): Promise<Connection> => {
    if (connection) return Promise.resolve(connection);
    if (down) return Promise.reject(unavailable());
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  const call = ((method: string, ...args: unknown[]) =>
    ready()
      .then((c) => (c.call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args))
      .catch((err: unknown) => Promise.reject(toBridgeError(err)))) as CallFn<BackendHandlers>;

  return {
    backend: {
      call,
      onEvent(listener) {
        eventListeners.add(listener);
        return () => void eventListeners.delete(listener);
      },
    },
    openExternal: (url) => invoke(CHANNELS.openExternal, url),
    credentials: {
      get: () => invoke(CHANNELS.credentialsGet),
      set: (token) => invoke(CHANNELS.credentialsSet, token),
      clear: () => invoke(CHANNELS.credentialsClear),
    },
    appInfo: () => invoke(CHANNELS.appInfo),
    dialogs: {
      saveBackup: () => invoke(CHANNELS.dialogSaveBackup),
      openBackup: () => invoke(CHANNELS.dialogOpenBackup),
      saveExport: (defaultName) => invoke(CHANNELS.dialogSaveExport, defaultName),
      saveFile: (defaultName) => invoke(CHANNELS.dialogSaveFile, defaultName),
    },
  };
}
