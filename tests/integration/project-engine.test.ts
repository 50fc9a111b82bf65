/**
 * A project's records through the client engine: created and filled on the device (offline
 * first), refused with the mutators' reason codes for bad money, totals per currency, and the
 * same totals on the server's public view once synced.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineHandlers } from '@mekendesh/engine';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS, betterSqlite3Driver, migrate } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, tempDir, type TestUser } from '../kit/server.ts';

describe('project records through the engine', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let partner: TestUser;
  let helper: TestUser;
  const files = tempDir('mekendesh-project-engine-');
  beforeAll(async () => {
    server = await startTestServer();
    partner = await signUp(server.url, 'Partner');
    helper = await signUp(server.url, 'Helper');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', partner.account.id)!, roles: ['member', 'home_partner'] }));
  });
  afterAll(async () => {
    await server.stop();
    files.remove();
  });

  it('creates a project, records money and milestones, refuses bad amounts with reasons, and syncs', async () => {
    let online = false;
    const h = createEngineHandlers({
      async openDb() {
        const db = betterSqlite3Driver(new Database(join(files.dir, 'partner.db')));
        migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
        return db;
      },
      hasDb: async () => true,
      removeDb: async () => {},
      transport: httpTransport({
        baseUrl: server.url,
        token: () => partner.token,
        fetch: (i, init) => (online ? fetch(i, init) : Promise.reject(new TypeError('offline'))),
      }),
      emit: () => {},
      sync: { pullIntervalMs: 100, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
    });
    await h.open({ accountId: partner.account.id });
    online = true;
    await eventually(async () => (await h['projects.owners']()).partner);
    expect(await h['projects.owners']()).toEqual({ accountId: partner.account.id, associations: [], partner: true });
    online = false;

    const id = 'proj-engine-records';
    const m = (name: Parameters<typeof h['projects.mutate']>[0]['name'], args: Record<string, unknown>) => h['projects.mutate']({ name, args });
    await m('project.create', { id, memberId: `${id}-owner`, partnerId: partner.account.id, title: 'Суу түтүгү', sector: 'construction', region: 'naryn' });
    await m('projectMember.add', { id: `${id}-helper`, projectId: id, accountId: helper.account.id, role: 'editor' });
    await m('pledge.create', { id: `${id}-p1`, projectId: id, donorName: 'Сеулдагы кыргыздар', anonymous: false, amount: 250_000, currency: 'USD', status: 'received' });
    await m('pledge.create', { id: `${id}-p2`, projectId: id, donorName: 'Айылдаштар', amount: 10_000_000, currency: 'KGS' });
    await m('expense.create', { id: `${id}-e1`, projectId: id, amount: 4_000_000, currency: 'KGS', purpose: 'Түтүктөр' });
    await m('milestone.create', { id: `${id}-ms1`, projectId: id, title: 'Түтүк тартуу', progress: 40 });

    await expect(m('pledge.create', { id: `${id}-bad1`, projectId: id, donorName: 'X', amount: -5, currency: 'USD' })).rejects.toMatchObject({ code: 'amount_not_positive' });
    await expect(m('expense.create', { id: `${id}-bad2`, projectId: id, amount: 100, currency: 'KGS' })).rejects.toMatchObject({ code: 'purpose_required' });
    await expect(m('expense.create', { id: `${id}-bad3`, projectId: id, amount: 100, currency: 'XXX', purpose: 'x' })).rejects.toMatchObject({ code: expect.stringMatching(/unknown_currency|invalid_args/) });
    await expect(h['projects.mutate']({ name: 'profile.update' as never, args: {} })).rejects.toMatchObject({ code: 'unknown_mutation' });
    // Field issues name the field, an update's as a create's; a mutator's own (no donor) too.
    await expect(m('project.update', { id, patch: { title: '  ' } })).rejects.toMatchObject({ code: 'invalid_args', detail: { issues: [{ field: 'title', code: 'required' }] } });
    await expect(m('pledge.create', { id: `${id}-bad4`, projectId: id, amount: 100, currency: 'KGS' })).rejects.toMatchObject({ code: 'invalid_args', detail: { issues: [{ field: 'donorName', code: 'required' }] } });
    expect((await h['projects.currencies']()).find((c) => c.code === 'KRW')).toEqual({ code: 'KRW', minorUnits: 0 });

    const local = await h['projects.records']({ id });
    expect(local?.role).toBe('owner');
    expect(local?.accountId).toBe(partner.account.id);
    expect(local?.project).toMatchObject({ id, title: 'Суу түтүгү', partnerId: partner.account.id, isPublic: false });
    expect(local?.members.map((x) => [x.id, x.accountId, x.role]).sort()).toEqual([
      [`${id}-helper`, helper.account.id, 'editor'],
      [`${id}-owner`, partner.account.id, 'owner'],
    ]);
    expect(local?.members.find((x) => x.accountId === partner.account.id)?.name).toBe('Partner');
    expect(local?.totals).toEqual([
      { currency: 'KGS', pledged: 10_000_000, received: 0, spent: 4_000_000 },
      { currency: 'USD', pledged: 250_000, received: 250_000, spent: 0 },
    ]);
    expect((await h['projects.list']()).map((p) => p.id)).toContain(id);

    online = true;
    await eventually(() => server.store.records.get('milestones', `${id}-ms1`) !== undefined);
    expect(server.store.projectRole(id, helper.account.id)).toBe('editor');
    await h['projects.mutate']({ name: 'project.setPublic', args: { id, isPublic: true } });
    await eventually(() => server.store.publicProject(id) !== null);
    expect(server.store.publicProject(id)!.totals).toEqual(local!.totals);
    await h.close();
  }, 30_000);
});
