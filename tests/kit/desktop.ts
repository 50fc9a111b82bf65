/**
 * The desktop renderer in headless Chromium with `window.mekendesh` backed by the real backend
 * (`createBackend` on a temp data folder, syncing with the real server on loopback) over a test
 * transport: calls go page → `exposeFunction` → the backend's handlers in this process, events
 * come back with `page.evaluate`. Refusals reach the page as the same `BridgeError` shape the
 * preload produces. The built renderer is served from `desktop/dist`-style output on 127.0.0.1,
 * with its CSP meta in force.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EMPTY_ROSTER_FIELDS, type RosterFields } from '@mekendesh/core';
import { Records } from '@mekendesh/store';
import { buildDesktop } from '../../desktop/build.ts';
import { createBackend, type Backend, type BackendEvent } from '../../desktop/src/backend/backend.ts';
import { accountFile, openAccountDb } from '../../desktop/src/backend/leader.ts';
import type { AppInfo } from '../../desktop/src/shared/bridge.ts';
import { launchChromium, serveStatic, type StaticServer } from './chromium.ts';
import { eventually } from './server.ts';

/** Builds the desktop app (main, preload, backend, renderer) into a temp folder; `remove` deletes it. */
export async function buildRenderer(): Promise<{ dir: string; remove(): void }> {
  const out = await buildDesktop({ outDir: mkdtempSync(join(tmpdir(), 'mekendesh-desktop-build-')) });
  return { dir: join(out, 'renderer'), remove: () => rmSync(out, { recursive: true, force: true }) };
}

/** Sync settings for tests: quick pushes, pulls and retries. */
export const TEST_SYNC = { pullIntervalMs: 400, pushDelayMs: 5, backoff: { initialMs: 50, maxMs: 300 } };

/**
 * Installed before any page script: `window.mekendesh` over the exposed functions. Plain
 * JavaScript in a string, so no transpiler helper (tsx's `__name`) leaks into the page.
 */
const INIT = `(() => {
  const listeners = new Set();
  window.__mkEmit = (event) => { for (const l of listeners) l(event); };
  const call = async (method, ...args) => {
    const r = await window.__mkCall(method, args.length ? args[0] : undefined);
    if (r.ok) return r.value;
    throw { name: 'RpcError', message: r.error.message, code: r.error.code, detail: r.error.detail };
  };
  const host = (op, arg) => window.__mkHost(op, arg);
  Object.defineProperty(window, 'mekendesh', {
    value: Object.freeze({
      backend: {
        call,
        onEvent(listener) {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        },
      },
      openExternal: async () => false,
      credentials: {
        get: () => host('credentials.get'),
        set: (token) => host('credentials.set', token),
        clear: () => host('credentials.clear'),
      },
      appInfo: () => host('appInfo'),
      dialogs: {
        saveBackup: () => host('dialogs.saveBackup'),
        openBackup: () => host('dialogs.openBackup'),
        saveExport: (name) => host('dialogs.saveExport', name),
        saveFile: (name) => host('dialogs.saveFile', name),
      },
    }),
  });
})();`;

export interface DesktopHarness {
  backend: Backend;
  page: Page;
  context: BrowserContext;
  /** What the credential store holds (as main would keep it). */
  credentials: { token: string | null; protected: boolean };
  /** The path the next save or open dialog "chooses" (null: cancelled). */
  dialogs: { save: string | null; open: string | null; exportNames: string[]; fileNames: string[] };
  /** Cuts the backend off the network (its fetches fail) while the server keeps running for others. */
  network: { offline: boolean };
  /** Every event pushed to the page. */
  events: BackendEvent[];
  /** A new page on the same backend and credentials (a restart of the window). */
  reopen(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the harness: the backend on `dataDir` syncing with `serverUrl`, a browser page on the
 * served renderer with the test bridge. `credentialsProtected: false` plays a Linux machine
 * without a keyring.
 */
export async function startDesktop(opts: {
  rendererDir: string;
  serverUrl: string;
  dataDir: string;
  browser?: Browser;
  credentialsProtected?: boolean;
  locale?: string;
  viewport?: { width: number; height: number };
}): Promise<DesktopHarness> {
  const events: BackendEvent[] = [];
  let page: Page | null = null;
  const network = { offline: false };
  const backend = createBackend({
    dataDir: opts.dataDir,
    serverUrl: opts.serverUrl,
    sync: TEST_SYNC,
    fetch: (input, init) => (network.offline ? Promise.reject(new TypeError('fetch failed (offline)')) : fetch(input, init)),
    emit: (event) => {
      events.push(event);
      if (page && !page.isClosed()) void page.evaluate((e) => (window as unknown as { __mkEmit?(e: unknown): void }).__mkEmit?.(e), event).catch(() => {});
    },
  });
  const ownBrowser = opts.browser ? null : await launchChromium();
  const browser = opts.browser ?? ownBrowser!;
  const site: StaticServer = await serveStatic(opts.rendererDir);
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, ...(opts.locale ? { locale: opts.locale } : {}) });
  const credentials = { token: null as string | null, protected: opts.credentialsProtected ?? true };
  const dialogs = { save: null as string | null, open: null as string | null, exportNames: [] as string[], fileNames: [] as string[] };
  const info: AppInfo = { version: '0.0.0-test', platform: 'linux', credentialsProtected: credentials.protected, serverOrigin: opts.serverUrl };

