/**
 * The skills-transfer handlers as the worker hosts them, in Node: two engines (a home partner
 * and a member) on in-memory sqlite-wasm, syncing with the real server over HTTP.
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteWasmDriver, type Oo1DatabaseLike } from '@mekendesh/store';
import { httpTransport } from '@mekendesh/sync';
import { eventually, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createEngineHandlers } from '@mekendesh/engine';
import type { NeedFields, OfferFields } from '@mekendesh/engine';

const sqlite3 = await sqlite3InitModule();

const NEED: NeedFields = {
  organisation: 'Кашкалдак айыл өкмөтү',
  title: 'Мектептин чатырын жабуу',
  description: null,
  sector: 'construction',
  region: 'osh',
  settlement: 'osh.kashkaldak',
  skills: ['construction.roofing'],
  formats: ['onsite'],
  languages: ['ky'],
  duration: 'short',
  startDate: '2027-05-01',
  endDate: '2027-06-30',
  targetGroup: 'мектеп окуучулары',
  country: null,
};

const OFFER: OfferFields = {
  title: 'Чатыр жабууну үйрөтөм',
  description: null,
  sectors: ['construction'],
  skills: ['construction.roofing'],
  formats: ['onsite'],
  availability: 'medium',
  languages: ['ky', 'ru'],
  regions: ['osh'],
};

describe('skills-transfer handlers (sqlite-wasm in Node, real server)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let partner: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    partner = await signUp(server.url, 'Partner');
    member = await signUp(server.url, 'Member');
    server.store.db.transaction(() => {
      const acc = server.store.records.get('accounts', partner.account.id)!;
      server.store.records.put('accounts', { ...acc, roles: ['member', 'home_partner'] });
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  function engineFor(user: TestUser) {
    let online = true;
    const handlers = createEngineHandlers({
      openDb: async () => sqliteWasmDriver(new sqlite3.oo1.DB(':memory:') as unknown as Oo1DatabaseLike),
      hasDb: async () => false,
      removeDb: async () => {},
      transport: httpTransport({
        baseUrl: server.url,
        token: () => user.token,
        fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
      }),
      emit: () => {},
      sync: { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } },
      indexSaveDelayMs: 20,
    });
    /** Pushes what is pending and pulls what is new. */
    const synced = async () => {
      await handlers.poke();
      await eventually(async () => {
        const s = await handlers.status();
        return s.pending === 0 && s.state === 'idle';
      });
      await handlers.poke();
      await eventually(async () => (await handlers.status()).state === 'idle');
    };
    return { handlers, synced, setOnline: (v: boolean) => (online = v) };
  }

  it('refuses needs from members, and invalid fields per field with nothing queued', async () => {
    const m = engineFor(member);
    await m.handlers.open({ accountId: member.account.id });
    try {
      await m.synced();
      expect(await m.handlers.transferContext()).toMatchObject({ accountId: member.account.id, canPostNeeds: false, unread: 0 });
      await expect(m.handlers.createNeed({ id: crypto.randomUUID(), fields: NEED })).rejects.toMatchObject({ code: 'forbidden' });

      await expect(
        m.handlers.createOffer({ id: crypto.randomUUID(), fields: { ...OFFER, title: ' ', skills: ['construction.roofing', 'construction.roofing'], regions: ['atlantis'] } }),
      ).rejects.toMatchObject({
        code: 'invalid_args',
        detail: { issues: [{ field: 'title', code: 'required' }, { field: 'skills', code: 'duplicate' }, { field: 'regions', code: 'unknown' }] },
      });
      await expect(m.handlers.createOffer({ id: crypto.randomUUID(), fields: { ...OFFER, title: 'x'.repeat(161) } })).rejects.toMatchObject({
        detail: { issues: [{ field: 'title', code: 'too_long' }] },
      });
      expect(await m.handlers.myOffers()).toEqual([]);
      expect((await m.handlers.status()).pending).toBe(0);

      // Create, retry with the same id (no second record), edit, close and reopen.
      const id = crypto.randomUUID();
      await m.handlers.createOffer({ id, fields: OFFER });
      await m.handlers.createOffer({ id, fields: OFFER });
      expect(await m.handlers.myOffers()).toMatchObject([{ id, title: OFFER.title, status: 'open' }]);
      await m.handlers.updateOffer({ id, patch: { title: 'Чатыр жабуу: онлайн кеңеш' } });
      await m.handlers.closeOffer({ id });
      expect(await m.handlers.myOffers()).toMatchObject([{ id, title: 'Чатыр жабуу: онлайн кеңеш', status: 'closed' }]);
      await m.handlers.closeOffer({ id, reopen: true });
      await m.synced();
      expect(server.store.records.get('offers', id)).toMatchObject({ status: 'open', accountId: member.account.id, title: 'Чатыр жабуу: онлайн кеңеш' });
    } finally {
      await m.handlers.close();
    }
  });

  it('runs a need from posting to a completed engagement, with matches, reasons and notifications', async () => {
    const p = engineFor(partner);
    const m = engineFor(member);
    await p.handlers.open({ accountId: partner.account.id });
    await m.handlers.open({ accountId: member.account.id });
    try {
      await m.handlers.updateProfile({
        patch: { nameLatin: 'Aibek Toktogulov', skills: ['construction.roofing'], skillsAbroad: ['construction.roofing'], homeRegion: 'osh', availability: 'medium', formats: ['onsite'], languages: ['ky'] },
        visibility: { nameLatin: 'members' },
      });
      await m.synced();
      await p.synced();
      expect((await p.handlers.transferContext()).canPostNeeds).toBe(true);

      // An end date before the start is refused on the field.
      await expect(p.handlers.createNeed({ id: crypto.randomUUID(), fields: { ...NEED, endDate: '2027-04-01' } })).rejects.toMatchObject({
        code: 'invalid_args',
        detail: { issues: [{ field: 'endDate', code: 'before_start' }] },
      });
      const needId = crypto.randomUUID();
      await p.handlers.createNeed({ id: needId, fields: NEED });
      expect((await p.handlers.needs({ scope: 'mine' })).map((n) => n.id)).toEqual([needId]);
      await p.synced();

      // The poster sees the member among the ranked matches, with reasons.
      const detail = await p.handlers.needDetail({ id: needId });
      expect(detail.matches[0]).toMatchObject({ person: { id: member.account.id, name: 'Aibek Toktogulov' }, engagement: null });
      expect(detail.matches[0]!.reasons.map((r) => r.kind)).toEqual(['skills', 'home_region', 'languages', 'availability', 'formats']);

      // The member: a match notification, the need among theirs, interest.
      await m.synced();
      expect(await m.handlers.notifications()).toMatchObject([{ kind: 'need_match', title: NEED.title, needId, name: NEED.organisation, readAt: null }]);
      expect(await m.handlers.unreadCount()).toBe(1);
      const forMe = await m.handlers.needsForMe();
      expect(forMe.map((x) => x.need.id)).toEqual([needId]);
      expect(forMe[0]!.reasons[0]).toEqual({ kind: 'skills', skills: ['construction.roofing'], acquiredAbroad: ['construction.roofing'] });
      expect((await m.handlers.needDetail({ id: needId })).myMatch?.reasons.length).toBeGreaterThan(0);
      await m.handlers.markRead({ ids: (await m.handlers.notifications()).map((n) => n.id) });
      expect(await m.handlers.unreadCount()).toBe(0);

      const engagementId = crypto.randomUUID();
      await m.handlers.propose({ id: engagementId, needId, message: 'Жайында келе алам' });
      await m.handlers.propose({ id: engagementId, needId, message: 'Жайында келе алам' });
      expect(await m.handlers.engagements()).toMatchObject([
        { id: engagementId, status: 'proposed', side: 'member', other: { name: NEED.organisation }, needTitle: NEED.title, next: ['cancelled'] },
      ]);
      await m.synced();

      // The partner is told, accepts; the member starts; the partner completes with figures.
      await p.synced();
      expect(await p.handlers.notifications()).toMatchObject([{ kind: 'engagement_proposed', name: 'Aibek Toktogulov', engagementId }]);
      expect((await p.handlers.engagements())[0]).toMatchObject({ side: 'partner', next: ['accepted', 'declined'] });
      expect((await p.handlers.needDetail({ id: needId })).matches[0]!.engagement).toEqual({ id: engagementId, status: 'proposed' });
      await p.handlers.transition({ id: engagementId, to: 'accepted' });
      await p.synced();
      await m.synced();
      expect((await m.handlers.notifications())[0]).toMatchObject({ kind: 'engagement_accepted', name: NEED.organisation });
      expect((await m.handlers.engagements())[0]).toMatchObject({ status: 'accepted', next: ['in_progress', 'cancelled'] });
      await m.handlers.transition({ id: engagementId, to: 'in_progress' });
      await m.synced();
      await p.synced();
      await expect(p.handlers.transition({ id: engagementId, to: 'completed', hours: 36 })).rejects.toMatchObject({
        code: 'invalid_args',
        detail: { issues: [{ field: 'beneficiaries', code: 'required' }] },
      });
      await expect(p.handlers.transition({ id: engagementId, to: 'completed', hours: -1, beneficiaries: 2.5 })).rejects.toMatchObject({
        detail: { issues: [{ field: 'hours', code: 'range' }, { field: 'beneficiaries', code: 'range' }] },
      });
      await p.handlers.transition({ id: engagementId, to: 'completed', hours: 36, beneficiaries: 240 });
      await p.synced();
      await m.synced();
      expect(server.store.records.get('engagements', engagementId)).toMatchObject({ status: 'completed', hours: 36, beneficiaries: 240 });
      expect((await m.handlers.notifications()).map((n) => n.kind)).toEqual(['engagement_completed', 'engagement_accepted', 'need_match']);
      expect((await m.handlers.engagements())[0]).toMatchObject({ status: 'completed', next: [] });

      // The poster edits and closes the need: no longer among the member's.
      await p.handlers.updateNeed({ id: needId, patch: { title: 'Мектептин чатыры' } });
      await p.handlers.closeNeed({ id: needId });
      await p.synced();
      await m.synced();
      expect(await m.handlers.needsForMe()).toEqual([]);
      expect(server.store.records.get('needs', needId)).toMatchObject({ title: 'Мектептин чатыры', status: 'closed' });
    } finally {
      await p.handlers.close();
      await m.handlers.close();
    }
  });
});
