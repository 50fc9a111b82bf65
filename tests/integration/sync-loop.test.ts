import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@mekendesh/sync';
import { freePort } from '../kit/process-server.ts';
import { eventually, openClient, post, signUp, startTestServer } from '../kit/server.ts';

describe('the sync loop', () => {
  it('backs off while the server is down, reports "saved on this device only", and recovers', async () => {
    const port = await freePort();
    const server = await startTestServer({ port });
    const user = await signUp(server.url, 'Backoff');
    const dataDir = server.dataDir;
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const c = openClient(server, user, { fetch: counting, backoff: { initialMs: 20, maxMs: 160 }, pullIntervalMs: 60_000 });
    const states: SyncStatus['state'][] = [];
    c.client.subscribe((s) => {
      if (states[states.length - 1] !== s.state) states.push(s.state);
    });
    try {
      c.client.start();
      await eventually(() => c.client.status().lastSyncAt);
      await server.close();
      attempts = 0;
      c.client.mutate('profile.update', { id: user.account.id, patch: { city: 'Сеул' } });
      await new Promise((r) => setTimeout(r, 1200));
      // Exponential backoff: a handful of tries in 1.2 s, not a hot loop (each try is up to 2
      // requests). The lower bound is waited for: a loaded machine may run fewer in 1.2 s.
      expect(attempts).toBeLessThanOrEqual(60);
      await eventually(() => attempts >= 4, 5_000);
      expect(c.client.status().pending).toBe(1);
      expect(['offline', 'syncing']).toContain(c.client.status().state);
      expect(states).toContain('offline');
      const again = await startTestServer({ port, dataDir });
      try {
        await eventually(() => c.client.status().state === 'idle' && c.client.status().pending === 0, 5_000);
        expect(states).toEqual(expect.arrayContaining(['syncing', 'idle', 'offline']));
        expect(again.store.records.get('profiles', user.account.id)!.city).toBe('Сеул');
      } finally {
        await c.client.stop();
        await again.close();
      }
    } finally {
      await c.close();
    }
  });

  it('stops with "signed_out" when the session ends, and keeps the outbox', async () => {
    const server = await startTestServer();
    try {
      const user = await signUp(server.url, 'Revoked');
      const c = openClient(server, user);
      try {
        c.client.start();
        await eventually(() => c.client.status().lastSyncAt);
        expect((await post(server.url, '/api/auth/sign-out-everywhere', {}, user.token)).status).toBe(200);
        c.client.mutate('profile.update', { id: user.account.id, patch: { city: 'Анкара' } });
        await eventually(() => c.client.status().state === 'signed_out');
        expect(c.client.status()).toMatchObject({ pending: 1, lastError: 'unauthenticated' });
        expect(c.client.get('profiles', user.account.id)!.city).toBe('Анкара');
      } finally {
        await c.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('a local change made during a long round is pushed right after it, not at the next periodic pull', async () => {
    const server = await startTestServer();
    try {
      const user = await signUp(server.url, 'Busy');
      let slowPulls = 0;
      // Slow pulls make the round long; the edit lands in the middle of it.
      const slow: typeof fetch = async (input, init) => {
        if (String(input).endsWith('/api/sync/pull') && slowPulls++ < 1) await new Promise((r) => setTimeout(r, 400));
        return fetch(input, init);
      };
      const c = openClient(server, user, { fetch: slow, pullIntervalMs: 60_000 });
      try {
        c.client.start();
        await new Promise((r) => setTimeout(r, 100));
        expect(c.client.status().state).toBe('syncing');
        c.client.mutate('profile.update', { id: user.account.id, patch: { city: 'Дубай' } });
        await eventually(() => c.client.status().pending === 0, 3_000);
        expect(server.store.records.get('profiles', user.account.id)!.city).toBe('Дубай');
      } finally {
        await c.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('a batch the server finds too large is halved, and a mutation that can never fit is rejected, not retried forever', async () => {
    const server = await startTestServer({ bodyLimit: 6_000 });
    try {
      const user = await signUp(server.url, 'Big');
      const c = openClient(server, user);
      try {
        // Each bio is about 1,900 UTF-8 bytes (Cyrillic and dashes count double or triple).
        for (let i = 0; i < 6; i++) c.client.mutate('profile.update', { id: user.account.id, patch: { bio: `${i} ${'Ж—'.repeat(380)}` } });
        await c.client.syncNow();
        expect(c.client.status()).toMatchObject({ pending: 0, rejected: [] });
        expect(server.store.records.get('profiles', user.account.id)!.bio!.startsWith('5 ')).toBe(true);
        const huge = c.client.mutate('profile.update', { id: user.account.id, patch: { bio: '—'.repeat(2000) } });
        c.client.mutate('profile.update', { id: user.account.id, patch: { bio: 'after' } });
        await c.client.syncNow().catch(() => {});
        await c.client.syncNow();
        expect(c.client.status().rejected).toEqual([expect.objectContaining({ id: huge, error: 'payload_too_large' })]);
        expect(server.store.records.get('profiles', user.account.id)!.bio).toBe('after');
      } finally {
        await c.close();
      }
    } finally {
      await server.stop();
    }
  });
});
