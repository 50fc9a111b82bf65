import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openClient, signUp, startTestServer, tempDir } from '../kit/server.ts';

describe('a client database restored from an older copy', () => {
  it('resets its cursor, and its new changes are not taken for repeats of ones the server already has', async () => {
    const server = await startTestServer();
    const user = await signUp(server.url, 'Restored');
    const dir = tempDir('mekendesh-restore-');
    const file = join(dir.dir, 'client.db');
    try {
      let c = openClient(server, user, { file });
      c.client.mutate('profile.update', { id: user.account.id, patch: { bio: 'one' } });
      await c.client.syncNow();
      // A copy made now, with SQLite's online backup.
      const raw = new Database(file);
      await raw.backup(join(dir.dir, 'copy.db'));
      raw.close();
      for (const bio of ['two', 'three', 'four']) c.client.mutate('profile.update', { id: user.account.id, patch: { bio } });
      await c.client.syncNow();
      await c.close();

      // The copy comes back: its next mutation id is below what the server has seen.
      c = openClient(server, user, { file: join(dir.dir, 'copy.db') });
      await c.client.syncNow();
      expect(c.client.get('profiles', user.account.id)?.bio).toBe('four');
      c.client.mutate('profile.update', { id: user.account.id, patch: { bio: 'after the restore' } });
      await c.client.syncNow();
      expect(c.client.status()).toMatchObject({ pending: 0, rejected: [] });
      expect(server.store.records.get('profiles', user.account.id)?.bio).toBe('after the restore');
      await c.close();
    } finally {
      await server.stop();
      dir.remove();
    }
  });
});
