/**
 * The Electron security checklist, as functions over the few Electron objects they touch
 * (structural types, so tests drive them with stand-ins): window preferences, new windows,
 * navigation, external links, permissions, and the sender check for every IPC message.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAppUrl } from './protocol.ts';

/** The renderer's preferences: isolated, sandboxed, no Node, web security on, no devtools when packaged. */
export function webPreferences(opts: { preload: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: opts.preload,
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
    safeDialogs: true,
    devTools: !opts.isPackaged,
  };
}

export function windowOptions(opts: { preload: string; isPackaged: boolean; title: string; icon?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: opts.title,
    // Shown on `ready-to-show`, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: webPreferences(opts),
  };
}

/** Links the app may hand to the system browser: `https:` only, no user:password@ tricks. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser if it is a safe `https:` link; resolves whether it did. */
export async function openExternalSafely(shell: ShellLike, url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

/** Where a frame of ours may navigate: only inside the app (`app://mekendesh/…`). */
export const navigationAllowed = (url: string): boolean => isAppUrl(url);

interface PreventableEvent {
  preventDefault(): void;
}
/** The part of `WebContents` hardened here. */
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * Applied to every web contents the app creates (`app.on('web-contents-created')`): no new
 * windows (an `https:` link opens in the system browser instead), no navigation or redirect
 * out of the app in any frame, no `<webview>`.
 */
export function hardenWebContents(contents: WebContentsLike, shell: ShellLike): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url).catch(() => false);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (navigationAllowed(event.url)) return;
    event.preventDefault();
    // A plain link to a web page: show it in the browser rather than doing nothing.
    void openExternalSafely(shell, event.url).catch(() => false);
  });
  const stayInApp = (event: PreventableEvent & { url: string }) => {
    if (!navigationAllowed(event.url)) event.preventDefault();
  };
  // `will-navigate` sees only the top frame; `will-frame-navigate` sees subframes too.
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of `Session` hardened here. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/**
 * Every permission (camera, notifications, geolocation, clipboard read, HID, serial, USB…) is
 * refused, asked or merely checked. A feature that needs one adds it here, for the app origin
 * only.
 */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The part of an IPC event checked: who sent it. */
export interface IpcSenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True when an IPC message comes from our window's top frame showing our own files. Checked
 * before every handler: a frame that somehow navigated elsewhere, a subframe, or another web
 * contents gets nothing.
 */
export function isTrustedSender(event: IpcSenderLike, isOurWebContents: (id: number) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed meanwhile
  if (frame.parent !== null) return false;
  if (!isOurWebContents(event.sender.id)) return false;
  return isAppUrl(frame.url);
}
