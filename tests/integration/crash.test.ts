import { describe, expect, it } from 'vitest';
import { freePort, spawnServer } from '../kit/process-server.ts';
import { eventually, openClient, signUp, tempDir } from '../kit/server.ts';
import { httpTransport } from '@mekendesh/sync';
import { decodeTableRows } from '@mekendesh/store';

describe('a server killed during pushes', () => {
  it('loses nothing it acknowledged, and the client finishes after the restart', async () => {
    const data = tempDir('mekendesh-crash-');
    const port = await freePort();
    let server = await spawnServer(data.dir, port);
    const user = await signUp(server.url, 'Crash');
    // Count every acknowledged push result, as seen by the client.
    const acknowledged = new Set<number>();
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/api/sync/push') && res.ok) {
        const body = (await res.clone().json()) as { results: { id: number; status: string }[] };
        for (const r of body.results) if (r.status !== 'rejected') acknowledged.add(r.id);
      }
      return res;
    };
    // Small batches, so the kill lands between acknowledgements.
    const c = openClient({ url: server.url }, user, { fetch: counting, maxPushBytes: 2_000 });
    const total = 400;
    for (let i = 1; i <= total; i++) {
      c.client.mutate('profile.update', { id: user.account.id, patch: { yearsExperience: i % 60, bio: `edit ${i}` } });
    }
    const pushing = c.client.syncNow().catch(() => {});
    await eventually(() => acknowledged.size >= 20, 20_000, 2);
    await server.kill('SIGKILL');
    await pushing;
    const ackedBeforeCrash = new Set(acknowledged);
    expect(ackedBeforeCrash.size).toBeGreaterThan(0);
    // The kill landed in the middle of the pushes.
    expect(ackedBeforeCrash.size).toBeLessThan(total);

    server = await spawnServer(data.dir, port);
    try {
      // Everything acknowledged before the crash is on disk.
      const check = httpTransport({ baseUrl: server.url, token: () => user.token });
      const res = await check.pull({ clientId: c.client.clientId, cursor: null });
      expect(res.lastMutationId).toBeGreaterThanOrEqual(Math.max(...ackedBeforeCrash));
      // The client then delivers the rest, each applied once.
      await c.client.syncNow();
      expect(c.client.status().pending).toBe(0);
      expect(c.client.status().rejected).toEqual([]);
      const after = await check.pull({ clientId: c.client.clientId, cursor: null });
      expect(after.lastMutationId).toBe(total);
      const profiles = after.puts.find((p) => p.table === 'profiles')!;
      expect((decodeTableRows(profiles) as { id: string; bio: string | null }[]).find((p) => p.id === user.account.id)!.bio).toBe(`edit ${total}`);
    } finally {
      await server.kill('SIGTERM');
      await c.close();
      data.remove();
    }
  });
});
