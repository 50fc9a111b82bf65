import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankNeedsForProfile, rankProfilesForNeed, type Need, type ProfileView } from '@mekendesh/core';
import { openClient, signUp, startTestServer, type TestUser } from '../kit/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('skills transfer through the real server: a need, its matches, interest, and a completed engagement', () => {
  let server: Server;
  let partner: TestUser;
  let member: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    partner = await signUp(server.url, 'Partner');
    member = await signUp(server.url, 'Member');
    outsider = await signUp(server.url, 'Outsider');
    server.store.db.transaction(() => {
      const acc = server.store.records.get('accounts', partner.account.id)!;
      server.store.records.put('accounts', { ...acc, roles: ['member', 'home_partner'] });
    });
  });
  afterAll(async () => server.stop());

  it('runs the whole flow, and only the two parties see the engagement', async () => {
    const p = openClient(server, partner);
    const m = openClient(server, member);
    const o = openClient(server, outsider);
    try {
      m.client.mutate('profile.update', {
        id: member.account.id,
        patch: { nameLatin: 'Aibek Toktogulov', skills: ['construction.roofing'], skillsAbroad: ['construction.roofing'], homeRegion: 'osh', availability: 'medium', formats: ['onsite'] },
        visibility: { nameLatin: 'members' },
      });
      await m.client.syncNow();
      await p.client.syncNow();
      p.client.mutate('need.create', {
        id: 'need-kashkaldak-roof', organisation: 'Кашкалдак айыл өкмөтү', title: 'Мектептин чатырын жабуу', description: null,
        sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak', skills: ['construction.roofing'], formats: ['onsite'],
        languages: ['ky'], duration: 'short', startDate: null, endDate: null, targetGroup: 'мектеп окуучулары', country: null,
      });
      await p.client.syncNow();
      expect(p.client.status().rejected).toEqual([]);

      // The matching member is told of the new need; the non-matching outsider is not.
      await m.client.syncNow();
      await o.client.syncNow();
      expect(m.client.records.where('notifications', "kind = 'need_match'").map((n) => n.subjectId)).toEqual(['need-kashkaldak-roof']);
      expect(o.client.records.where('notifications', '1=1')).toEqual([]);

      // The partner's matches, from the profiles it may see, with reasons.
      const need = p.client.get('needs', 'need-kashkaldak-roof') as Need;
      const profiles = p.client.records.where('profiles', '1=1') as ProfileView[];
      const matches = rankProfilesForNeed(need, profiles);
      expect(matches[0]!.profile.id).toBe(member.account.id);
      expect(matches[0]!.match.reasons.map((r) => r.kind)).toEqual(['skills', 'home_region', 'availability', 'formats']);

      // The member finds the need among those matching them, and shows interest.
      await m.client.syncNow();
      const mine = rankNeedsForProfile(m.client.get('profiles', member.account.id) as ProfileView, m.client.records.where('needs', '1=1') as Need[]);
      expect(mine.map((x) => x.need.id)).toEqual(['need-kashkaldak-roof']);
      m.client.mutate('engagement.propose', { id: 'engagement-roof-1', needId: 'need-kashkaldak-roof', message: 'Жайында келе алам' });
      await m.client.syncNow();

      // The partner is notified, accepts; the member is notified, starts; the partner completes it.
      await p.client.syncNow();
      const note = p.client.records.where('notifications', 'account_id = ?', [partner.account.id]);
      expect(note.map((n) => [n.kind, n.subjectId])).toEqual([['engagement_proposed', 'engagement-roof-1']]);
      p.client.mutate('engagement.transition', { id: 'engagement-roof-1', to: 'accepted' });
      p.client.mutate('notification.read', { ids: note.map((n) => n.id) });
      await p.client.syncNow();
      await m.client.syncNow();
      expect(m.client.records.where('notifications', "kind != 'need_match'").map((n) => n.kind)).toEqual(['engagement_accepted']);
      m.client.mutate('engagement.transition', { id: 'engagement-roof-1', to: 'in_progress' });
      await m.client.syncNow();
      await p.client.syncNow();
      p.client.mutate('engagement.transition', { id: 'engagement-roof-1', to: 'completed', hours: 36, beneficiaries: 240 });
      await p.client.syncNow();
      await m.client.syncNow();
      expect(m.client.get('engagements', 'engagement-roof-1')).toMatchObject({ status: 'completed', hours: 36, beneficiaries: 240 });
      expect(p.client.records.where('notifications', 'read_at IS NOT NULL').length).toBe(1);

      // Someone else sees the need but neither the engagement nor anyone's notifications, and cannot act on it.
      await o.client.syncNow();
      expect(o.client.get('needs', 'need-kashkaldak-roof')).toBeDefined();
      expect(o.client.records.where('engagements', '1=1')).toEqual([]);
      expect(o.client.records.where('notifications', '1=1')).toEqual([]);
      expect(() => o.client.mutate('engagement.transition', { id: 'engagement-roof-1', to: 'cancelled' })).toThrow('not_found');
      const forged = await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${outsider.token}` },
        body: JSON.stringify({ clientId: o.client.clientId, mutations: [{ id: 1, name: 'engagement.transition', args: { id: 'engagement-roof-1', to: 'cancelled' }, createdAt: new Date().toISOString() }] }),
      });
      expect(((await forged.json()) as { results: unknown[] }).results).toEqual([{ id: 1, status: 'rejected', error: 'forbidden' }]);
    } finally {
      await p.close();
      await m.close();
      await o.close();
    }
  });
});
