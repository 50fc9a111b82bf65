import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WS from 'ws';
import { signUp, startTestServer, type TestUser } from '../kit/server.ts';
import { createProject, openProvider, pushAll, waitFor } from '../kit/workspace.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Tries a raw upgrade and returns the HTTP status the server answered with (101 on success). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WS(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

describe('workspace WebSocket endpoint (stock y-websocket client)', () => {
  let server: Server;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  const P = 'proj-workspace-1';

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUp(server.url, 'Owner');
    editor = await signUp(server.url, 'Editor');
    viewer = await signUp(server.url, 'Viewer');
    outsider = await signUp(server.url, 'Outsider');
    await createProject(server, owner, P, [
      { user: editor, role: 'editor' },
      { user: viewer, role: 'viewer' },
    ]);
  });
  afterAll(async () => server.stop());

  it('syncs edits between two stock providers and persists them', async () => {
    const a = openProvider(server, owner, P);
    const b = openProvider(server, editor, P);
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'synced');
    a.doc.getText('t').insert(0, 'Салам');
    await waitFor(() => b.doc.getText('t').toString() === 'Салам', 5000, 'b sees a');
    b.doc.getText('t').insert(5, ', дүйнө');
    await waitFor(() => a.doc.getText('t').toString() === 'Салам, дүйнө', 5000, 'a sees b');
    a.provider.destroy();
    b.provider.destroy();
    server.workspaces.flushAll();
    const stored = server.store.ydocs.load(`project:${P}`);
    const check = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(check, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(check, u);
    expect(check.getText('t').toString()).toBe('Салам, дүйнө');
  });

  it('keeps viewers read-only: their updates are dropped and they are told why', async () => {
    const v = openProvider(server, viewer, P);
    const o = openProvider(server, owner, P);
    await waitFor(() => v.provider.synced && o.provider.synced, 5000, 'synced');
    v.doc.getText('viewer').insert(0, 'should not land');
    await waitFor(() => v.denied.includes('read_only'), 5000, 'read_only');
    o.doc.getText('owner').insert(0, 'owner text');
    await waitFor(() => v.doc.getText('owner').toString() === 'owner text', 5000, 'viewer receives');
    expect(o.doc.getText('viewer').toString()).toBe('');
    v.provider.destroy();
    o.provider.destroy();
  });

  it('refuses the upgrade without a valid session, for non-members and from another origin', async () => {
    const url = `${server.url.replace(/^http/, 'ws')}/api/workspaces/${P}`;
    expect(await upgradeStatus(url, {})).toBe(401);
    expect(await upgradeStatus(url, { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).toBe(401);
    expect(await upgradeStatus(url, { authorization: `Bearer ${outsider.token}` })).toBe(403);
    expect(await upgradeStatus(url, { authorization: `Bearer ${owner.token}`, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { authorization: `Bearer ${owner.token}` })).toBe(101);
  });

  it('closes a member who loses access at once, and refuses their next edit', async () => {
    const late = await signUp(server.url, 'Late');
    await pushAll(server, owner, [['projectMember.add', { id: `${P}-m-late`, projectId: P, accountId: late.account.id, role: 'editor' }]]);
    const l = openProvider(server, late, P);
    await waitFor(() => l.provider.synced, 5000, 'synced');
    await pushAll(server, owner, [['projectMember.remove', { id: `${P}-m-late` }]]);
    await waitFor(() => l.denied.includes('forbidden'), 5000, 'forbidden');
    await waitFor(() => l.closes.includes(4403), 5000, 'closed with 4403');
    l.provider.destroy();
  });

  it('closes only the connection that sent a malformed message', async () => {
    const good = openProvider(server, owner, P);
    await waitFor(() => good.provider.synced, 5000, 'synced');
    const bad = new WS(`${server.url.replace(/^http/, 'ws')}/api/workspaces/${P}`, { headers: { authorization: `Bearer ${editor.token}` } });
    const code = await new Promise<number>((resolve) => {
      bad.on('open', () => bad.send(Buffer.from([0, 2, 0xff, 0xff, 0xff])));
      bad.on('close', (c) => resolve(c));
    });
    expect(code).toBe(4400);
    good.doc.getText('still').insert(0, 'alive');
    const other = openProvider(server, editor, P);
    await waitFor(() => other.doc.getText('still').toString() === 'alive', 5000, 'others carry on');
    good.provider.destroy();
    other.provider.destroy();
  });
  it('shares presence: each sees the other, stamped with the real account, and echoes close nobody', async () => {
    const a = openProvider(server, owner, P);
    const b = openProvider(server, editor, P);
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'synced');
    a.provider.awareness.setLocalStateField('user', { name: 'Айгүл', accountId: editor.account.id });
    b.provider.awareness.setLocalStateField('user', { name: 'Бакыт' });
    const userOf = (p: typeof a, clientId: number) => (p.provider.awareness.getStates().get(clientId) as { user?: { name: string; accountId: string } } | undefined)?.user;
    await waitFor(() => userOf(b, a.doc.clientID)?.name === 'Айгүл' && userOf(a, b.doc.clientID)?.name === 'Бакыт', 5000, 'presence');
    // A claimed the editor's account id; the server put the owner's own there.
    expect(userOf(b, a.doc.clientID)?.accountId).toBe(owner.account.id);
    expect(userOf(a, b.doc.clientID)?.accountId).toBe(editor.account.id);
    await new Promise((r) => setTimeout(r, 200));
    expect([...a.closes, ...b.closes]).toEqual([]);
    b.provider.destroy();
    await waitFor(() => !a.provider.awareness.getStates().has(b.doc.clientID), 5000, 'presence removed on leave');
    a.provider.destroy();
  });
});
