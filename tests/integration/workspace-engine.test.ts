/**
 * Workspaces through the client engine as both apps host it (here on better-sqlite3 files, as
 * the desktop backend does; the PWA's worker runs the same code on sqlite-wasm): a screen's
 * replica edits through the engine, offline edits survive closing and reopening the account,
 * and merge with someone else's when the server is back; history; viewers refused locally.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEngineHandlers, type EngineEvent } from '@mekendesh/engine';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, betterSqlite3Driver, migrate } from '@mekendesh/store';
import { httpTransport, httpWorkspaceApi, notesText } from '@mekendesh/sync';
import { freePort } from '../kit/process-server.ts';
import { eventually, signUp, startTestServer, tempDir, type TestUser } from '../kit/server.ts';
import { authedSocket, createProject, openProvider, waitFor } from '../kit/workspace.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('workspaces in the client engine (real server, SQLite files)', () => {
  let port: number;
  let server: Server;
  let dataDir: string;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  const files = tempDir('mekendesh-ws-engine-');
  const P = 'proj-engine-ws-1';

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ port });
    dataDir = server.dataDir;
    owner = await signUp(server.url, 'Owner');
    editor = await signUp(server.url, 'Editor');
    viewer = await signUp(server.url, 'Viewer');
    await createProject(server, owner, P, [
      { user: editor, role: 'editor' },
      { user: viewer, role: 'viewer' },
    ]);
  });
  afterAll(async () => {
    await server.stop();
    files.remove();
  });

  function engineFor(user: TestUser, file: string, p = port) {
    const events: EngineEvent[] = [];
    const base = `http://127.0.0.1:${p}`;
    const handlers = createEngineHandlers({
      async openDb() {
        const raw = new Database(join(files.dir, file));
        raw.pragma('journal_mode = WAL');
        const db = betterSqlite3Driver(raw);
        migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
        return db;
      },
      hasDb: async () => true,
      removeDb: async () => {},
      transport: httpTransport({ baseUrl: base, token: () => user.token }),
      emit: (e) => events.push(e),
      sync: { pullIntervalMs: 200, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 200 } },
      workspaces: {
        url: `ws://127.0.0.1:${p}/api/workspaces`,
        WebSocket: authedSocket(user.token),
        api: httpWorkspaceApi({ baseUrl: base, token: () => user.token }),
        maxBackoffMs: 200,
        idleCloseMs: 50,
      },
    });
    return { handlers, events };
  }

  /** A screen's replica of the workspace: applies the engine's events, sends its own edits. */
  async function screen(e: ReturnType<typeof engineFor>) {
    const opened = await e.handlers['workspace.open']({ projectId: P });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, opened.state, 'engine');
    const seen = e.events.length;
    let read = seen;
    const pump = setInterval(() => {
      for (; read < e.events.length; read++) {
        const ev = e.events[read]!;
        if (ev.type === 'workspace' && ev.projectId === P && ev.update) Y.applyUpdate(doc, ev.update, 'engine');
      }
    }, 5);
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'engine') void e.handlers['workspace.update']({ projectId: P, update: u });
    });
    const status = () =>
      e.events.filter((x): x is Extract<EngineEvent, { type: 'workspace' }> => x.type === 'workspace' && !!x.status).at(-1)?.status ?? opened.status;
    /** Whether the replica has applied every event so far (the pump runs every 5 ms). */
    const caughtUp = () => read === e.events.length;
    return { doc, role: opened.role, status, caughtUp, stop: () => clearInterval(pump) };
  }

  const para = (doc: Y.Doc, text: string) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment('notes').push([p]);
  };

  it('edits sync through the engine; offline edits survive a restart and merge when the server is back', async () => {
    const a = engineFor(editor, 'editor.db');
    await a.handlers.open({ accountId: editor.account.id });
    await eventually(async () => (await a.handlers['projects.list']()).some((p) => p.id === P));
    const detail = await a.handlers['projects.get']({ id: P });
    expect(detail?.role).toBe('editor');
    expect(detail?.members.map((m) => m.role).sort()).toEqual(['editor', 'owner', 'viewer']);

    const s1 = await screen(a);
    expect(s1.role).toBe('editor');
    const other = openProvider({ url: `http://127.0.0.1:${port}` }, owner, P);
    await waitFor(() => other.provider.synced, 5000, 'owner synced');
    para(s1.doc, 'Биринчи кадам');
    await waitFor(() => notesText(other.doc).includes('Биринчи кадам'), 5000, 'owner sees the edit');
    await eventually(() => s1.status().connection === 'synced');

    // The server goes away; both sides keep editing.
    await server.close();
    await eventually(() => s1.status().connection === 'offline');
    para(s1.doc, 'Оффлайн түзөтүү');
    para(other.doc, 'Ээсинин түзөтүүсү');
    await new Promise((r) => setTimeout(r, 50));
    s1.stop();
    // Closing the account (sign-out, app quit) and opening it again, still offline.
    await a.handlers.close();
    const b = engineFor(editor, 'editor.db');
    await b.handlers.open({ accountId: editor.account.id });
    const s2 = await screen(b);
    expect(notesText(s2.doc)).toContain('Оффлайн түзөтүү');

    // Back online: everything merges, on both sides and on the server.
    server = await startTestServer({ port, dataDir });
    await waitFor(
      () => ['Биринчи кадам', 'Оффлайн түзөтүү', 'Ээсинин түзөтүүсү'].every((t) => notesText(s2.doc).includes(t) && notesText(other.doc).includes(t)),
      15_000,
      'merged',
    );
    expect(notesText(s2.doc)).toBe(notesText(other.doc));
    other.provider.destroy();
    s2.stop();
    await b.handlers.close();
  }, 60_000);

  it('saves versions and restores one as a new edit', async () => {
    const a = engineFor(editor, 'editor-history.db');
    await a.handlers.open({ accountId: editor.account.id });
    await eventually(async () => (await a.handlers['projects.list']()).some((p) => p.id === P));
    const s = await screen(a);
    await eventually(() => s.status().connection === 'synced' && s.caughtUp());
    const before = notesText(s.doc);
    const v = await a.handlers['workspace.saveVersion']({ projectId: P, label: 'Жыйындан мурун' });
    para(s.doc, 'Кийин кошулган');
    await eventually(() => notesText(s.doc).includes('Кийин кошулган'));
    const versions = await a.handlers['workspace.versions']({ projectId: P });
    expect(versions[0]).toMatchObject({ id: v.id, kind: 'named', label: 'Жыйындан мурун', createdBy: editor.account.id });
    const old = new Y.Doc();
    Y.applyUpdate(old, await a.handlers['workspace.version']({ projectId: P, versionId: v.id }));
    expect(notesText(old)).toBe(before);
    await a.handlers['workspace.restore']({ projectId: P, versionId: v.id });
    await eventually(() => notesText(s.doc) === before);
    // The restore reached the server like any edit.
    const check = openProvider(server, owner, P);
    await waitFor(() => check.provider.synced && notesText(check.doc) === before, 5000, 'restored on the server');
    check.provider.destroy();
    s.stop();
    await a.handlers.close();
  }, 30_000);

  it('refuses a viewer\'s edit in the engine and a viewer\'s version save', async () => {
    const a = engineFor(viewer, 'viewer.db');
    await a.handlers.open({ accountId: viewer.account.id });
    await eventually(async () => (await a.handlers['projects.list']()).some((p) => p.id === P));
    const opened = await a.handlers['workspace.open']({ projectId: P });
    expect(opened.role).toBe('viewer');
    const d = new Y.Doc();
    Y.applyUpdate(d, opened.state);
    const edit = new Y.Doc();
    edit.getText('x').insert(0, 'no');
    await expect(a.handlers['workspace.update']({ projectId: P, update: Y.encodeStateAsUpdate(edit) })).rejects.toMatchObject({ code: 'read_only' });
    await expect(a.handlers['workspace.saveVersion']({ projectId: P, label: null })).rejects.toMatchObject({ code: 'read_only' });
    await a.handlers.close();
  }, 30_000);
  it('stops and says so when one edit is larger than the server takes, instead of resending it forever', async () => {
    const small = await startTestServer({}, { workspaces: { maxMessageBytes: 16 * 1024 } });
    try {
      const o = await signUp(small.url, 'Owner');
      const e = await signUp(small.url, 'Editor');
      await createProject(small, o, P, [{ user: e, role: 'editor' }]);
      const a = engineFor(e, 'big-edit.db', small.port);
      await a.handlers.open({ accountId: e.account.id });
      await eventually(async () => (await a.handlers['projects.list']()).some((x) => x.id === P));
      const s = await screen(a);
      await eventually(() => s.status().connection === 'synced');
      para(s.doc, 'ж'.repeat(40_000));
      await eventually(() => s.status().connection === 'denied' && s.status().reason === 'workspace_message_too_large');
      // Still on the device.
      expect(notesText(s.doc).length).toBeGreaterThanOrEqual(40_000);
      s.stop();
      await a.handlers.close();
    } finally {
      await small.stop();
    }
  }, 30_000);
});
