import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '@mekendesh/core';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { SyncClient, httpTransport } from '@mekendesh/sync';
import { eventually, openClient, post, signUp, startTestServer, type TestUser } from '../kit/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('record sync: two clients through the real server on loopback', () => {
  let server: Server;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await signUp(server.url, 'Alice');
    bob = await signUp(server.url, 'Bob');
  });
  afterAll(async () => server.stop());

  it('concurrent edits of one profile from two devices merge field by field; the same field takes the later push', async () => {
    const phone = openClient(server, alice);
    const laptop = openClient(server, alice);
    try {
      await phone.client.syncNow();
      await laptop.client.syncNow();
      // Both devices edit offline-style (no sync in between): different fields, and one field in common.
      phone.client.mutate('profile.update', { id: alice.account.id, patch: { city: 'Стамбул', yearsExperience: 7 } });
      laptop.client.mutate('profile.update', { id: alice.account.id, patch: { nameLatin: 'Alice Asanova', yearsExperience: 9 } });
      await phone.client.syncNow();
      await laptop.client.syncNow();
      await phone.client.syncNow();
      for (const c of [phone, laptop]) {
        const p = c.client.get('profiles', alice.account.id)!;
        expect(p.city).toBe('Стамбул');
        expect(p.nameLatin).toBe('Alice Asanova');
        expect(p.yearsExperience).toBe(9);
        expect(c.client.status().pending).toBe(0);
      }
    } finally {
      await phone.close();
      await laptop.close();
    }
  });

  it('a pending local edit survives a pull and is rebased over newer server state', async () => {
    const a = openClient(server, alice);
    const b = openClient(server, alice);
    try {
      await a.client.syncNow();
      a.client.mutate('profile.update', { id: alice.account.id, patch: { bio: 'local draft' } });
      b.client.mutate('profile.update', { id: alice.account.id, patch: { city: 'Москва' } });
      await b.client.syncNow();
      // Pull only: the outbox of `a` is still pending, and must be replayed on top.
      const res = await httpTransport({ baseUrl: server.url, token: () => alice.token }).pull({ clientId: a.client.clientId, cursor: null });
      a.client.applyPull(res);
      const p = a.client.get('profiles', alice.account.id)!;
      expect(p.city).toBe('Москва');
      expect(p.bio).toBe('local draft');
      expect(a.client.status().pending).toBe(1);
      await a.client.syncNow();
      expect(a.client.status().pending).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a member editing another member\'s profile is rejected with its reason, and nothing changes', async () => {
    const b = openClient(server, bob);
    const a = openClient(server, alice);
    try {
      b.client.mutate('profile.update', { id: bob.account.id, patch: { city: 'Бишкек' } });
      await b.client.syncNow();
      // The local mutator already refuses it…
      expect(() => a.client.mutate('profile.update', { id: bob.account.id, patch: { city: 'Hacked' } })).toThrow('forbidden');
      // …and a forged push that skips the local check is refused by the server, without blocking the next one.
      const forged = await post(server.url, '/api/sync/push', {
        clientId: a.client.clientId,
        mutations: [
          { id: 1, name: 'profile.update', args: { id: bob.account.id, patch: { city: 'Hacked' } }, createdAt: new Date().toISOString() },
          { id: 2, name: 'profile.update', args: { id: alice.account.id, patch: { bio: 'mine' } }, createdAt: new Date().toISOString() },
        ],
      }, alice.token);
      expect(forged.status).toBe(200);
      expect(forged.body.results).toEqual([
        { id: 1, status: 'rejected', error: 'forbidden' },
        { id: 2, status: 'applied' },
      ]);
      await b.client.syncNow();
      expect(b.client.get('profiles', bob.account.id)!.city).toBe('Бишкек');
      expect((server.store.records.get('profiles', bob.account.id) as Profile).city).toBe('Бишкек');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a rejected mutation is kept with its reason until discarded or fixed, and its effect is rolled back', async () => {
    const a = openClient(server, alice);
    const leader = await signUp(server.url, 'Leader');
    try {
      // Alice asks to join an association that the server knows but whose leader removed it
      // from under her: we forge that by requesting a membership in an association she cannot see.
      await a.client.syncNow();
      const ghostId = 'ghost-association';
      a.client.records.put('associations', {
        id: ghostId, name: 'Ghost', nameLatin: null, country: 'RU', city: 'Moscow', description: null, contactEmail: null,
        verified: false, createdBy: leader.account.id, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
      });
      const id = a.client.mutate('membership.request', { id: 'membership-ghost-1', associationId: ghostId });
      await a.client.syncNow();
      const status = a.client.status();
      expect(status.rejected).toHaveLength(1);
      expect(status.rejected[0]).toMatchObject({ id, name: 'membership.request', error: 'not_found' });
      expect(a.client.get('memberships', 'membership-ghost-1')).toBeUndefined();
      // Still there after more syncs: never dropped silently.
      await a.client.syncNow();
      expect(a.client.status().rejected).toHaveLength(1);
      a.client.discard(id);
      expect(a.client.status().rejected).toHaveLength(0);
    } finally {
      await a.close();
    }
  });

  it('a member pulling another member\'s profile never receives private fields, and sees public ones', async () => {
    const b = openClient(server, bob);
    const a = openClient(server, alice);
    try {
      b.client.mutate('profile.update', {
        id: bob.account.id,
        patch: { phone: '+996555123456', email: 'bob.private@example.org', country: 'TR', skills: [], gender: 'male' },
        visibility: { phone: 'private', email: 'private', country: 'public', gender: 'public' },
      });
      await b.client.syncNow();
      // The raw pull response, not just the local result.
      const raw = await post(server.url, '/api/sync/pull', { clientId: a.client.clientId, cursor: null }, alice.token);
      const text = JSON.stringify(raw.body);
      expect(text).not.toContain('+996555123456');
      expect(text).not.toContain('bob.private@example.org');
      await a.client.syncNow();
      const seen = a.client.get('profiles', bob.account.id)!;
      expect(seen.country).toBe('TR');
      expect(seen.phone).toBeNull();
      expect(seen.email).toBeNull();
      expect(seen.gender).toBeNull();
      expect(seen.visibility).toBeNull();
      // Bob himself sees everything.
      expect(b.client.get('profiles', bob.account.id)!.phone).toBe('+996555123456');
      // Other accounts are never synced.
      expect(a.client.get('accounts', bob.account.id)).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a retried push is applied once', async () => {
    const a = openClient(server, alice);
    try {
      const batch = {
        clientId: a.client.clientId,
        mutations: [{ id: 1, name: 'profile.update', args: { id: alice.account.id, patch: { yearsExperience: 3 } }, createdAt: new Date().toISOString() }],
      };
      const first = await post(server.url, '/api/sync/push', batch, alice.token);
      const before = server.store.db.get<{ v: number }>('SELECT version AS v FROM sync_version')!.v;
      const second = await post(server.url, '/api/sync/push', batch, alice.token);
      expect(first.body.results).toEqual([{ id: 1, status: 'applied' }]);
      expect(second.body.results).toEqual([{ id: 1, status: 'duplicate' }]);
      expect(server.store.db.get<{ v: number }>('SELECT version AS v FROM sync_version')!.v).toBe(before);
    } finally {
      await a.close();
    }
  });

  it('a push whose response is lost is retried by the client and applied once', async () => {
    // Each push response dropped after the server processed the request.
    let drops = 0;
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (drops > 0 && String(input).endsWith('/api/sync/push')) {
        drops--;
        throw new TypeError('network error after the server processed the request');
      }
      return res;
    };
    const leaderUser = await signUp(server.url, 'Lossy');
    const a = openClient(server, leaderUser, { fetch: lossy });
    try {
      const version = () => server.store.db.get<{ v: number }>('SELECT version AS v FROM sync_version')!.v;
      a.client.mutate('profile.update', { id: leaderUser.account.id, patch: { yearsExperience: 1 } });
      // One lost response: the transport's immediate retry gets `duplicate`, the sync succeeds.
      drops = 1;
      let before = version();
      await a.client.syncNow();
      expect(a.client.status().pending).toBe(0);
      expect(version()).toBe(before + 1);
      // Two lost responses: the round fails, the change waits; the next round applies nothing twice.
      a.client.mutate('profile.update', { id: leaderUser.account.id, patch: { yearsExperience: 2 } });
      drops = 2;
      before = version();
      await expect(a.client.syncNow()).rejects.toThrow();
      expect(a.client.status().state).toBe('offline');
      expect(a.client.status().pending).toBe(1);
      expect(version()).toBe(before + 1);
      await a.client.syncNow();
      expect(a.client.status().pending).toBe(0);
      expect(a.client.status().rejected).toEqual([]);
      expect(version()).toBe(before + 1);
      expect(a.client.get('profiles', leaderUser.account.id)!.yearsExperience).toBe(2);
      const clientRow = server.store.db.get<{ last_mutation_id: number }>('SELECT last_mutation_id FROM sync_clients WHERE id = ?', [a.client.clientId]);
      expect(clientRow!.last_mutation_id).toBe(2);
    } finally {
      await a.close();
    }
  });
});

describe('offline and restart', () => {
  it('a client offline for a while keeps working locally and catches up when the server returns', async () => {
    const server = await startTestServer();
    const user = await signUp(server.url, 'Traveller');
    const other = await signUp(server.url, 'Watcher');
    const port = server.port;
    const dataDir = server.dataDir;
    const a = openClient(server, user);
    const w = openClient(server, other);
    a.client.start();
    try {
      await eventually(() => a.client.status().lastSyncAt);
      await server.close();
      for (let i = 1; i <= 20; i++) a.client.mutate('profile.update', { id: user.account.id, patch: { yearsExperience: i } });
      a.client.mutate('profile.update', { id: user.account.id, patch: { country: 'KR' }, visibility: { country: 'public' } });
      await eventually(() => a.client.status().state === 'offline');
      expect(a.client.status().pending).toBe(21);
      expect(a.client.get('profiles', user.account.id)!.yearsExperience).toBe(20);
      // The server comes back on the same port and database.
      const again = await startTestServer({ port, dataDir });
      try {
        a.client.poke();
        await eventually(() => a.client.status().pending === 0 && a.client.status().state === 'idle');
        await w.client.syncNow();
        expect(w.client.get('profiles', user.account.id)!.country).toBe('KR');
        expect(w.client.get('profiles', user.account.id)!.yearsExperience).toBe(20);
      } finally {
        await a.client.stop();
        await again.close();
      }
    } finally {
      await a.close();
      await w.close();
    }
  });
});

describe('the same sync client on sqlite-wasm', () => {
  it('syncs through the real server exactly as on better-sqlite3 (the PWA engine)', async () => {
    const server = await startTestServer();
    const sqlite3 = await sqlite3InitModule();
    try {
      const user = await signUp(server.url, 'Wasm');
      const other = await signUp(server.url, 'Native');
      const db = sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike);
      const client = new SyncClient({ db, accountId: user.account.id, transport: httpTransport({ baseUrl: server.url, token: () => user.token }) });
      client.mutate('profile.update', { id: user.account.id, patch: { nameLatin: 'Wasm Asanov', city: 'Алматы' }, visibility: { nameLatin: 'public', city: 'private' } });
      await client.syncNow();
      expect(client.status()).toMatchObject({ pending: 0, rejected: [], state: 'idle' });
      const n = openClient(server, other);
      try {
        await n.client.syncNow();
        const seen = n.client.get('profiles', user.account.id)!;
        expect(seen.nameLatin).toBe('Wasm Asanov');
        expect(seen.city).toBeNull();
        expect(client.get('profiles', other.account.id)).toBeDefined();
      } finally {
        await n.close();
        db.close();
      }
    } finally {
      await server.stop();
    }
  });
});

