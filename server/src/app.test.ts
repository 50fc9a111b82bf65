import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TableRows } from '@mekendesh/core';
import { betterSqlite3Driver, decodeTableRows, migrate, RECORD_MIGRATIONS, SERVER_MIGRATIONS } from '@mekendesh/store';
import { createApp } from './app.ts';
import { DEFAULT_CONFIG, type ServerConfig } from './config.ts';
import { memoryLogger } from './log.ts';
import { ServerStore } from './storage/server-store.ts';

function setup(config: Partial<ServerConfig> = {}, clock?: () => Date) {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, SERVER_MIGRATIONS]);
  const store = new ServerStore(db, clock);
  const logger = memoryLogger();
  const app = createApp({ store, logger, config: { ...DEFAULT_CONFIG, scryptLogN: 10, ...config } });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  const json = async (res: Response) => (await res.json()) as Record<string, any>;
  const signUp = async (email: string, mode: 'cookie' | 'token' = 'token') => {
    const res = await call('POST', '/api/auth/sign-up', { email, password: 'long enough password', displayName: 'Test', mode });
    return { res, body: await json(res) };
  };
  return { app, store, logger, call, json, signUp };
}

const CLIENT = 'client-0000000000000001';
const now = () => new Date().toISOString();

describe('accounts and sessions', () => {
  it('signs up, signs in with a cookie that is HttpOnly and SameSite, and reads the session', async () => {
    const s = setup();
    expect((await s.signUp('a@example.org', 'cookie')).res.status).toBe(201);
    const res = await s.call('POST', '/api/auth/sign-in', { email: 'A@Example.org', password: 'long enough password' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^mk_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = await s.call('GET', '/api/auth/session', undefined, { cookie: cookie.split(';')[0]! });
    expect(session.status).toBe(200);
    expect((await s.json(session)).account.email).toBe('a@example.org');
  });

  it('stores only a scrypt hash of the password and a SHA-256 of the token', async () => {
    const s = setup();
    const { body } = await s.signUp('hash@example.org');
    const cred = s.store.db.get<{ password_hash: string }>('SELECT password_hash FROM credentials')!;
    expect(cred.password_hash).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(cred.password_hash).not.toContain('long enough password');
    const session = s.store.db.get<{ token_hash: string }>('SELECT token_hash FROM sessions')!;
    expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.token_hash).not.toBe(body.token);
  });

  it('refuses a wrong password and an unknown email alike, a taken email, and a short password', async () => {
    const s = setup();
    await s.signUp('b@example.org');
    const wrong = await s.call('POST', '/api/auth/sign-in', { email: 'b@example.org', password: 'nope nope nope' });
    const unknown = await s.call('POST', '/api/auth/sign-in', { email: 'nobody@example.org', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await s.json(wrong)).error).toBe('invalid_credentials');
    expect((await s.json(unknown)).error).toBe('invalid_credentials');
    const taken = await s.signUp('b@example.org');
    expect(taken.res.status).toBe(409);
    expect(taken.body.error).toBe('email_taken');
    const short = await s.call('POST', '/api/auth/sign-up', { email: 'c@example.org', password: 'short', displayName: 'C' });
    expect(short.status).toBe(400);
    expect((await s.json(short)).error).toBe('invalid_args');
  });

  it('signs out one session, and everywhere', async () => {
    const s = setup();
    const { body } = await s.signUp('d@example.org');
    const second = await s.json(await s.call('POST', '/api/auth/sign-in', { email: 'd@example.org', password: 'long enough password', mode: 'token' }));
    const third = await s.json(await s.call('POST', '/api/auth/sign-in', { email: 'd@example.org', password: 'long enough password', mode: 'token' }));
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await s.call('POST', '/api/auth/sign-out', {}, auth(body.token))).status).toBe(200);
    expect((await s.call('GET', '/api/auth/session', undefined, auth(body.token))).status).toBe(401);
    expect((await s.call('GET', '/api/auth/session', undefined, auth(second.token))).status).toBe(200);
    const all = await s.json(await s.call('POST', '/api/auth/sign-out-everywhere', {}, auth(second.token)));
    expect(all.ended).toBe(2);
    expect((await s.call('GET', '/api/auth/session', undefined, auth(third.token))).status).toBe(401);
  });

  it('rate-limits sign-in attempts per address and per email', async () => {
    const s = setup({ authRateLimit: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await s.call('POST', '/api/auth/sign-in', { email: 'x@example.org', password: 'whatever it is' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await s.call('POST', '/api/auth/sign-in', { email: 'x@example.org', password: 'whatever it is' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await s.json(limited)).error).toBe('rate_limited');
  });

  it('behind a proxy, limits by the address the proxy saw, not by what the client wrote', async () => {
    const s = setup({ authRateLimit: 3, trustProxy: true });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await s.call('POST', '/api/auth/sign-in', { email: `spray${i}@example.org`, password: 'whatever it is' }, {
        'x-forwarded-for': `10.0.0.${i}, 203.0.113.7`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('rate-limits sync requests per account', async () => {
    const s = setup({ syncRateLimit: 2 });
    const { body } = await s.signUp('busy@example.org');
    const auth = { authorization: `Bearer ${body.token}` };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, auth)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('an expired session gets session_expired; a forged one gets unauthenticated', async () => {
    let t = Date.parse('2026-06-01T00:00:00Z');
    const s = setup({ sessionTtlMs: 60_000 }, () => new Date(t));
    const { body } = await s.signUp('e@example.org');
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, auth)).status).toBe(200);
    t += 61_000;
    const expired = await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, auth);
    expect(expired.status).toBe(401);
    const body2 = await s.json(expired);
    expect(body2.error).toBe('session_expired');
    expect(body2.message).toBe('Сеанс бүттү. Кайра кириңиз.');
    const forged = await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, { authorization: `Bearer ${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect((await s.json(forged)).error).toBe('unauthenticated');
    const garbage = await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, { cookie: 'mk_session=<script>' });
    expect((await s.json(garbage)).error).toBe('unauthenticated');
  });
});

describe('bad input: a 4xx with a reason code, the server keeps serving, nothing half-written', () => {
  let s: ReturnType<typeof setup>;
  let auth: Record<string, string>;
  let accountId: string;
  const versions = () => s.store.db.get<{ n: number }>('SELECT version AS n FROM sync_version')!.n;

  beforeEach(async () => {
    s = setup();
    const { body } = await s.signUp('bad@example.org');
    auth = { authorization: `Bearer ${body.token}` };
    accountId = body.account.id;
  });

  const push = (mutations: unknown[], clientId = CLIENT, headers = auth) => s.call('POST', '/api/sync/push', { clientId, mutations }, headers);

  it('malformed JSON → 400 bad_json, translated by Accept-Language', async () => {
    const res = await s.call('POST', '/api/sync/push', '{"clientId": ', { ...auth, 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.status).toBe(400);
    expect(await s.json(res)).toMatchObject({ ok: false, error: 'bad_json', message: 'Тело запроса — некорректный JSON.' });
  });

  it('an unknown mutation → 400 unknown_mutation, and the valid mutations of the batch are not applied', async () => {
    const before = versions();
    const res = await push([
      { id: 1, name: 'profile.update', args: { id: accountId, patch: { city: 'Ош' } }, createdAt: now() },
      { id: 2, name: 'profile.drop', args: {}, createdAt: now() },
    ]);
    expect(res.status).toBe(400);
    const body = await s.json(res);
    expect(body.error).toBe('unknown_mutation');
    expect(body.detail.mutations).toEqual([{ id: 2, error: 'unknown_mutation', issues: { name: 'profile.drop' } }]);
    expect(versions()).toBe(before);
    expect(s.store.records.get('profiles', accountId)!.city).toBeNull();
  });

  it('arguments failing the schema → 400 invalid_args with the failing paths', async () => {
    const res = await push([{ id: 1, name: 'profile.update', args: { id: accountId, patch: { country: 'Narnia', yearsExperience: -2 } }, createdAt: now() }]);
    expect(res.status).toBe(400);
    const body = await s.json(res);
    expect(body.error).toBe('invalid_args');
    const paths = body.detail.mutations[0].issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['patch.country', 'patch.yearsExperience']));
  });

  it('an envelope failing the schema → 400 invalid_args; too many mutations → 413 batch_too_large', async () => {
    expect((await s.json(await s.call('POST', '/api/sync/push', { clientId: 'x', mutations: 'no' }, auth))).error).toBe('invalid_args');
    const many = Array.from({ length: 501 }, (_, i) => ({ id: i + 1, name: 'account.update', args: {}, createdAt: now() }));
    const res = await push(many);
    expect(res.status).toBe(413);
    expect((await s.json(res)).error).toBe('batch_too_large');
  });

  it('a body over 1 MiB → 413 payload_too_large', async () => {
    const before = versions();
    const bio = 'x'.repeat(1024 * 1024 + 10);
    const res = await push([{ id: 1, name: 'profile.update', args: { id: accountId, patch: { bio } }, createdAt: now() }]);
    expect(res.status).toBe(413);
    expect((await s.json(res)).error).toBe('payload_too_large');
    expect(versions()).toBe(before);
  });

  it('a non-JSON content type → 415', async () => {
    const res = await s.app.request('/api/sync/push', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('a client id that belongs to another account → 403 client_mismatch, for push and pull', async () => {
    const other = await s.signUp('other@example.org');
    const otherAuth = { authorization: `Bearer ${other.body.token}` };
    expect((await push([{ id: 1, name: 'account.update', args: { displayName: 'Me' }, createdAt: now() }])).status).toBe(200);
    const res = await push([{ id: 2, name: 'account.update', args: { displayName: 'Thief' }, createdAt: now() }], CLIENT, otherAuth);
    expect(res.status).toBe(403);
    expect((await s.json(res)).error).toBe('client_mismatch');
    const pull = await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null }, otherAuth);
    expect(pull.status).toBe(403);
    expect(s.store.records.get('accounts', accountId)!.displayName).toBe('Me');
  });

  it('no session → 401 unauthenticated', async () => {
    const res = await s.call('POST', '/api/sync/pull', { clientId: CLIENT, cursor: null });
    expect(res.status).toBe(401);
    expect((await s.json(res)).error).toBe('unauthenticated');
  });

  it('mutation ids must increase within a batch', async () => {
    const res = await push([
      { id: 2, name: 'account.update', args: {}, createdAt: now() },
      { id: 1, name: 'account.update', args: {}, createdAt: now() },
    ]);
    expect(res.status).toBe(400);
    expect((await s.json(res)).error).toBe('bad_request');
  });

  it('keeps serving after all of the above', async () => {
    await s.call('POST', '/api/sync/push', '{{{', auth);
    const health = await s.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await s.json(health)).toMatchObject({ ok: true, db: 'ok' });
  });
});

describe('sync protocol details', () => {
  it('orders mutations, gives each rejection its own reason, and does not block the rest', async () => {
    const s = setup();
    const { body } = await s.signUp('order@example.org');
    const auth = { authorization: `Bearer ${body.token}` };
    const res = await s.call('POST', '/api/sync/push', {
      clientId: CLIENT,
      mutations: [
        { id: 1, name: 'profile.update', args: { id: body.account.id, patch: { yearsExperience: 1 } }, createdAt: now() },
        { id: 2, name: 'association.create', args: { id: 'assoc-00001', membershipId: 'memb-00001', name: 'A', country: 'RU', city: 'Москва' }, createdAt: now() },
        { id: 3, name: 'membership.leave', args: { id: 'nope-nope-nope' }, createdAt: now() },
        { id: 4, name: 'profile.update', args: { id: body.account.id, patch: { yearsExperience: 4 } }, createdAt: now() },
      ],
    }, auth);
    const out = await s.json(res);
    expect(out.results.map((r: { status: string; error?: string }) => r.error ?? r.status)).toEqual(['applied', 'forbidden', 'not_found', 'applied']);
    expect(out.lastMutationId).toBe(4);
    expect(s.store.records.get('profiles', body.account.id)!.yearsExperience).toBe(4);
    // A retry reports the same stored reasons.
    const again = await s.json(await s.call('POST', '/api/sync/push', { clientId: CLIENT, mutations: [
      { id: 2, name: 'association.create', args: { id: 'assoc-00001', membershipId: 'memb-00001', name: 'A', country: 'RU', city: 'Москва' }, createdAt: now() },
    ] }, auth));
    expect(again.results).toEqual([{ id: 2, status: 'rejected', error: 'forbidden' }]);
  });

  it('a cursor from another epoch resets the client: access changes are never missed', async () => {
    const s = setup();
    const leader = await s.signUp('leader@example.org');
    s.store.db.transaction(() => {
      const acc = s.store.records.get('accounts', leader.body.account.id)!;
      s.store.records.put('accounts', { ...acc, roles: ['member', 'association_leader'] });
    });
    const member = await s.signUp('member@example.org');
    const la = { authorization: `Bearer ${leader.body.token}` };
    const ma = { authorization: `Bearer ${member.body.token}` };
    const pull = async (h: Record<string, string>, clientId: string, cursor: string | null) =>
      s.json(await s.call('POST', '/api/sync/pull', { clientId, cursor }, h));
    await s.call('POST', '/api/sync/push', { clientId: 'leader-client-00000001', mutations: [
      { id: 1, name: 'association.create', args: { id: 'assoc-00001', membershipId: 'memb-lead1', name: 'Бишкек', country: 'RU', city: 'Москва' }, createdAt: now() },
    ] }, la);
    const first = await pull(la, 'leader-client-00000001', null);
    expect(first.reset).toBe(true);
    const memberView = await pull(la, 'leader-client-00000001', first.cursor);
    expect(memberView.reset).toBe(false);
    // The member applies; the leader sees the pending membership and the applicant's 'associations' fields.
    await s.call('POST', '/api/sync/push', { clientId: 'member-client-00000001', mutations: [
      { id: 1, name: 'profile.update', args: { id: member.body.account.id, patch: { city: 'Казань' }, visibility: { city: 'associations' } }, createdAt: now() },
      { id: 2, name: 'membership.request', args: { id: 'memb-00001', associationId: 'assoc-00001' }, createdAt: now() },
    ] }, ma);
    const next = await pull(la, 'leader-client-00000001', memberView.cursor);
    const rows = (table: 'memberships' | 'profiles') => decodeTableRows(next.puts.find((p: TableRows) => p.table === table)) as any[];
    expect(rows('memberships')[0].status).toBe('pending');
    expect(rows('profiles').find((p) => p.id === member.body.account.id).city).toBe('Казань');
    // The member's own cursor is from before the request: it now resets (its access changed).
    const mine = await pull(ma, 'member-client-00000001', null);
    const mine2 = await pull(ma, 'member-client-00000001', mine.cursor);
    expect(mine2.reset).toBe(false);
  });
});
