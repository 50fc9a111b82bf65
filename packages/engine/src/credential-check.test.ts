/**
 * Certificates checked on the device: the engine pins the issuer's keys from the real server,
 * then verifies a certificate with the network cut (genuine, tampered, unknown input), sees a
 * revocation once it is online again, and refuses a key set that would replace a pinned key.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betterSqlite3Driver } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, tempDir, type TestUser } from '../../../tests/kit/server.ts';
import { generateDemo } from '../../../server/src/demo.ts';
import { CredentialService } from '../../../server/src/awards/credentials.ts';
import { createEngineHandlers } from './engine.ts';

describe('certificates verified on the device', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let user: TestUser;
  let credentials: CredentialService;
  const files = tempDir('mekendesh-credential-check-');
  let online = true;
  let offered: ((body: unknown) => unknown) | null = null;
  const net = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!online) throw new TypeError('offline');
    const res = await fetch(input, init);
    // A server (or someone in between) offering another key set.
    if (offered && String(input).endsWith('/api/public/issuer')) return new Response(JSON.stringify(offered(await res.json())), { status: 200 });
    return res;
  };
  let h: ReturnType<typeof createEngineHandlers>;

  beforeAll(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { members: 10, logN: 10, now: new Date('2026-06-01T00:00:00Z') });
    credentials = CredentialService.inDataDir(server.store, server.dataDir);
    credentials.issuePending(server.url);
    user = await signUp(server.url, 'Verifier');
    h = createEngineHandlers({
      openDb: async () => betterSqlite3Driver(new Database(join(files.dir, 'device.db'))),
      hasDb: async () => true,
      removeDb: async () => {},
      transport: httpTransport({ baseUrl: server.url, token: () => user.token, fetch: net }),
      awards: { baseUrl: server.url, token: () => user.token, fetch: net },
      emit: () => {},
      sync: { pullIntervalMs: 200, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
    });
    await h.open({ accountId: user.account.id });
    await eventually(async () => (await h.status()).lastSyncAt !== null);
  });
  afterAll(async () => {
    await h?.close();
    await server?.stop();
    files.remove();
  });

  const jwsOf = (subject: string) => server.store.db.get<{ id: string; jws: string }>('SELECT id, jws FROM credentials_issued WHERE subject_ref = ?', [subject])!;

  it('pins online, verifies offline, sees a revocation after the next refresh, and refuses a swapped key', async () => {
    const winner = jwsOf('demo-nomination-2401');
    // Nothing pinned and no network: it cannot tell, and says why.
    online = false;
    expect(await h['credentials.verify']({ text: winner.jws })).toEqual({ ok: false, reason: 'issuer_not_pinned', online: false });
    online = true;
    const state = await h['credentials.refresh']();
    expect(state).toMatchObject({ pinned: true, keys: 1, online: true, refused: null });
    expect(state.statusAsOf).not.toBeNull();

    online = false;
    const genuine = await h['credentials.verify']({ text: winner.jws });
    expect(genuine).toMatchObject({ ok: true, status: 'active', kind: 'award', recipientName: 'Гүлнара Садыкова', awardedOn: '2024-10-20', online: false });
    expect(genuine.ok && genuine.achievement?.ky).toContain('Мыкты Мекендеш 2024');
    // Pasted as the JSON the public endpoint returns: the same.
    expect(await h['credentials.verify']({ text: JSON.stringify({ ok: true, jws: winner.jws }) })).toMatchObject({ ok: true, status: 'active' });
    // One changed character in the payload breaks the signature.
    const [a, b, c] = winner.jws.split('.') as [string, string, string];
    const forged = `${a}.${Buffer.from(Buffer.from(b, 'base64url').toString().replace('Гүлнара', 'Гүлзада')).toString('base64url')}.${c}`;
    expect(await h['credentials.verify']({ text: forged })).toEqual({ ok: false, reason: 'bad_signature', online: false });
    expect(await h['credentials.verify']({ text: 'hello' })).toEqual({ ok: false, reason: 'not_a_certificate', online: false });
    // A verification link needs the network to fetch its certificate.
    expect(await h['credentials.verify']({ text: `${server.url}/verify/${winner.id}` })).toEqual({ ok: false, reason: 'needs_network', online: false });

    // Revoked on the server: offline the device still holds the old list; online it learns.
    credentials.revoke(winner.id, 'Ката', null);
    expect(await h['credentials.verify']({ text: winner.jws })).toMatchObject({ ok: true, status: 'active', online: false });
    online = true;
    expect(await h['credentials.verify']({ text: `${server.url}/verify/${winner.id}?lang=ky` })).toMatchObject({ ok: true, status: 'revoked', online: true });

    // A key set that swaps the pinned key is refused; the pinned one keeps verifying.
    offered = (body) => {
      const b = body as { keySet: { keys: { publicKeyJwk: { x: string } }[] } };
      b.keySet.keys[0]!.publicKeyJwk.x = 'A'.repeat(43);
      return b;
    };
    expect(await h['credentials.refresh']()).toMatchObject({ pinned: true, refused: 'key_changed' });
    const other = jwsOf('demo-nomination-2402');
    expect(await h['credentials.verify']({ text: other.jws })).toMatchObject({ ok: true, status: 'active' });
    offered = null;
  });

  it('lists the account’s own certificates online, and keeps them for offline', async () => {
    // The demo winner 2402 becomes this account's own nomination as nominee.
    server.store.db.transaction(() => {
      const n = server.store.records.get('nominations', 'demo-nomination-2402')!;
      server.store.records.put('nominations', { ...n, nomineeAccountId: user.account.id });
    });
    online = true;
    const mine = await h['credentials.mine']();
    expect(mine.online).toBe(true);
    expect(mine.items.map((c) => [c.kind, c.recipientName])).toEqual([['award', 'Азамат Жумабаев']]);
    expect(mine.items[0]!.verifyUrl).toBe(`${server.url}/verify/${mine.items[0]!.id}`);
    online = false;
    const kept = await h['credentials.mine']();
    expect(kept).toMatchObject({ online: false, items: [{ id: mine.items[0]!.id }] });
    // Its digital copy verifies offline.
    expect(await h['credentials.verify']({ text: kept.items[0]!.jws })).toMatchObject({ ok: true, status: 'active', online: false });
    online = true;
  });
});
