/**
 * The main process, kept thin: it registers the app scheme, hardens every web contents and the
 * session, opens the one window, starts the backend and brokers ports, and answers the few IPC
 * calls that need main (links, credentials, app info). Electron comes in as a parameter, so a
 * test can run this with a stand-in.
 */
import { join } from 'node:path';
import type * as Electron from 'electron';
import { CHANNELS, type AppInfo } from '../shared/bridge.ts';
import { buildCsp } from '../shared/csp.ts';
import { createBackendHost } from './backend-host.ts';
import { serverOriginOf } from './config.ts';
import { createCredentialStore } from './credentials.ts';
import { createBackupDialogs } from './dialogs.ts';
import { registerIpc } from './ipc.ts';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_DEFINITION, createAppProtocolHandler } from './protocol.ts';
import { hardenSession, hardenWebContents, isTrustedSender, openExternalSafely, windowOptions } from './security.ts';

export type ElectronMain = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'MessageChannelMain' | 'protocol' | 'safeStorage' | 'session' | 'shell' | 'utilityProcess'
>;

export interface MainOptions {
  /** The folder holding `main.cjs`, `preload.cjs`, `backend.cjs` and `renderer/`. */
  distDir: string;
  /** The server URL built in (`MEKENDESH_SERVER_URL` at build time). */
  serverUrl: string;
  platform: NodeJS.Platform;
}

/** Must run before `ready` (scheme registration); returns when the window has loaded, or null for a second instance. */
export async function startMain(electron: ElectronMain, opts: MainOptions): Promise<{ window: Electron.BrowserWindow; serverOrigin: string } | null> {
  const { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, protocol, safeStorage, session, shell, utilityProcess } = electron;

  // Every renderer sandboxed, whatever a future window forgets to set.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
  // One instance: two backends syncing one database would send every change twice.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const serverOrigin = serverOriginOf(opts.serverUrl);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell));

  await app.whenReady();

  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(opts.distDir, 'renderer'), csp: buildCsp(serverOrigin) }));

  const userData = app.getPath('userData');
  const credentials = createCredentialStore({ safeStorage, platform: opts.platform, file: join(userData, 'credentials.bin') });

  const window = new BrowserWindow(
    windowOptions({ preload: join(opts.distDir, 'preload.cjs'), isPackaged: app.isPackaged, title: app.getName() }),
  );
  const contents = window.webContents;
  const backend = createBackendHost({
    utilityProcess,
    MessageChannelMain,
    entry: join(opts.distDir, 'backend.cjs'),
    dataDir: join(userData, 'data'),
    version: app.getVersion(),
    serverUrl: serverOrigin,
    onRestart: () => {
      if (!contents.isDestroyed()) backend.connect(contents);
    },
    onGiveUp: () => {
      if (!contents.isDestroyed()) contents.send(CHANNELS.backendDown);
    },
  });

  const dialogs = createBackupDialogs({ dialog, window, documents: app.getPath('documents'), now: () => new Date() });

  registerIpc(ipcMain, {
    isTrusted: (event) => isTrustedSender(event, (id) => !contents.isDestroyed() && id === contents.id),
    onBackendConnect: (event) => {
      if (event.senderFrame) backend.connect(event.senderFrame);
    },
    handlers: {
      [CHANNELS.openExternal]: (url) => openExternalSafely(shell, url),
      [CHANNELS.credentialsGet]: () => credentials.get(),
      [CHANNELS.credentialsSet]: (token) => credentials.set(token),
      [CHANNELS.credentialsClear]: () => credentials.clear(),
      [CHANNELS.dialogSaveBackup]: () => dialogs.saveBackup(),
      [CHANNELS.dialogOpenBackup]: () => dialogs.openBackup(),
      [CHANNELS.dialogSaveExport]: (defaultName) => dialogs.saveExport(defaultName),
      [CHANNELS.dialogSaveFile]: (defaultName) => dialogs.saveFile(defaultName),
      [CHANNELS.appInfo]: async (): Promise<AppInfo> => ({
        version: app.getVersion(),
        platform: opts.platform,
        credentialsProtected: await credentials.isProtected(),
        serverOrigin,
      }),
    },
  });

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // One window, no background work without it: closing it quits, on macOS too.
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Let the backend close its database before the process goes.
    event.preventDefault();
    void backend.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
  return { window, serverOrigin };
}
