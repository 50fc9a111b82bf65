import { describe, expect, it } from 'vitest';
import { DomainError } from '@mekendesh/core';
import { generateDemo } from '../../server/src/demo.ts';
import { openClient, signUp, startTestServer } from '../kit/server.ts';

/** Caps the client database at its current size (plus `extraPages`), as a full device would. */
const capDatabase = (db: ReturnType<typeof openClient>['db'], extraPages = 0) => {
  const pages = Number(db.get<{ n: number }>('SELECT page_count AS n FROM pragma_page_count()')!.n);
  db.exec(`PRAGMA max_page_count = ${pages + extraPages}`);
  return pages;
};

describe('a device whose storage is full', () => {
  it('refuses a local edit with storage_full and keeps every change already saved', async () => {
    const server = await startTestServer();
    const user = await signUp(server.url, 'Full');
    const c = openClient(server, user);
    try {
      c.client.mutate('profile.update', { id: user.account.id, patch: { bio: 'saved before the disk filled up' } });
      await c.client.stop();
      // Checkpoint the WAL, so the cap counts every page, then leave no room.
      c.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      capDatabase(c.db);
      // Edits fill what room is left in the pages already allocated, then one is refused.
      let refused: unknown;
      let accepted = 0;
      for (let i = 0; i < 500 && !refused; i++) {
        try {
          c.client.mutate('profile.update', { id: user.account.id, patch: { bio: `${i} ${'y'.repeat(1900)}` } });
          accepted++;
        } catch (err) {
          refused = err;
        }
      }
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe('storage_full');
      // Nothing lost: every accepted edit is applied locally and still queued, nothing half-written.
      const lastSaved = accepted === 0 ? 'saved before the disk filled up' : `${accepted - 1} ${'y'.repeat(1900)}`;
      expect(c.client.get('profiles', user.account.id)?.bio).toBe(lastSaved);
      expect(c.client.status().pending).toBe(1 + accepted);
      // Space freed: the queued edit goes out and the server has it.
      c.db.exec('PRAGMA max_page_count = 1073741823');
      await c.client.syncNow();
      expect(c.client.status().pending).toBe(0);
      expect(server.store.records.get('profiles', user.account.id)?.bio).toBe(lastSaved);
    } finally {
      await c.close();
      await server.stop();
    }
  });

  it('reports storage_full while a pull cannot be stored, then catches up when space is freed', async () => {
    const server = await startTestServer();
    await generateDemo(server.store, { members: 300, logN: 10 });
    const user = await signUp(server.url, 'Pull');
    const c = openClient(server, user);
    try {
      c.client.mutate('profile.update', { id: user.account.id, patch: { bio: 'mine' } });
      await c.client.stop();
      capDatabase(c.db, 2);
      await expect(c.client.syncNow()).rejects.toMatchObject({ code: 'storage_full' });
      const status = c.client.status();
      expect(status.state).toBe('error');
      expect(status.lastError).toBe('storage_full');
      // The local edit survived the failed pull and was pushed before it.
      expect(c.client.get('profiles', user.account.id)?.bio).toBe('mine');
      c.db.exec('PRAGMA max_page_count = 1073741823');
      await c.client.syncNow();
      expect(c.client.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
      const count = c.db.get<{ n: number }>('SELECT count(*) AS n FROM profiles')!.n;
      expect(count).toBeGreaterThan(100);
    } finally {
      await c.close();
      await server.stop();
    }
  });
});