  await context.exposeFunction('__mkCall', async (method: string, arg: unknown) => {
    const handler = (backend.handlers as unknown as Record<string, (a?: unknown) => unknown>)[method];
    try {
      if (!handler) throw Object.assign(new Error(`unknown method ${method}`), { code: 'unknown_method' });
      const value = await (arg === undefined ? handler() : handler(arg));
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      const e = err as { message?: string; code?: string; detail?: unknown };
      return { ok: false, error: { message: String(e.message ?? err), code: e.code ?? null, detail: e.detail ?? null } };
    }
  });
  await context.exposeFunction('__mkHost', async (op: string, arg?: unknown) => {
    switch (op) {
      case 'credentials.get':
        return credentials.token;
      case 'credentials.set':
        credentials.token = String(arg);
        return { persisted: credentials.protected };
      case 'credentials.clear':
        credentials.token = null;
        return null;
      case 'appInfo':
        return info;
      case 'dialogs.saveBackup':
        return dialogs.save;
      case 'dialogs.openBackup':
        return dialogs.open;
      case 'dialogs.saveExport':
        dialogs.exportNames.push(String(arg));
        return dialogs.save;
      case 'dialogs.saveFile':
        dialogs.fileNames.push(String(arg));
        return dialogs.save;
      default:
        throw new Error(`unknown host op ${op}`);
    }
  });
  await context.addInitScript({ content: INIT });

  const errors: string[] = [];
  const open = async () => {
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => {
      // A CSP violation is a bug in the renderer.
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    await p.goto(site.url);
    page = p;
    return p;
  };
  await open();

  return {
    backend,
    get page() {
      return page!;
    },
    context,
    credentials,
    dialogs,
    network,
    events,
    async reopen() {
      await page?.close();
      return open();
    },
    async close() {
      page = null;
      await context.close().catch(() => {});
      await ownBrowser?.close().catch(() => {});
      await site.close();
      await backend.close();
      if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
    },
  };
}

/** Test people: Kyrgyz names, cities of the diaspora, tags, groups and renewal dates around today. */
export function samplePerson(i: number): Partial<RosterFields> {
  const first = ['Асель', 'Бакыт', 'Үмүт', 'Нурлан', 'Айгүл', 'Эрлан', 'Жылдыз', 'Темир', 'Гүлнара', 'Азамат', 'Чолпон', 'Бекзат', 'Айпери', 'Мирлан', 'Назира', 'Талант'];
  const last = ['Бекова', 'Асанов', 'Осмонова', 'Токтогулов', 'Сыдыкова', 'Жумабаев', 'Абдыкадырова', 'Мамытов', 'Исакова', 'Кадыров', 'Турдубаева', 'Эсенгулов'];
  const cities = ['Стамбул', 'Анкара', 'Москва', 'Сеул', 'Бишкек', 'Анталья'];
  const tags = [['жаштар'], [], ['волонтёр'], [], ['ишкер', 'спорт'], []];
  const groups = [['Кеңеш'], [], [], ['Аялдар кеңеши'], [], [], ['Студенттер']];
  const month = (i * 7) % 24;
  return {
    nameCyrillic: `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}`,
    phone: `+90532${String(1_000_000 + ((i * 7919) % 9_000_000)).padStart(7, '0')}`,
    email: (i * 11) % 4 === 0 ? null : `member${i}@example.kg`,
    city: cities[(i * 5 + Math.floor(i / 7)) % cities.length]!,
    tags: tags[(i * 3 + Math.floor(i / 5)) % tags.length]!,
    groups: groups[(i + Math.floor(i / 3)) % groups.length]!,
    joinedOn: `20${20 + (i % 6)}-0${1 + (i % 9)}-1${i % 10}`,
    renewalDate: `${2026 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15`,
  };
}

/**
 * Puts `count` roster entries straight into an account's database (one transaction, no
 * outbox): the fast path to a big roster on this device only. The backend's session for that
 * account must be closed meanwhile (`handlers.close()`); opening it again loads them.
 */
export function seedRosterDirect(dataDir: string, accountId: string, associationId: string, count: number, make: (i: number) => Partial<RosterFields> = samplePerson): void {
  const { db } = openAccountDb(accountFile(dataDir, accountId));
  try {
    const records = new Records(db);
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        records.put('roster', {
          ...EMPTY_ROSTER_FIELDS,
          ...make(i),
          id: randomUUID(),
          associationId,
          accountId: null,
          importBatchId: null,
          createdAt: now,
          updatedAt: now,
        });
      }
    });
  } finally {
    db.close();
  }
}

/** Signs the backend in directly and founds an association, synced; returns its id (the backend's session is left open). */
export async function leaderWithAssociation(backend: Backend, user: { email: string; password: string }, name: string): Promise<{ accountId: string; associationId: string }> {
  const h = backend.handlers;
  const { account, token } = await h.signIn({ email: user.email, password: user.password });
  await h.open({ accountId: account.id, token });
  const idle = () => eventually(() => {
    const s = h.syncStatus();
    return s.state === 'idle' && s.pending === 0;
  });
  await idle();
  const { id } = h.createAssociation({ name, country: 'TR', city: 'Стамбул' });
  await idle();
  return { accountId: account.id, associationId: id };
}
