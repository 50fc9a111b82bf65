/**
 * Documents the desktop saves from the server (`saveServerFile`): the backend fetches them with
 * the session token the renderer never sees, and writes them where the user chose. Real server
 * on loopback, real files in a temp folder.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createBackend } from './backend.ts';

const SYNC = { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('a receipt photographed')]);

describe('saving server documents from the desktop backend', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let owner: TestUser;
  let outsider: TestUser;
  let dir: string;
  const project = 'proj-desktop-files';
  const expense = `${project}-expense`;
  let receiptPath: string;

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUp(server.url, 'Owner');
    outsider = await signUp(server.url, 'Outsider');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', owner.account.id)!, roles: ['member', 'home_partner'] }));
    dir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-files-'));
    // A project with an expense and its receipt, made the way the apps make them.
    const c = openClient(server, owner);
    try {
      await c.client.syncNow();
      c.client.mutate('project.create', { id: project, memberId: `${project}-m`, partnerId: owner.account.id, organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатыры', sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak' });
      c.client.mutate('expense.create', { id: expense, projectId: project, amount: 50000, currency: 'KGS', purpose: 'Шифер' });
      await c.client.syncNow();
    } finally {
      await c.close();
    }
    const res = await fetch(`${server.url}/api/projects/${project}/expenses/${expense}/receipt`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${owner.token}` },
      body: Buffer.from(PNG),
    });
    expect(res.status).toBe(201);
    const { fileId } = (await res.json()) as { fileId: string };
    receiptPath = `/api/projects/${project}/receipts/${fileId}`;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = async (user: TestUser, sub: string, offline?: { value: boolean }) => {
    const backend = createBackend({
      dataDir: join(dir, sub),
      serverUrl: server.url,
      emit: () => {},
      sync: SYNC,
      ...(offline ? { fetch: (input: RequestInfo | URL, init?: RequestInit) => (offline.value ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init)) } : {}),
    });
    const { account, token } = await backend.handlers.signIn({ email: user.email, password: user.password });
    await backend.handlers.open({ accountId: account.id, token });
    return backend;
  };

  it('writes a receipt a member may see, with the type the server gives it; refuses other paths, relative targets and strangers', async () => {
    const offline = { value: false };
    const backend = await session(owner, 'owner', offline);
    const h = backend.handlers;
    try {
      // The name suggested a PDF; the receipt is a photo: the extension follows the type.
      const suggested = join(dir, 'receipt-Шифер.pdf');
      const r = await h.saveServerFile({ path: receiptPath, file: suggested });
      expect(r).toEqual({ file: join(dir, 'receipt-Шифер.png'), bytes: PNG.byteLength, contentType: 'image/png' });
      expect(new Uint8Array(readFileSync(r.file))).toEqual(PNG);
      expect(existsSync(suggested)).toBe(false);
      // A name without a document extension keeps it and gets one.
      expect((await h.saveServerFile({ path: receiptPath, file: join(dir, 'чек') })).file).toBe(join(dir, 'чек.png'));

      // Only evidence files, receipts and certificate PDFs: nothing else of the server's API.
      for (const path of ['/api/sync/pull', '/api/credentials/mine', `${receiptPath}/../../../../sync/pull`, `https://evil.example${receiptPath}`, `${receiptPath}?x=1`, 42]) {
        await expect(h.saveServerFile({ path: path as string, file: join(dir, 'x.pdf') }), String(path)).rejects.toMatchObject({ code: 'bad_request' });
      }
      await expect(h.saveServerFile({ path: receiptPath, file: 'relative/x.png' })).rejects.toMatchObject({ code: 'bad_request' });
      // Without a network: said plainly, nothing written.
      offline.value = true;
      await expect(h.saveServerFile({ path: receiptPath, file: join(dir, 'offline.png') })).rejects.toMatchObject({ code: 'offline' });
      expect(existsSync(join(dir, 'offline.png'))).toBe(false);
    } finally {
      await backend.close();
    }

    // Someone outside the project gets the server's answer, and no file.
    const stranger = await session(outsider, 'outsider');
    try {
      await expect(stranger.handlers.saveServerFile({ path: receiptPath, file: join(dir, 'stolen.png') })).rejects.toMatchObject({ code: 'not_found' });
      expect(existsSync(join(dir, 'stolen.png'))).toBe(false);
    } finally {
      await stranger.close();
    }
  });
});
