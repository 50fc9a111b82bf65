import { describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS, ROSTER_IMPORT_CHUNK, type RosterFields } from '@mekendesh/core';
import { eventually, openClient, post, signUp, startTestServer } from '../kit/server.ts';

/** Grants a signed-up account the association-leader role, as a coordinator would. */
function makeLeader(server: Awaited<ReturnType<typeof startTestServer>>, accountId: string) {
  const { records, db } = server.store;
  db.transaction(() => records.put('accounts', { ...records.get('accounts', accountId)!, roles: ['member', 'association_leader'] }));
}

const person = (i: number): RosterFields => ({
  ...EMPTY_ROSTER_FIELDS,
  nameCyrillic: `Мүчө ${String(i).padStart(5, '0')}`,
  phone: `+99655${String(1_000_000 + i).slice(-7)}`,
  city: i % 2 ? 'Казань' : 'Москва',
  tags: ['import'],
});

describe('rosters over sync', () => {
  it('a leader imports 1,000 people offline in one transaction, they reach the other leader, and the import is undone whole', async () => {
    const server = await startTestServer();
    const leader = await signUp(server.url, 'Leader');
    const second = await signUp(server.url, 'Second');
    const member = await signUp(server.url, 'Member');
    makeLeader(server, leader.account.id);
    const a = openClient(server, leader);
    const b = openClient(server, second);
    const m = openClient(server, member);
    try {
      await a.client.syncNow();
      a.client.mutate('association.create', { id: 'assoc-kazan1', membershipId: 'memb-kazan-lead', name: 'Казандагы кыргыздар', country: 'RU', city: 'Казань' });
      a.client.mutate('invitation.create', { id: 'invite-kazan1', associationId: 'assoc-kazan1', code: 'AAAAAAAAAA', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 5 });
      await a.client.syncNow();
      const code = a.client.get('invitations', 'invite-kazan1')!.code;
      // The second person joins with the code and is made secretary: a roster manager too.
      expect((await post(server.url, '/api/invitations/redeem', { code }, second.token)).status).toBe(200);
      expect((await post(server.url, '/api/invitations/redeem', { code }, member.token)).status).toBe(200);
      await a.client.syncNow();
      const secretary = a.client.records.where('memberships', 'account_id = ?', [second.account.id])[0]!;
      a.client.mutate('membership.setRole', { id: secretary.id, role: 'secretary' });
      await a.client.syncNow();

      // Offline: 1,000 people in 5 chunks, applied locally in one transaction.
      await a.client.stop();
      const total = 1_000;
      a.db.transaction(() => {
        for (let start = 0; start < total; start += ROSTER_IMPORT_CHUNK) {
          const creates = Array.from({ length: Math.min(ROSTER_IMPORT_CHUNK, total - start) }, (_, k) => ({
            id: `roster-imp-${String(start + k).padStart(5, '0')}`,
            fields: person(start + k),
          }));
          a.client.mutate('roster.import', { batchId: 'batch-kazan-1', associationId: 'assoc-kazan1', fileName: 'мүчөлөр.csv', creates, merges: [] });
        }
      });
      expect(a.client.records.where('roster', 'import_batch_id = ?', ['batch-kazan-1'])).toHaveLength(total);
      expect(a.client.status().pending).toBe(total / ROSTER_IMPORT_CHUNK);
      await a.client.syncNow();
      expect(a.client.status()).toMatchObject({ pending: 0, rejected: [] });

      // The secretary's device gets the roster; the plain member's never does.
      await b.client.syncNow();
      await m.client.syncNow();
      // Imported entries plus the three linked accounts (the founder, and the two who joined).
      expect(b.client.records.where('roster', 'association_id = ?', ['assoc-kazan1'])).toHaveLength(total + 3);
      expect(b.client.get('roster_imports', 'batch-kazan-1')).toMatchObject({ created: total, merged: 0, undoneAt: null });
      expect(m.client.records.where('roster', '1=1')).toEqual([]);
      expect(m.client.records.where('roster_imports', '1=1')).toEqual([]);

      // Undone whole, from the secretary's device: gone everywhere after sync.
      b.client.mutate('roster.undoImport', { batchId: 'batch-kazan-1' });
      await b.client.syncNow();
      await a.client.syncNow();
      expect(a.client.records.where('roster', 'import_batch_id = ?', ['batch-kazan-1'])).toEqual([]);
      expect(a.client.records.where('roster', 'association_id = ?', ['assoc-kazan1'])).toHaveLength(3);
      expect(server.store.records.where('roster', 'association_id = ?', ['assoc-kazan1'])).toHaveLength(3);
    } finally {
      await Promise.all([a.close(), b.close(), m.close()]);
      await server.stop();
    }
  });

  it('two leaders edit the same person offline: the later edit is refused with both values and kept until the leader decides', async () => {
    const server = await startTestServer();
    const leader = await signUp(server.url, 'Leader');
    const second = await signUp(server.url, 'Second');
    makeLeader(server, leader.account.id);
    const a = openClient(server, leader);
    const b = openClient(server, second);
    try {
      await a.client.syncNow();
      a.client.mutate('association.create', { id: 'assoc-seoul1', membershipId: 'memb-seoul-lead', name: 'Сеулдагы кыргыздар', country: 'KR', city: 'Сеул' });
      a.client.mutate('roster.create', { id: 'roster-seoul-01', associationId: 'assoc-seoul1', fields: { ...EMPTY_ROSTER_FIELDS, nameCyrillic: 'Айбек Осмонов' } });
      a.client.mutate('invitation.create', { id: 'invite-seoul1', associationId: 'assoc-seoul1', code: 'AAAAAAAAAA', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 5 });
      await a.client.syncNow();
      await post(server.url, '/api/invitations/redeem', { code: a.client.get('invitations', 'invite-seoul1')!.code }, second.token);
      await a.client.syncNow();
      const m = a.client.records.where('memberships', 'account_id = ?', [second.account.id])[0]!;
      a.client.mutate('membership.setRole', { id: m.id, role: 'leader' });
      await a.client.syncNow();
      await b.client.syncNow();
      expect(b.client.get('roster', 'roster-seoul-01')?.phone).toBeNull();

      // Both offline, both set the phone from what they saw (empty).
      await a.client.stop();
      await b.client.stop();
      a.client.mutate('roster.update', { id: 'roster-seoul-01', patch: { phone: '+821012345678' }, base: { phone: null } });
      b.client.mutate('roster.update', { id: 'roster-seoul-01', patch: { phone: '+996700123456', city: 'Инчхон' }, base: { phone: null, city: null } });
      await a.client.syncNow();
      await b.client.syncNow();

      // The second edit is refused, with both values, and kept; its local value rolled back.
      const rejected = b.client.status().rejected;
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ name: 'roster.update', error: 'conflict', detail: { conflicts: [{ field: 'phone', theirs: '+821012345678', yours: '+996700123456' }] } });
      expect(b.client.get('roster', 'roster-seoul-01')).toMatchObject({ phone: '+821012345678', city: null });

      // The leader keeps their own value: the fixed mutation is based on what they now see.
      b.client.fix(rejected[0]!.id, { id: 'roster-seoul-01', patch: { phone: '+996700123456', city: 'Инчхон' }, base: { phone: '+821012345678', city: null } });
      await b.client.syncNow();
      expect(b.client.status()).toMatchObject({ pending: 0, rejected: [] });
      await a.client.syncNow();
      await eventually(() => a.client.get('roster', 'roster-seoul-01')?.phone === '+996700123456');
      expect(a.client.get('roster', 'roster-seoul-01')?.city).toBe('Инчхон');
    } finally {
      await Promise.all([a.close(), b.close()]);
      await server.stop();
    }
  });
});
