/**
 * Several tabs, one engine: the election and forwarding of `shared-engine.ts` with the real
 * engine handlers on sqlite-wasm, the real server, Node's `BroadcastChannel` and
 * `MessageChannel`, and a FIFO lock standing in for `navigator.locks` (Node has none).
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { connectRpc, type MessageEndpoint } from '../rpc.ts';
import { createEngineHandlers, type EngineEvent, type EngineHandlers } from '@mekendesh/engine';
import { serveSharedEngine, type LockRequest } from './shared-engine.ts';

const sqlite3 = await sqlite3InitModule();

/** An exclusive lock granted in request order, released when the holder's promise settles. */
function fifoLock(): LockRequest {
  const queue: (() => Promise<void>)[] = [];
  let held = false;
  const next = () => {
    if (held) return;
    const fn = queue.shift();
    if (!fn) return;
    held = true;
    void fn().finally(() => {
      held = false;
      setTimeout(next, 0);
    });
  };
  return (fn) => {
    queue.push(fn);
    setTimeout(next, 0);
  };
}

describe('one engine for several tabs', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    user = await signUp(server.url, 'Tabs');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves every tab from the leader, and a waiting tab takes over when the leader closes', async () => {
    // The device's database: outlives any one engine, like the OPFS file does.
    const disk = new sqlite3.oo1.DB(':memory:');
    const file: Oo1DatabaseLike = {
      exec: (sql) => disk.exec(sql),
      prepare: (sql) => disk.prepare(sql) as never,
      changes: () => disk.changes(),
      close: () => {},
    };
    const lock = fifoLock();
    const channelName = `mk-test-${Math.random()}`;
    const engines: EngineHandlers[] = [];
    const tabs: { close(): Promise<void> }[] = [];

    function openTab(name: string) {
      const { port1, port2 } = new MessageChannel();
      port1.start();
      port2.start();
      let handlers: EngineHandlers | null = null;
      const shared = serveSharedEngine<EngineHandlers, EngineEvent>({
        ui: port1 as unknown as MessageEndpoint,
        channel: new BroadcastChannel(channelName) as never,
        lock,
        id: name,
        create: (emit) => {
          handlers = createEngineHandlers({
            openDb: async () => sqliteWasmDriver(file, 'shared'),
            hasDb: async () => true,
            removeDb: async () => {},
            transport: httpTransport({ baseUrl: server.url, token: () => user.token }),
            emit,
            sync: { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
            indexSaveDelayMs: 20,
          });
          engines.push(handlers);
          return handlers;
        },
      });
      const rpc = connectRpc<EngineHandlers, EngineEvent>(port2 as unknown as MessageEndpoint);
      const events: EngineEvent[] = [];
      rpc.onEvent((e) => events.push(e));
      const tab = {
        name,
        shared,
        engine: rpc.client,
        events,
        /** The tab closes: its worker (and with it the engine, if it led) ends. */
        async close() {
          await handlers?.close();
          shared.stop();
          port1.close();
          port2.close();
        },
      };
      tabs.push(tab);
      return tab;
    }

    try {
      const a = openTab('a');
      await eventually(() => a.shared.isLeader());
      const b = openTab('b');
      const c = openTab('c');

      // Tab b opens the account and edits: the leader's engine does it, on the one database.
      await b.engine.open({ accountId: user.account.id });
      await b.engine.updateProfile({ patch: { nameLatin: 'Two Tabs', country: 'TR' } });
      await a.engine.open({ accountId: user.account.id });
      expect((await a.engine.profile())?.nameLatin).toBe('Two Tabs');
      expect((await c.engine.search({ text: 'two tabs' }))?.total).toBe(1);
      expect(engines).toHaveLength(1);
      expect(b.shared.isLeader() || c.shared.isLeader()).toBe(false);
      // The leader's events reach every tab.
      for (const t of [a, b, c]) {
        await eventually(() => t.events.some((e) => e.type === 'changes' && e.tables.includes('profiles')));
      }
      await eventually(() => server.store.records.get('profiles', user.account.id)?.nameLatin === 'Two Tabs');

      // The leader's tab closes. Calls made meanwhile wait for the next leader (b, first in line).
      await a.close();
      const fromB = b.engine.updateProfile({ patch: { bio: 'edited while a closed' } });
      const fromC = c.engine.updateProfile({ patch: { city: 'Istanbul' } });
      await Promise.all([fromB, fromC]);
      await eventually(() => b.shared.isLeader());
      expect(c.shared.isLeader()).toBe(false);
      expect(engines).toHaveLength(2);
      // The new engine reopened the account before running them; nothing was lost.
      expect(await c.engine.profile()).toMatchObject({ nameLatin: 'Two Tabs', bio: 'edited while a closed', city: 'Istanbul' });
      await eventually(() => server.store.records.get('profiles', user.account.id)?.city === 'Istanbul');
      expect(server.store.records.get('profiles', user.account.id)?.bio).toBe('edited while a closed');
      const status = await c.engine.status();
      await eventually(async () => (await c.engine.status()).pending === 0);
      expect(status.rejected).toEqual([]);

      // A new tab joins as a follower of b.
      const d = openTab('d');
      expect((await d.engine.search({ text: 'Istanbul' }))?.hits.map((h) => h.id)).toContain(user.account.id);
      expect(d.shared.isLeader()).toBe(false);
    } finally {
      for (const t of tabs.reverse()) await t.close().catch(() => {});
      disk.close();
    }
  });
});
