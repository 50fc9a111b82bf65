import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openClient, post, signUp, startTestServer, type TestUser } from '../kit/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('associations, memberships and invitation codes over sync', () => {
  let server: Server;
  let coordinator: TestUser;
  let leader: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    coordinator = await signUp(server.url, 'Coordinator');
    leader = await signUp(server.url, 'Leader');
    // The first coordinator comes from the CLI; here we set the role directly in the database.
    server.store.db.transaction(() => {
      const acc = server.store.records.get('accounts', coordinator.account.id)!;
      server.store.records.put('accounts', { ...acc, roles: ['member', 'coordinator'] });
    });
  });
  afterAll(async () => server.stop());

  it('a coordinator verifies a leader; the leader creates an association and an invitation; a newcomer joins with the code', async () => {
    // The coordinator's client queues the grant, though it holds no copy of the leader's account.
    const co = openClient(server, coordinator);
    try {
      await co.client.syncNow();
      co.client.mutate('account.setRoles', { accountId: leader.account.id, roles: ['association_leader'] });
      await co.client.syncNow();
      expect(co.client.status()).toMatchObject({ pending: 0, rejected: [] });
    } finally {
      await co.close();
    }

    const l = openClient(server, leader);
    try {
      await l.client.syncNow();
      expect(l.client.get('accounts', leader.account.id)!.roles).toContain('association_leader');
      l.client.mutate('association.create', { id: 'assoc-seoul-1', membershipId: 'memb-seoul-lead', name: 'Сеулдагы кыргыздар', country: 'KR', city: 'Сеул' });
      // The client proposes a code to show offline; the server draws the real one.
      const proposed = 'AAAAAAAAAA';
      l.client.mutate('invitation.create', { id: 'invite-seoul-1', associationId: 'assoc-seoul-1', code: proposed, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 50 });
      expect(l.client.get('invitations', 'invite-seoul-1')!.code).toBe(proposed);
      await l.client.syncNow();
      expect(l.client.status().rejected).toEqual([]);
      const code = l.client.get('invitations', 'invite-seoul-1')!.code;
      expect(code).not.toBe(proposed);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);

      // A newcomer signs up with the code and is an active member at once.
      const newcomer = await signUp(server.url, 'Newcomer', { invitationCode: code });
      const n = openClient(server, newcomer);
      try {
        await n.client.syncNow();
        const mine = n.client.records.where('memberships', 'account_id = ?', [newcomer.account.id]);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ associationId: 'assoc-seoul-1', status: 'active', role: 'member' });
        // Members never receive invitation codes.
        expect(n.client.records.where('invitations', '1=1')).toEqual([]);
      } finally {
        await n.close();
      }

      // An existing member redeems it over HTTP; a second redeem says already_member; a bad code is refused.
      const existing = await signUp(server.url, 'Existing');
      const ok = await post(server.url, '/api/invitations/redeem', { code }, existing.token);
      expect(ok.status).toBe(200);
      const twice = await post(server.url, '/api/invitations/redeem', { code }, existing.token);
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('already_member');
      const bad = await post(server.url, '/api/invitations/redeem', { code: proposed }, existing.token, { 'accept-language': 'en' });
      expect(bad.status).toBe(404);
      expect(bad.body).toMatchObject({ error: 'invitation_invalid', message: 'The invitation code is not valid.' });

      // The leader's roster now has the three members.
      await l.client.syncNow();
      await eventually(() => l.client.records.where('memberships', "association_id = ? AND status = 'active'", ['assoc-seoul-1']).length === 3);
      l.client.mutate('invitation.revoke', { id: 'invite-seoul-1' });
      await l.client.syncNow();
      const late = await signUp(server.url, 'Late');
      const refused = await post(server.url, '/api/invitations/redeem', { code }, late.token);
      expect(refused.body.error).toBe('invitation_invalid');
    } finally {
      await l.close();
    }
  });

  it('a member cannot grant roles', async () => {
    const member = await signUp(server.url, 'Sneaky');
    const res = await post(server.url, '/api/sync/push', {
      clientId: 'sneaky-client-000001',
      mutations: [{ id: 1, name: 'account.setRoles', args: { accountId: member.account.id, roles: ['coordinator'] }, createdAt: new Date().toISOString() }],
    }, member.token);
    expect(res.body.results).toEqual([{ id: 1, status: 'rejected', error: 'forbidden' }]);
  });

  it('serves the shell page in Kyrgyz by default, and in the asked language', async () => {
    const ky = await (await fetch(`${server.url}/`)).text();
    expect(ky).toContain('<html lang="ky">');
    expect(ky).toContain('Мекендеш');
    const en = await (await fetch(`${server.url}/?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('The platform that connects compatriots abroad with Kyrgyzstan');
  });

  it('writes structured logs without secrets', async () => {
    const lines = server.logger.lines;
    expect(lines.some((l) => l.msg === 'request' && typeof l.status === 'number' && typeof l.ms === 'number')).toBe(true);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('correct horse battery');
    expect(text).not.toContain(leader.token);
    expect(text).not.toContain(leader.email);
  });
});
