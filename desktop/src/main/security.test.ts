import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/bridge.ts';
import { registerIpc, UntrustedSenderError, type IpcMainLike, type InvokeHandlers } from './ipc.ts';
import {
  hardenSession,
  hardenWebContents,
  isSafeExternalUrl,
  isTrustedSender,
  navigationAllowed,
  openExternalSafely,
  webPreferences,
  windowOptions,
  type IpcSenderLike,
  type SessionLike,
  type WebContentsLike,
} from './security.ts';

/** A stand-in `WebContents` that records the handlers the app installs. */
function fakeContents() {
  const listeners = new Map<string, ((event: { url: string; preventDefault(): void }) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void (openHandler = h),
    on(event: string, l: (event: { url: string; preventDefault(): void }) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return contents;
    },
  };
  /** Emits `event` for `url`; returns whether a listener prevented it. */
  const emit = (event: string, url = '') => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ url, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as WebContentsLike, emit, open: (url: string) => openHandler!({ url }), events: () => [...listeners.keys()] };
}

const fakeShell = () => {
  const opened: string[] = [];
  return { opened, shell: { openExternal: async (url: string) => void opened.push(url) } };
};

describe('window preferences (security checklist)', () => {
  it('isolates, sandboxes and keeps Node and experimental features out of the renderer', () => {
    const prefs = webPreferences({ preload: '/app/dist/preload.cjs', isPackaged: true });
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('devtools only in development builds; the window shows when ready', () => {
    expect(webPreferences({ preload: 'p', isPackaged: false }).devTools).toBe(true);
    const opts = windowOptions({ preload: 'p', isPackaged: true, title: 'Mekendesh' });
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toEqual(webPreferences({ preload: 'p', isPackaged: true }));
  });
});

describe('new windows, navigation, external links', () => {
  it('denies every new window; only https links go to the system browser', async () => {
    const { contents, open } = fakeContents();
    const { shell, opened } = fakeShell();
    hardenWebContents(contents, shell);
    for (const url of ['https://kg.example/news', 'http://kg.example/', 'file:///etc/passwd', 'app://mekendesh/index.html', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@evil.example/']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://kg.example/news']);
  });

  it('blocks navigation and redirects out of the app, in every frame; opens a followed https link outside', async () => {
    const { contents, emit, events } = fakeContents();
    const { shell, opened } = fakeShell();
    hardenWebContents(contents, shell);
    expect(events()).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(emit(event, 'app://mekendesh/roster'), event).toBe(false);
      for (const url of ['file:///etc/passwd', 'http://127.0.0.1:8787/', 'https://kg.example/', 'app://other/index.html', 'app://mekendesh:99/', 'data:text/html,x', 'about:blank']) {
        expect(emit(event, url), `${event} ${url}`).toBe(true);
      }
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://kg.example/']); // from will-navigate only
    expect(emit('will-attach-webview')).toBe(true);
  });

  it('navigationAllowed and isSafeExternalUrl', () => {
    expect(navigationAllowed('app://mekendesh/')).toBe(true);
    expect(navigationAllowed('app://mekendesh.evil/')).toBe(false);
    expect(navigationAllowed('file:///app/dist/renderer/index.html')).toBe(false);
    expect(isSafeExternalUrl('https://mekendesh.kg/')).toBe(true);
    for (const bad of ['http://mekendesh.kg/', 'ftp://x/', 'mailto:a@b.kg', 'file:///c:/windows/system32/calc.exe', 'https://a:b@x.kg/', 'not a url', 42, null, `https://x.kg/${'a'.repeat(2100)}`]) {
      expect(isSafeExternalUrl(bad), String(bad).slice(0, 40)).toBe(false);
    }
  });

  it('openExternal is called only for https', async () => {
    const { shell, opened } = fakeShell();
    expect(await openExternalSafely(shell, 'https://mekendesh.kg/help')).toBe(true);
    expect(await openExternalSafely(shell, 'file:///bin/sh')).toBe(false);
    expect(await openExternalSafely(shell, { toString: () => 'https://x.kg' })).toBe(false);
    expect(opened).toEqual(['https://mekendesh.kg/help']);
  });
});

describe('permissions', () => {
  it('every permission request and check is denied', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    hardenSession(session as unknown as SessionLike);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (g: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string, origin: string) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (d: unknown) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb']) {
      const cb = vi.fn();
      request(null, permission, cb);
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(check(null, permission, 'app://mekendesh'), permission).toBe(false);
    }
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('IPC sender validation', () => {
  const OURS = 7;
  const ours = (id: number) => id === OURS;
  const event = (url: string, opts: { id?: number; parent?: unknown; frame?: boolean } = {}): IpcSenderLike => ({
    sender: { id: opts.id ?? OURS },
    senderFrame: opts.frame === false ? null : { url, parent: opts.parent ?? null },
  });

  it('trusts only the top frame of our window on the app origin', () => {
    expect(isTrustedSender(event('app://mekendesh/index.html'), ours)).toBe(true);
    expect(isTrustedSender(event('app://mekendesh/roster?x=1'), ours)).toBe(true);
    expect(isTrustedSender(event('app://mekendesh/index.html', { id: 8 }), ours)).toBe(false); // another web contents
    expect(isTrustedSender(event('app://mekendesh/index.html', { parent: {} }), ours)).toBe(false); // a subframe
    expect(isTrustedSender(event('app://mekendesh/index.html', { frame: false }), ours)).toBe(false); // frame gone
    for (const url of ['https://evil.example/', 'file:///app/dist/renderer/index.html', 'http://127.0.0.1:8787/', 'app://evil/', 'about:blank', '']) {
      expect(isTrustedSender(event(url), ours), url).toBe(false);
    }
  });

  it('registerIpc checks the sender before every handler and before brokering a backend port', async () => {
    const handles = new Map<string, (event: IpcSenderLike, ...args: unknown[]) => unknown>();
    const ons = new Map<string, (event: IpcSenderLike, ...args: unknown[]) => void>();
    const ipcMain: IpcMainLike = {
      handle: (c, l) => void handles.set(c, l),
      removeHandler: (c) => void handles.delete(c),
      on: (c, l) => ons.set(c, l),
      removeListener: (c) => ons.delete(c),
    };
    const calls: string[] = [];
    const handlers: InvokeHandlers = {
      [CHANNELS.openExternal]: async (url) => (calls.push(`open ${String(url)}`), true),
      [CHANNELS.credentialsGet]: async () => (calls.push('get'), 'token'),
      [CHANNELS.credentialsSet]: async () => (calls.push('set'), { persisted: true }),
      [CHANNELS.credentialsClear]: async () => void calls.push('clear'),
      [CHANNELS.dialogSaveBackup]: async () => (calls.push('save dialog'), '/tmp/b.db'),
      [CHANNELS.dialogOpenBackup]: async () => (calls.push('open dialog'), null),
      [CHANNELS.dialogSaveExport]: async () => (calls.push('export dialog'), '/tmp/r.csv'),
      [CHANNELS.dialogSaveFile]: async () => (calls.push('file dialog'), '/tmp/f.pdf'),
      [CHANNELS.appInfo]: async () => (calls.push('info'), { version: '1', platform: 'linux', credentialsProtected: true, serverOrigin: 'https://x.kg' }),
    };
    const connects: IpcSenderLike[] = [];
    const unregister = registerIpc(ipcMain, { isTrusted: (e) => isTrustedSender(e, ours), handlers, onBackendConnect: (e) => connects.push(e) });
    expect([...handles.keys()].sort()).toEqual(Object.keys(handlers).sort());

    const evil = event('https://evil.example/');
    for (const [channel, handler] of handles) {
      expect(() => handler(evil, 'https://x.kg'), channel).toThrow(UntrustedSenderError);
    }
    ons.get(CHANNELS.backendConnect)!(evil);
    expect(calls).toEqual([]);
    expect(connects).toEqual([]);

    const good = event('app://mekendesh/index.html');
    expect(await handles.get(CHANNELS.credentialsGet)!(good)).toBe('token');
    expect(await handles.get(CHANNELS.openExternal)!(good, 'https://x.kg')).toBe(true);
    ons.get(CHANNELS.backendConnect)!(good);
    expect(calls).toEqual(['get', 'open https://x.kg']);
    expect(connects).toEqual([good]);

    unregister();
    expect(handles.size).toBe(0);
    expect(ons.size).toBe(0);
  });
});
