/**
 * Removing an account's data from the device (a shared or borrowed phone): the engine reports
 * what is stored and unsent for an account that is not open, and deletes it on request.
 * sqlite-wasm in Node with a map of in-memory "files", and the real server.
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createEngineHandlers, type EngineEvent } from '@mekendesh/engine';

const sqlite3 = await sqlite3InitModule();

describe("removing an account's data from this device", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    user = await signUp(server.url, 'Shared');
  });
  afterAll(async () => server?.stop());

  it('says how many changes were never sent, and deletes the database only when asked', async () => {
    // Files outlive the connections to them, as on OPFS.
    const files = new Map<string, InstanceType<typeof sqlite3.oo1.DB>>();
    const events: EngineEvent[] = [];
    let online = true;
    const handlers = createEngineHandlers({
      async openDb(accountId) {
        let file = files.get(accountId);
        if (!file) files.set(accountId, (file = new sqlite3.oo1.DB(':memory:')));
        const f = file;
        const handle: Oo1DatabaseLike = { exec: (sql) => f.exec(sql), prepare: (sql) => f.prepare(sql) as never, changes: () => f.changes(), close: () => {} };
        return sqliteWasmDriver(handle);
      },
      hasDb: async (accountId) => files.has(accountId),
      removeDb: async (accountId) => {
        files.get(accountId)?.close();
        files.delete(accountId);
      },
      transport: httpTransport({
        baseUrl: server.url,
        token: () => user.token,
        fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
      }),
      emit: (e) => events.push(e),
      sync: { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
    });
    const id = user.account.id;

    expect(await handlers.localData({ accountId: id })).toEqual({ stored: false, unsent: 0 });
    await handlers.open({ accountId: id });
    // Not while it is open: the answer would race the sync loop.
    await expect(handlers.localData({ accountId: id })).rejects.toMatchObject({ code: 'conflict' });
    await handlers.updateProfile({ patch: { nameLatin: 'Sent' } });
    await eventually(async () => (await handlers.status()).pending === 0);
    online = false;
    await handlers.updateProfile({ patch: { city: 'Never sent' } });
    await handlers.updateProfile({ patch: { bio: 'Never sent either' } });
    await handlers.close();

    expect(await handlers.localData({ accountId: id })).toEqual({ stored: true, unsent: 2 });
    await handlers.forget({ accountId: id });
    expect(files.has(id)).toBe(false);
    expect(await handlers.localData({ accountId: id })).toEqual({ stored: false, unsent: 0 });
    // The server keeps what was sent; the device keeps nothing.
    expect(server.store.records.get('profiles', id)).toMatchObject({ nameLatin: 'Sent', city: null });

    // Forgetting the open account closes it first, and every tab hears it.
    online = true;
    await handlers.open({ accountId: id });
    await handlers.forget({ accountId: id });
    expect(events.at(-1)).toEqual({ type: 'account', accountId: null });
    await expect(handlers.status()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(files.has(id)).toBe(false);
  });
});
