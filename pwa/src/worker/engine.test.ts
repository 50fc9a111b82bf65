/**
 * The engine as the worker hosts it, in Node: sqlite-wasm (in memory instead of OPFS) and the
 * real HTTP transport to the real server, with a network that can be switched off.
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '@mekendesh/core';
import { sqliteWasmDriver, type Oo1DatabaseLike, type SqlDriver } from '@mekendesh/store';
import { httpTransport, type SyncStatus } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createEngineHandlers, type EngineEvent } from './engine.ts';

const sqlite3 = await sqlite3InitModule();

describe('engine handlers (sqlite-wasm in Node, real server)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    user = await signUp(server.url, 'Aigul');
  });
  afterAll(async () => {
    await server?.stop();
  });

  function setup() {
    let online = true;
    const opened: SqlDriver[] = [];
    const events: EngineEvent[] = [];
    const handlers = createEngineHandlers({
      async openDb() {
        const db = sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike);
        opened.push(db);
        return db;
      },
      transport: httpTransport({
        baseUrl: server.url,
        token: () => user.token,
        fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
      }),
      emit: (e) => events.push(e),
      sync: { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
      indexSaveDelayMs: 20,
    });
    const lastStatus = () => events.filter((e): e is Extract<EngineEvent, { type: 'status' }> => e.type === 'status').at(-1)?.status;
    const settled = (pending: number, state: SyncStatus['state']) => () => {
      const s = lastStatus();
      return s?.state === state && s.pending === pending;
    };
    return { handlers, opened, events, settled, setOnline: (v: boolean) => (online = v) };
  }

  it('opens once per account, edits, searches at once, syncs, and keeps edits while offline', async () => {
    const { handlers, opened, events, settled, setOnline } = setup();
    try {
      await Promise.all([handlers.open({ accountId: user.account.id }), handlers.open({ accountId: user.account.id })]);
      expect(opened).toHaveLength(1);
      await eventually(settled(0, 'idle'));

      await handlers.updateProfile({ patch: { nameLatin: 'Aigul Zhakypova', country: 'TR' }, visibility: { city: 'private' } });
      // Searchable before any sync, in either script.
      const found = await handlers.search({ text: 'Жакыпова' });
      expect(found.total).toBe(1);
      expect(found.hits[0]).toMatchObject({ id: user.account.id, nameLatin: 'Aigul Zhakypova', displayName: 'Aigul' });
      expect(events.some((e) => e.type === 'changes' && e.tables.includes('profiles'))).toBe(true);
      await eventually(settled(0, 'idle'));
      expect(server.store.records.get('profiles', user.account.id)).toMatchObject({ nameLatin: 'Aigul Zhakypova', country: 'TR' });
      expect((await handlers.profile())?.visibility?.city).toBe('private');

      setOnline(false);
      await handlers.updateProfile({ patch: { city: 'Анкара' } });
      await eventually(settled(1, 'offline'));
      expect(server.store.records.get('profiles', user.account.id)?.city).toBeNull();
      setOnline(true);
      await handlers.poke();
      await eventually(settled(0, 'idle'));
      expect(server.store.records.get('profiles', user.account.id)?.city).toBe('Анкара');

      // The index is saved next to the data, so the next start only catches up.
      await eventually(() => opened[0]!.get('SELECT 1 AS ok FROM search_snapshot') !== undefined);
    } finally {
      await handlers.close();
    }
  });

  it('refuses edits with a reason code and calls before open with unauthenticated', async () => {
    const { handlers } = setup();
    await expect(handlers.profile()).rejects.toMatchObject({ code: 'unauthenticated' });
    await handlers.open({ accountId: user.account.id });
    try {
      await expect(handlers.updateProfile({ patch: { country: 'XX' } })).rejects.toMatchObject({ code: 'invalid_args' });
    } finally {
      await handlers.close();
    }
    await expect(handlers.search({ text: 'x' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('gives the profile form its reference data', () => {
    const { handlers } = setup();
    const ref = handlers.reference();
    expect(ref.countries).toHaveLength(COUNTRIES.length);
    expect(ref.countries.find((c) => c.id === 'TR')).toMatchObject({ diasporaMain: true, labels: { ky: 'Түркия' } });
    expect(ref.visibilityLevels).toContain('private');
    expect(Object.keys(ref.defaultVisibility).sort()).toEqual(['city', 'country', 'nameCyrillic', 'nameLatin']);
  });
});
