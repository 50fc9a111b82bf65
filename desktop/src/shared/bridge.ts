/**
 * The one object the preload exposes to the renderer, as `window.mekendesh`, and the IPC
 * channels behind it. Nothing else from Node or Electron reaches the renderer.
 */
import type { BackendEvent, BackendHandlers } from '../backend/backend.ts';
import type { CallFn } from './rpc.ts';

/** IPC channel names (main ⇄ preload). Backend calls do not use IPC: they go over a port. */
export const CHANNELS = {
  /** preload → main (send): "give this page a port to the backend". */
  backendConnect: 'mekendesh:backend-connect',
  /** main → preload (postMessage with one port): a port to the backend. */
  backendPort: 'mekendesh:backend-port',
  /** main → preload (send): the backend stopped and will not be restarted. */
  backendDown: 'mekendesh:backend-down',
  openExternal: 'mekendesh:open-external',
  credentialsGet: 'mekendesh:credentials-get',
  credentialsSet: 'mekendesh:credentials-set',
  credentialsClear: 'mekendesh:credentials-clear',
  appInfo: 'mekendesh:app-info',
  dialogSaveBackup: 'mekendesh:dialog-save-backup',
  dialogOpenBackup: 'mekendesh:dialog-open-backup',
  dialogSaveExport: 'mekendesh:dialog-save-export',
  dialogSaveFile: 'mekendesh:dialog-save-file',
} as const;

/** The `ipcMain.handle` channels, each with its arguments and result. */
export interface InvokeApi {
  [CHANNELS.openExternal]: (url: string) => Promise<boolean>;
  [CHANNELS.credentialsGet]: () => Promise<string | null>;
  [CHANNELS.credentialsSet]: (token: string) => Promise<{ persisted: boolean }>;
  [CHANNELS.credentialsClear]: () => Promise<void>;
  [CHANNELS.appInfo]: () => Promise<AppInfo>;
  [CHANNELS.dialogSaveBackup]: () => Promise<string | null>;
  [CHANNELS.dialogOpenBackup]: () => Promise<string | null>;
  [CHANNELS.dialogSaveExport]: (defaultName: string) => Promise<string | null>;
  [CHANNELS.dialogSaveFile]: (defaultName: string) => Promise<string | null>;
}

export interface AppInfo {
  version: string;
  platform: string;
  /**
   * Whether a session token can be kept encrypted by the OS between starts. When false the
   * UI shows `desktop.credentials.unprotected`: the token lives in memory only and the user
   * signs in at each start.
   */
  credentialsProtected: boolean;
  /** The Mekendesh server this build talks to (the only remote origin in the CSP). */
  serverOrigin: string;
}

/**
 * What a refused backend call rejects with (a plain object, not an `Error`: the context bridge
 * would drop `code`). `code` is a reason code (`errors.<code>`), `unknown_method`, or
 * `backend_unavailable` (`desktop.backend.unavailable`).
 */
export interface BridgeError {
  name: 'RpcError';
  message: string;
  code: string | null;
  detail: unknown;
}

export const isBridgeError = (e: unknown): e is BridgeError =>
  typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'RpcError' && typeof (e as { message?: unknown }).message === 'string';

/** `window.mekendesh`. */
export interface MekendeshBridge {
  backend: {
    /** Calls a backend handler over the direct port (typed by the backend's handler map); rejects with a {@link BridgeError}. */
    call: CallFn<BackendHandlers>;
    /** Events pushed by the backend; returns a function that unsubscribes. */
    onEvent(listener: (event: BackendEvent) => void): () => void;
  };
  /** Opens an `https:` link in the system browser; resolves false for anything else. */
  openExternal(url: string): Promise<boolean>;
  credentials: {
    get(): Promise<string | null>;
    /** `persisted: false` when the OS cannot protect it: kept for this run only. */
    set(token: string): Promise<{ persisted: boolean }>;
    clear(): Promise<void>;
  };
  appInfo(): Promise<AppInfo>;
  /**
   * The system's file dialogs for backups: the path the user chose, or null when cancelled.
   * The renderer never names a file itself; the backend writes or reads only what was chosen here.
   */
  dialogs: {
    saveBackup(): Promise<string | null>;
    openBackup(): Promise<string | null>;
    /** Save dialog for a roster export; the page suggests only the file name (in the documents folder). */
    saveExport(defaultName: string): Promise<string | null>;
    /**
     * Save dialog for a document from the server (an evidence file, a receipt, a certificate
     * PDF): the page suggests only the file name; the backend then writes the file there
     * (`saveServerFile`).
     */
    saveFile(defaultName: string): Promise<string | null>;
  };
}

declare global {
  interface Window {
    readonly mekendesh: MekendeshBridge;
  }
}
