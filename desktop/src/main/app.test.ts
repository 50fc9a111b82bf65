/**
 * The main process wiring (`startMain`) against a stand-in of the `electron` module: the
 * Electron binary cannot run here, and these are the calls that make the checklist hold.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/bridge.ts';
import { startMain, type ElectronMain } from './app.ts';
import { APP_ENTRY } from './protocol.ts';
import { webPreferences } from './security.ts';

function fakeElectron(opts: { singleInstance?: boolean } = {}) {
  const log: string[] = [];
  const appEvents = new EventEmitter();
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const app = {
    isPackaged: true,
    enableSandbox: () => void log.push('enableSandbox'),
    requestSingleInstanceLock: () => opts.singleInstance ?? true,
    quit: vi.fn(() => void log.push('quit')),
    exit: vi.fn(),
    on: (event: string, l: (...a: unknown[]) => void) => (appEvents.on(event, l), app),
    whenReady: () => (log.push('whenReady'), whenReady),
    getPath: (name: string) => (name === 'userData' ? userData : '/nowhere'),
    getVersion: () => '0.1.0',
    getName: () => 'Mekendesh',
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => void log.push('registerSchemesAsPrivileged')),
    handle: vi.fn(),
  };
  const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } };
  const windows: { options: Record<string, unknown>; loaded: string[]; webContents: { id: number; send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean; postMessage: ReturnType<typeof vi.fn> } }[] = [];
  class BrowserWindow {
    loaded: string[] = [];
    webContents = { id: 41, send: vi.fn(), isDestroyed: () => false, postMessage: vi.fn() };
    private events = new EventEmitter();
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    once(event: string, l: () => void) {
      this.events.once(event, l);
      return this;
    }
    show = vi.fn();
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }
  const handles = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ons = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipcMain = {
    handle: (c: string, l: (event: unknown, ...args: unknown[]) => unknown) => void handles.set(c, l),
    removeHandler: (c: string) => void handles.delete(c),
    on: (c: string, l: (event: unknown, ...args: unknown[]) => void) => (ons.set(c, l), ipcMain),
    removeListener: (c: string) => (ons.delete(c), ipcMain),
  };
  const children: { args: string[]; posted: unknown[]; events: EventEmitter }[] = [];
  const utilityProcess = {
    fork(_path: string, args: string[]) {
      const child = {
        args,
        posted: [] as unknown[],
        events: new EventEmitter(),
        postMessage: (m: unknown, t?: unknown[]) => void child.posted.push(t ? { m, t } : { m }),
        on: (e: string, l: (...a: unknown[]) => void) => (child.events.on(e, l), child),
        kill: () => true,
      };
      children.push(child);
      return child;
    },
  };
  class MessageChannelMain {
    port1 = 'port1';
    port2 = 'port2';
  }
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => Buffer.from(s).reverse(),
    decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => 'basic_text',
  };
  const shell = { openExternal: vi.fn(async () => {}) };
  const dialog = {
    showSaveDialog: vi.fn(async (_w: unknown, _o: { defaultPath: string }) => ({ canceled: false, filePath: '/home/leader/backup.db' })),
    showOpenDialog: vi.fn(async (_w: unknown, _o: unknown) => ({ canceled: true, filePaths: [] as string[] })),
  };
  const electron = { app, protocol, session, BrowserWindow, dialog, ipcMain, utilityProcess, MessageChannelMain, safeStorage, shell } as unknown as ElectronMain;
  return { electron, log, ready, appEvents, app, protocol, session, windows, handles, ons, children, shell, dialog };
}

let userData: string;
let distDir: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'mekendesh-main-'));
  distDir = join(userData, 'dist');
  mkdirSync(join(distDir, 'renderer'), { recursive: true });
  writeFileSync(join(distDir, 'renderer', 'index.html'), '<!doctype html>');
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const options = (platform: NodeJS.Platform = 'linux') => ({ distDir, serverUrl: 'https://sync.mekendesh.example/', platform });

async function started(platform: NodeJS.Platform = 'linux') {
  const f = fakeElectron();
  const running = startMain(f.electron, options(platform));
  await Promise.resolve();
  f.ready();
  const result = await running;
  return { f, result };
}

describe('startMain', () => {
  it('sandboxes every renderer and registers the app scheme before the app is ready', async () => {
    const f = fakeElectron();
    const running = startMain(f.electron, options());
    expect(f.log.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'whenReady']);
    expect(f.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    f.ready();
    await running;
  });

  it('opens one hardened window on app://mekendesh with the bundled preload', async () => {
    const { f, result } = await started();
    expect(result?.serverOrigin).toBe('https://sync.mekendesh.example');
    expect(f.windows).toHaveLength(1);
    const win = f.windows[0]!;
    expect(win.options.webPreferences).toEqual(webPreferences({ preload: join(distDir, 'preload.cjs'), isPackaged: true }));
    expect(win.loaded).toEqual([APP_ENTRY]);
  });

  it('serves the renderer folder with the CSP naming the configured server', async () => {
    const { f } = await started();
    expect(f.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = f.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('app://mekendesh/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' https://sync.mekendesh.example;");
  });

  it('hardens the session and every web contents created later', async () => {
    const { f } = await started();
    const deny = f.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (w: unknown, p: string, cb: (g: boolean) => void) => void;
    const cb = vi.fn();
    deny(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    f.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it('answers IPC only from its window’s top frame on the app origin; brokers a backend port on request', async () => {
    const { f } = await started('linux');
    expect([...f.handles.keys()].sort()).toEqual(
      [CHANNELS.appInfo, CHANNELS.credentialsClear, CHANNELS.credentialsGet, CHANNELS.credentialsSet, CHANNELS.openExternal, CHANNELS.dialogSaveBackup, CHANNELS.dialogOpenBackup, CHANNELS.dialogSaveExport, CHANNELS.dialogSaveFile].sort(),
    );
    const frame = { url: 'app://mekendesh/index.html', parent: null, postMessage: vi.fn() };
    const trusted = { sender: { id: 41 }, senderFrame: frame };
    const fromElsewhere = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/', parent: null, postMessage: vi.fn() } };

    // Linux with basic_text: the token is not protected and the UI is told so.
    expect(await f.handles.get(CHANNELS.appInfo)!(trusted)).toEqual({
      version: '0.1.0',
      platform: 'linux',
      credentialsProtected: false,
      serverOrigin: 'https://sync.mekendesh.example',
    });
    expect(() => f.handles.get(CHANNELS.credentialsGet)!(fromElsewhere)).toThrow(/not the app's window/);
    expect(await f.handles.get(CHANNELS.openExternal)!(trusted, 'file:///etc/passwd')).toBe(false);
    expect(f.shell.openExternal).not.toHaveBeenCalled();

    f.ons.get(CHANNELS.backendConnect)!(fromElsewhere);
    expect(f.children[0]!.posted).toEqual([]);
    f.ons.get(CHANNELS.backendConnect)!(trusted);
    expect(f.children[0]!.posted).toEqual([{ m: { type: 'connect' }, t: ['port1'] }]);
    expect(frame.postMessage).toHaveBeenCalledWith(CHANNELS.backendPort, null, ['port2']);
    expect(f.children[0]!.args.slice(0, 2)).toEqual([`--data-dir=${join(userData, 'data')}`, '--app-version=0.1.0']);
    expect(f.children[0]!.args[2]).toMatch(/^--server-url=https?:\/\//);
  });

  it('shows the backup dialogs on its window for the trusted page only, returning the chosen path or null', async () => {
    const { f } = await started();
    const trusted = { sender: { id: 41 }, senderFrame: { url: 'app://mekendesh/', parent: null } };
    const fromElsewhere = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(() => f.handles.get(CHANNELS.dialogSaveBackup)!(fromElsewhere)).toThrow(/not the app's window/);
    expect(f.dialog.showSaveDialog).not.toHaveBeenCalled();
    // The page's arguments are ignored: it cannot suggest a path.
    expect(await f.handles.get(CHANNELS.dialogSaveBackup)!(trusted, '/etc/passwd')).toBe('/home/leader/backup.db');
    const [win, options] = f.dialog.showSaveDialog.mock.calls[0]!;
    expect(win).toBe(f.windows[0]);
    expect(options.defaultPath).toMatch(/mekendesh-backup-\d{4}-\d{2}-\d{2}\.db$/);
    expect(await f.handles.get(CHANNELS.dialogOpenBackup)!(trusted)).toBeNull();
    expect(f.dialog.showOpenDialog.mock.calls[0]![0]).toBe(f.windows[0]);
  });

  it('shows the export save dialog for the trusted page only; the page suggests a file name, never a folder', async () => {
    const { f } = await started();
    const trusted = { sender: { id: 41 }, senderFrame: { url: 'app://mekendesh/', parent: null } };
    const fromElsewhere = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(() => f.handles.get(CHANNELS.dialogSaveExport)!(fromElsewhere, 'x.csv')).toThrow(/not the app's window/);
    expect(f.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await f.handles.get(CHANNELS.dialogSaveExport)!(trusted, 'Kyrgyz Istanbul 2026-11-22.xlsx')).toBe('/home/leader/backup.db');
    const [win, options] = f.dialog.showSaveDialog.mock.calls[0]! as unknown as [unknown, { defaultPath: string; filters: { extensions: string[] }[] }];
    expect(win).toBe(f.windows[0]);
    expect(options.defaultPath).toBe(join('/nowhere', 'Kyrgyz Istanbul 2026-11-22.xlsx'));
    expect(options.filters[0]!.extensions).toEqual(['xlsx']);
    // A path or another extension is reduced to a name in the documents folder, saved as CSV.
    await f.handles.get(CHANNELS.dialogSaveExport)!(trusted, '../../etc/passwd');
    expect((f.dialog.showSaveDialog.mock.calls[1]![1] as { defaultPath: string }).defaultPath).toBe(join('/nowhere', 'passwd.csv'));
  });

  it('shows the document save dialog for the trusted page only, with a name the page suggests and a type the backend writes', async () => {
    const { f } = await started();
    const trusted = { sender: { id: 41 }, senderFrame: { url: 'app://mekendesh/', parent: null } };
    const fromElsewhere = { sender: { id: 41 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(() => f.handles.get(CHANNELS.dialogSaveFile)!(fromElsewhere, 'x.pdf')).toThrow(/not the app's window/);
    expect(f.dialog.showSaveDialog).not.toHaveBeenCalled();
    await f.handles.get(CHANNELS.dialogSaveFile)!(trusted, 'Кат — сунуш.PNG');
    const options = (i: number) => f.dialog.showSaveDialog.mock.calls[i]![1] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(options(0).defaultPath).toBe(join('/nowhere', 'Кат — сунуш.png'));
    expect(options(0).filters[0]!.extensions).toEqual(['png']);
    // A path, or a type the backend does not write, becomes a PDF name in the documents folder.
    await f.handles.get(CHANNELS.dialogSaveFile)!(trusted, '../../home/user/.bashrc');
    expect(options(1).defaultPath).toBe(join('/nowhere', '.bashrc.pdf'));
    await f.handles.get(CHANNELS.dialogSaveFile)!(trusted, 'photo.jpeg');
    expect(options(2)).toMatchObject({ defaultPath: join('/nowhere', 'photo.jpeg'), filters: [{ extensions: ['jpg', 'jpeg'] }] });
    await f.handles.get(CHANNELS.dialogSaveFile)!(trusted, 42);
    expect(options(3).defaultPath).toBe(join('/nowhere', 'document.pdf'));
  });

  it('stores the token encrypted where the OS protects it (macOS)', async () => {
    const { f } = await started('darwin');
    const trusted = { sender: { id: 41 }, senderFrame: { url: 'app://mekendesh/', parent: null } };
    expect(await f.handles.get(CHANNELS.credentialsSet)!(trusted, 'secret-token')).toEqual({ persisted: true });
    expect(((await f.handles.get(CHANNELS.appInfo)!(trusted)) as { credentialsProtected: boolean }).credentialsProtected).toBe(true);
  });

  it('lets the backend close its database before quitting', async () => {
    const { f } = await started();
    const event = { preventDefault: vi.fn() };
    f.appEvents.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(f.children[0]!.posted).toEqual([{ m: { type: 'shutdown' } }]);
    f.children[0]!.events.emit('exit', 0);
    await vi.waitFor(() => expect(f.app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    f.appEvents.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a second instance quits at once; a server that is not https is refused', async () => {
    const second = fakeElectron({ singleInstance: false });
    expect(await startMain(second.electron, options())).toBeNull();
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.windows).toHaveLength(0);

    const insecure = fakeElectron();
    await expect(startMain(insecure.electron, { ...options(), serverUrl: 'http://sync.mekendesh.example' })).rejects.toThrow(/https/);
    expect(insecure.windows).toHaveLength(0);
  });
});
