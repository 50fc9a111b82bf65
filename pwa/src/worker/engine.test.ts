/**
 * The engine as the worker hosts it, in Node: sqlite-wasm (in memory instead of OPFS) and the
 * real HTTP transport to the real server, with a network that can be switched off.
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES, PROFILE_FIELDS, SETTLEMENTS, SKILLS, type PushRequest } from '@mekendesh/core';
import { sqliteWasmDriver, type Oo1DatabaseLike, type SqlDriver } from '@mekendesh/store';
import { httpTransport, type SyncStatus } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createEngineHandlers, profileIssues, type EngineEvent } from '@mekendesh/engine';

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

  /** `tamper` may rewrite a push on its way out (to make the server refuse a mutation). */
  function setup(tamper?: (req: PushRequest) => PushRequest) {
    let online = true;
    const opened: SqlDriver[] = [];
    const events: EngineEvent[] = [];
    const handlers = createEngineHandlers({
      async openDb() {
        const db = sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike);
        opened.push(db);
        return db;
      },
      hasDb: async () => opened.length > 0,
      removeDb: async () => {},
      transport: ((http) => ({ pull: (req) => http.pull(req), push: (req) => http.push(tamper ? tamper(req) : req) }))(
        httpTransport({
          baseUrl: server.url,
          token: () => user.token,
          fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
        }),
      ),
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
      const found = (await handlers.search({ text: 'Жакыпова' }))!;
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

  it('searches with facet filters and counts, and opens a compatriot as the store holds them', async () => {
    const { handlers, settled } = setup();
    await handlers.open({ accountId: user.account.id });
    try {
      await eventually(settled(0, 'idle'));
      await handlers.updateProfile({ patch: { country: 'TR', sectors: ['health'], formats: ['onsite'], gender: 'female' } });
      const tr = (await handlers.search({ text: '', filters: { country: ['TR'] } }))!;
      expect(tr.hits.map((h) => h.id)).toContain(user.account.id);
      expect(tr.hits.find((h) => h.id === user.account.id)).toMatchObject({ country: 'TR', sectors: ['health'] });
      expect(tr.facets.sector.health).toBeGreaterThanOrEqual(1);
      // Counts within a facet ignore that facet's own selection.
      const ru = (await handlers.search({ text: '', filters: { country: ['RU'], format: ['onsite'] } }))!;
      expect(ru.hits.map((h) => h.id)).not.toContain(user.account.id);
      expect(ru.facets.country.TR).toBe(tr.facets.country.TR);
      // Unknown facets and junk values are dropped, not passed to the index.
      const junk = (await handlers.search({ text: '', filters: { nope: ['x'], country: [] } as never }))!;
      // Searches that queue up: only the latest is answered.
      const [older, newer] = await Promise.all([handlers.search({ text: '' }), handlers.search({ text: 'Aigul' })]);
      expect(older).toBeNull();
      expect(newer?.hits.map((h) => h.id)).toContain(user.account.id);
      expect(junk.total).toBeGreaterThanOrEqual(1);

      const me = await handlers.compatriot({ id: user.account.id });
      expect(me).toMatchObject({ self: true, displayName: 'Aigul', profile: { country: 'TR', sectors: ['health'] } });
      // Gender is never shown on a profile page.
      expect(me?.profile.gender).toBeNull();
      expect(await handlers.compatriot({ id: 'acc-missing' })).toBeNull();
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
    expect(Object.keys(ref.defaultVisibility).sort()).toEqual([...PROFILE_FIELDS].sort());
    expect(ref.fixedVisibility).toEqual(['gender']);
    expect(ref.settlements).toHaveLength(SETTLEMENTS.length);
    expect(ref.settlements.every((s) => ref.regions.some((r) => r.id === s.region))).toBe(true);
    expect(ref.skills).toHaveLength(SKILLS.length);
    expect(ref.skills.every((k) => ref.sectors.some((s) => s.id === k.sector))).toBe(true);
    expect(ref.languages.find((l) => l.id === 'ky')?.labels.ky).toBeTruthy();
    expect(ref.formats).toContain('remote_mentoring');
    expect(ref.availability).toEqual(['short', 'medium', 'long']);
  });

  it('names each invalid field with the mutation schema', () => {
    expect(profileIssues('acc-00000001', { patch: { phone: '+996555123456', email: 'a@example.org', yearsExperience: 12 } })).toEqual([]);
    expect(
      profileIssues('acc-00000001', {
        patch: { phone: '0555 123 456', email: 'aigul.example.org', yearsExperience: 71, homeRegion: 'atlantis', languages: ['ky', 'ky'], bio: 'x'.repeat(2001) },
      }),
    ).toEqual([
      { field: 'homeRegion', code: 'unknown' },
      { field: 'languages', code: 'duplicate' },
      { field: 'yearsExperience', code: 'range' },
      { field: 'bio', code: 'too_long' },
      { field: 'email', code: 'email' },
      { field: 'phone', code: 'phone' },
    ]);
    expect(profileIssues('acc-00000001', { patch: { yearsExperience: 2.5 } })).toEqual([{ field: 'yearsExperience', code: 'range' }]);
    expect(profileIssues('acc-00000001', { patch: {}, visibility: { bio: 'everyone' as never } })).toEqual([{ field: 'bio', code: 'invalid' }]);
  });

  it('saves every profile field, and refuses invalid ones per field without saving anything', async () => {
    const { handlers, settled } = setup();
    await handlers.open({ accountId: user.account.id });
    try {
      await eventually(settled(0, 'idle'));
      const settlement = SETTLEMENTS[0]!;
      const skill = SKILLS[0]!;
      await handlers.updateProfile({
        patch: {
          homeRegion: settlement.region,
          homeSettlement: settlement.id,
          languages: ['ky', 'ru', 'en'],
          skills: [skill.id],
          skillsAbroad: [skill.id],
          sectors: [skill.sector],
          yearsExperience: 7,
          availability: 'medium',
          formats: ['remote_mentoring', 'training'],
          gender: 'female',
          bio: 'Курулуш инженери',
          email: 'Aigul@Example.org',
          phone: '+996555123456',
        },
        visibility: { phone: 'members', gender: 'public' },
      });
      await eventually(settled(0, 'idle'));
      expect(server.store.records.get('profiles', user.account.id)).toMatchObject({
        homeSettlement: settlement.id,
        languages: ['ky', 'ru', 'en'],
        skills: [skill.id],
        yearsExperience: 7,
        formats: ['remote_mentoring', 'training'],
        email: 'aigul@example.org',
        phone: '+996555123456',
        visibility: { phone: 'members', gender: 'private' },
      });

      const err = await handlers.updateProfile({ patch: { bio: 'changed', phone: '0555123456', email: 'no-at-sign', yearsExperience: 100 } }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'invalid_args',
        detail: {
          issues: [
            { field: 'yearsExperience', code: 'range' },
            { field: 'email', code: 'email' },
            { field: 'phone', code: 'phone' },
          ],
        },
      });
      expect((await handlers.profile())?.bio).toBe('Курулуш инженери');
      expect((await handlers.status()).pending).toBe(0);
    } finally {
      await handlers.close();
    }
  });

  it('keeps changes the server refused until they are fixed or discarded', async () => {
    let refuse = true;
    // The server refuses a profile update aimed at another account ("forbidden").
    const { handlers, settled } = setup((req) =>
      refuse ? { ...req, mutations: req.mutations.map((m) => (m.name === 'profile.update' ? { ...m, args: { ...(m.args as object), id: 'someone-else-0001' } } : m)) } : req,
    );
    await handlers.open({ accountId: user.account.id });
    try {
      await eventually(settled(0, 'idle'));
      await handlers.updateProfile({ patch: { bio: 'first refused' } });
      await handlers.updateProfile({ patch: { bio: 'second refused' } });
      const status = await eventually(async () => {
        const s = await handlers.status();
        return s.rejected.length === 2 && s.state === 'idle' ? s : null;
      });
      expect(status!.rejected.map((r) => [r.name, r.error])).toEqual([['profile.update', 'forbidden'], ['profile.update', 'forbidden']]);
      expect(status!.rejected[0]!.args).toMatchObject({ patch: { bio: 'first refused' } });
      const [first, second] = status!.rejected;
      // The refused edits were rolled back locally.
      expect((await handlers.profile())?.bio).not.toMatch(/refused/);

      // A fix is validated like any edit, and only a rejected mutation can be fixed.
      await expect(handlers.fixProfile({ id: first!.id, update: { patch: { phone: '12' } } })).rejects.toMatchObject({ code: 'invalid_args' });
      await expect(handlers.fixProfile({ id: 99_999, update: { patch: {} } })).rejects.toMatchObject({ code: 'not_found' });

      refuse = false;
      await handlers.fixProfile({ id: first!.id, update: { patch: { bio: 'fixed' } } });
      await handlers.discard({ id: second!.id });
      await eventually(async () => {
        const s = await handlers.status();
        return s.rejected.length === 0 && s.pending === 0 && s.state === 'idle';
      });
      expect(server.store.records.get('profiles', user.account.id)?.bio).toBe('fixed');
    } finally {
      await handlers.close();
    }
  });
});
