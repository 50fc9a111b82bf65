/**
 * The screens' workspace replica against the real engine (sqlite-wasm in memory, as the
 * worker runs it) served over a real MessageChannel with the app's RPC, and the real server:
 * edits and presence go both ways between two people, the engine's own updates are not sent
 * back, edits of one turn go as one call, presence leaves with the screen, viewers are refused.
 */
import { rmSync } from 'node:fs';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEngineHandlers, type EngineEvent, type EngineHandlers } from '@mekendesh/engine';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport, httpWorkspaceApi, notesText } from '@mekendesh/sync';
import { addColumn, addTask, readBoard } from '@mekendesh/sync/board';
import { eventually, signUp, startTestServer, type TestUser } from '../../../../tests/kit/server.ts';
import { authedSocket, createProject } from '../../../../tests/kit/workspace.ts';
import { connectRpc, serveRpc } from '../../rpc.ts';
import { EngineProvider, colorFor, presentUsers, type WorkspaceEngine } from './engine-provider.ts';

const sqlite3 = await sqlite3InitModule();
const P = 'proj-replica-1';

describe('the workspace replica of a screen (real engine over RPC, real server)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  const stops: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    [owner, editor, viewer] = [await signUp(server.url, 'Owner'), await signUp(server.url, 'Editor'), await signUp(server.url, 'Viewer')];
    await createProject(server, owner, P, [
      { user: editor, role: 'editor' },
      { user: viewer, role: 'viewer' },
    ]);
  });
  afterAll(async () => {
    for (const s of stops.reverse()) await s();
    await server?.stop();
  });

  /** One person's engine, as the worker serves it: handlers behind the app's RPC on a MessagePort. */
  async function engineFor(user: TestUser) {
    const channel = new MessageChannel();
    let emit: (e: EngineEvent) => void = () => {};
    const handlers = createEngineHandlers({
      openDb: async () => sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike),
      hasDb: async () => false,
      removeDb: async () => {},
      transport: httpTransport({ baseUrl: server.url, token: () => user.token }),
      emit: (e) => emit(e),
      sync: { pullIntervalMs: 200, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 200 } },
      workspaces: {
        url: `${server.url.replace(/^http/, 'ws')}/api/workspaces`,
        WebSocket: authedSocket(user.token),
        api: httpWorkspaceApi({ baseUrl: server.url, token: () => user.token }),
        maxBackoffMs: 200,
        idleCloseMs: 50,
      },
    });
    const served = serveRpc<EngineHandlers, EngineEvent>(channel.port1 as unknown as Parameters<typeof serveRpc>[0], handlers);
    emit = (e) => served.emit(e);
    const rpc = connectRpc<EngineHandlers, EngineEvent>(channel.port2 as unknown as Parameters<typeof serveRpc>[0]);
    // Counts what the screen sends, to check what it does not.
    const calls: Record<string, number> = {};
    const client = new Proxy(rpc.client, {
      get: (target, name) => {
        const fn = Reflect.get(target, name) as ((arg?: unknown) => Promise<unknown>) | undefined;
        if (typeof name !== 'string' || !fn) return fn;
        return (arg?: unknown) => {
          calls[name] = (calls[name] ?? 0) + 1;
          return fn(arg);
        };
      },
    });
    await handlers.open({ accountId: user.account.id });
    await eventually(async () => (await handlers['projects.list']()).some((p) => p.id === P), 15_000);
    stops.push(async () => {
      await handlers.close();
      channel.port1.close();
      channel.port2.close();
    });
    const engine: WorkspaceEngine = { engine: client, onEvent: rpc.onEvent };
    return { engine, calls, handlers };
  }

  const para = (doc: Y.Doc, text: string) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment('notes').push([p]);
  };

  it('relays edits both ways, one call per turn, and never sends the engine its own updates back', async () => {
    const a = await engineFor(editor);
    const b = await engineFor(owner);
    const pa = new EngineProvider(a.engine, P);
    const pb = new EngineProvider(b.engine, P);
    await Promise.all([pa.open(), pb.open()]);
    expect(pa.getState()).toMatchObject({ ready: true, role: 'editor', error: null });
    expect(pb.getState().role).toBe('owner');
    await eventually(() => pa.getState().status.connection === 'synced' && pb.getState().status.connection === 'synced', 10_000);

    // Three transactions in one turn: one `workspace.update`.
    para(pa.doc, 'Биринчи');
    para(pa.doc, 'Экинчи');
    addColumn(pa.doc, { id: 'todo', title: '' });
    await eventually(() => notesText(pb.doc) === 'Биринчи\nЭкинчи' && readBoard(pb.doc).columns.length === 1, 10_000);
    expect(a.calls['workspace.update']).toBe(1);
    // The owner's replica received them and sent nothing.
    expect(b.calls['workspace.update'] ?? 0).toBe(0);

    addTask(pb.doc, { id: 't1', title: 'Сметаны текшерүү', column: 'todo', assignee: editor.account.id, due: '2026-09-01', createdAt: new Date().toISOString() });
    await eventually(() => readBoard(pa.doc).columns[0]?.tasks[0]?.title === 'Сметаны текшерүү', 10_000);
    expect(readBoard(pa.doc).columns[0]!.tasks[0]).toMatchObject({ assignee: editor.account.id, due: '2026-09-01', done: false });
    expect(a.calls['workspace.update']).toBe(1);

    // A second screen on the same engine (another tab) starts from the engine's state.
    const pa2 = new EngineProvider(a.engine, P);
    await pa2.open();
    expect(notesText(pa2.doc)).toBe('Биринчи\nЭкинчи');
    para(pa2.doc, 'Үчүнчү');
    await eventually(() => notesText(pa.doc).endsWith('Үчүнчү') && notesText(pb.doc).endsWith('Үчүнчү'), 10_000);
    pa2.destroy();
    pa.destroy();
    pb.destroy();
  }, 60_000);

  it('shows who is present, and takes a screen\'s presence away when it closes or the page is hidden', async () => {
    const a = await engineFor(editor);
    const b = await engineFor(owner);
    const pa = new EngineProvider(a.engine, P);
    const pb = new EngineProvider(b.engine, P);
    // Presence set before the engine answered goes out once it holds the workspace.
    pa.setUser({ id: editor.account.id, name: 'Айгүл', color: colorFor(editor.account.id) });
    pb.setUser({ id: owner.account.id, name: 'Бакыт', color: colorFor(owner.account.id) });
    await Promise.all([pa.open(), pb.open()]);
    const names = (p: EngineProvider) => presentUsers(p.awareness).map((u) => `${u.name}${u.self ? ' (me)' : ''}`);
    await eventually(() => names(pb).join() === 'Бакыт (me),Айгүл' && names(pa).join() === 'Айгүл (me),Бакыт', 10_000).catch((err) => {
      throw new Error(`${err} a: ${names(pa)} ${JSON.stringify(pa.getState())} b: ${names(pb)} ${JSON.stringify(pb.getState())}`);
    });
    expect(presentUsers(pb.awareness)[1]!.color).toMatch(/^#[0-9a-f]{6}$/);

    pa.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await eventually(() => [...pb.awareness.getStates().values()].some((s) => s.cursor?.anchor === 1), 10_000);

    pa.hide();
    await eventually(() => names(pb).join() === 'Бакыт (me)', 10_000);
    pa.show();
    await eventually(() => names(pb).join() === 'Бакыт (me),Айгүл', 10_000);
    pa.destroy();
    await eventually(() => names(pb).join() === 'Бакыт (me)', 10_000);
    // Nothing more goes out from a closed replica.
    const sent = a.calls['workspace.awareness'];
    pa.setUser({ id: editor.account.id, name: 'Айгүл', color: '#000000' });
    await new Promise((r) => setTimeout(r, 50));
    expect(a.calls['workspace.awareness']).toBe(sent);
    expect(a.calls['workspace.close']).toBe(1);
    pb.destroy();
  }, 60_000);

  it('announces presence again when the server comes back', async () => {
    const a = await engineFor(editor);
    const b = await engineFor(owner);
    const pa = new EngineProvider(a.engine, P);
    const pb = new EngineProvider(b.engine, P);
    pa.setUser({ id: editor.account.id, name: 'Айгүл', color: colorFor(editor.account.id) });
    pb.setUser({ id: owner.account.id, name: 'Бакыт', color: colorFor(owner.account.id) });
    await Promise.all([pa.open(), pb.open()]);
    const others = (p: EngineProvider) => presentUsers(p.awareness).filter((u) => !u.self).map((u) => u.name).join();
    await eventually(() => others(pb) === 'Айгүл' && others(pa) === 'Бакыт', 10_000);

    const { port, dataDir } = server;
    await server.close();
    await eventually(() => pa.getState().status.connection === 'offline' && pb.getState().status.connection === 'offline', 10_000);
    // Gone with the connection; each screen still has itself.
    await eventually(() => others(pb) === '' && others(pa) === '', 10_000);
    expect(presentUsers(pa.awareness).map((u) => u.name)).toEqual(['Айгүл']);
    para(pa.doc, 'Оффлайн');

    const restarted = await startTestServer({ port, dataDir });
    server = { ...restarted, stop: async () => { await restarted.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    await eventually(() => pa.getState().status.connection === 'synced' && pb.getState().status.connection === 'synced', 15_000);
    await eventually(() => others(pb) === 'Айгүл' && others(pa) === 'Бакыт', 10_000);
    await eventually(() => notesText(pb.doc).endsWith('Оффлайн'), 10_000);
    pa.destroy();
    pb.destroy();
  }, 60_000);

  it('gives a viewer the role and refuses a viewer\'s edit; a replica closed while opening gives its hold back', async () => {
    const v = await engineFor(viewer);
    const pv = new EngineProvider(v.engine, P);
    await pv.open();
    expect(pv.getState()).toMatchObject({ ready: true, role: 'viewer' });
    para(pv.doc, 'Көрүүчү');
    await eventually(() => pv.getState().error?.code === 'read_only', 5000);
    pv.destroy();

    const early = new EngineProvider(v.engine, P);
    const opening = early.open();
    early.destroy();
    await opening;
    expect(early.getState().ready).toBe(false);
    await eventually(() => v.calls['workspace.close'] === 2, 5000);

    // A project this account is not a member of: opening fails with the reason.
    const none = new EngineProvider(v.engine, 'proj-not-mine');
    await none.open();
    expect(none.getState()).toMatchObject({ ready: false, error: { code: 'forbidden' } });
    none.destroy();
  }, 60_000);
});
