/**
 * The desktop backend's leader service in plain Node: real SQLite files in a temp data folder,
 * the real server on loopback, and a second leader's device to make conflicts with.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS } from '@mekendesh/core';
import { eventually, openClient, post, signUp, startTestServer, type TestUser } from '../../../tests/kit/server.ts';
import { createBackend, type BackendEvent } from './backend.ts';
import { accountFile } from './leader.ts';

const SYNC = { pullIntervalMs: 60_000, pushDelayMs: 5, backoff: { initialMs: 20, maxMs: 100 } };

describe('the leader service of the desktop backend', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let leader: TestUser;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    leader = await signUp(server.url, 'Leader');
    const { records, db } = server.store;
    db.transaction(() => records.put('accounts', { ...records.get('accounts', leader.account.id)!, roles: ['member', 'association_leader'] }));
    dir = mkdtempSync(join(tmpdir(), 'mekendesh-desktop-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, keeps a roster offline and in sync, approves members, issues codes, resolves a conflict, backs up and restores', async () => {
    const events: BackendEvent[] = [];
    const backend = createBackend({ dataDir: dir, serverUrl: server.url, emit: (e) => events.push(e), sync: SYNC });
    const h = backend.handlers;
    const idle = () => eventually(() => {
      const s = h.syncStatus();
      return s.state === 'idle' && s.pending === 0;
    });
    try {
      // Wrong password: the server's reason code.
      await expect(h.signIn({ email: leader.email, password: 'not the password' })).rejects.toMatchObject({ code: 'invalid_credentials' });
      const { account, token } = await h.signIn({ email: leader.email, password: leader.password });
      expect(account.id).toBe(leader.account.id);
      await h.open({ accountId: account.id, token });
      // The first pull brings the account's roles (association leader).
      await idle();
      // One database per account, in WAL mode.
      const file = accountFile(dir, account.id);
      expect(existsSync(file)).toBe(true);
      const probe = new Database(file, { readonly: true });
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      probe.close();

      const { id: assoc } = h.createAssociation({ name: 'Стамбулдагы кыргыздар', country: 'TR', city: 'Стамбул' });
      await idle();
      expect(h.associations()).toEqual([expect.objectContaining({ id: assoc, role: 'leader', members: 1, pending: 0 })]);

      // People added by hand, sorted and searched.
      const add = (nameCyrillic: string, extra = {}) => h.rosterCreate({ associationId: assoc, fields: { ...EMPTY_ROSTER_FIELDS, nameCyrillic, ...extra } }).id;
      const asel = add('Асель Бекова', { phone: '+905321234567', city: 'Стамбул' });
      add('Үмүт Осмонова', { tags: ['жаштар'] });
      add('Бакыт Асанов', { renewalDate: '2020-01-01' });
      const names = (q = {}) => h.roster({ associationId: assoc, query: q }).rows.map((r) => r.name);
      expect(names()).toEqual(['Асель Бекова', 'Бакыт Асанов', 'Үмүт Осмонова', '']);
      expect(names({ text: 'umut' })).toEqual(['Үмүт Осмонова']);
      expect(names({ standing: ['expired'] })).toEqual(['Бакыт Асанов']);
      // The founder's own row is linked to the account (its name comes from the profile, here empty).
      expect(h.roster({ associationId: assoc }).rows.at(-1)).toMatchObject({ accountId: account.id, role: 'leader' });
      await idle();

      // Bulk tags over a selection.
      const all = h.rosterIds({ associationId: assoc, query: { text: 'ова' } });
      expect(all).toHaveLength(2);
      h.rosterBulk({ associationId: assoc, ids: all, addTags: ['2026'] });
      expect(h.roster({ associationId: assoc, query: { tags: ['2026'] } }).rows.map((r) => r.name)).toEqual(['Асель Бекова', 'Үмүт Осмонова']);

      // An invitation code: a placeholder until the server draws the real one.
      const { id: inviteId } = h.createInvitation({ associationId: assoc, days: 30, maxUses: 10, requiresApproval: true });
      expect(h.invitations({ associationId: assoc })[0]).toMatchObject({ id: inviteId, confirmed: false });
      await idle();
      const invite = h.invitations({ associationId: assoc })[0]!;
      expect(invite.confirmed).toBe(true);
      expect(invite.code).not.toBe('AAAAAAAAAA');
      const qr = await h.invitationQr({ id: inviteId });
      expect(qr.link).toBe(`${server.url}/?invite=${invite.code}`);
      expect(qr.svg).toMatch(/^<svg[^>]*viewBox/);
      expect(qr.svg.match(/<path/g)!.length).toBeGreaterThan(0);

      // Someone joins with it: pending until approved, then on the roster, linked.
      const joiner = await signUp(server.url, 'Joiner');
      expect((await post(server.url, '/api/invitations/redeem', { code: invite.code }, joiner.token)).status).toBe(200);
      h.syncNow();
      await eventually(() => h.pendingMemberships({ associationId: assoc }).length === 1);
      const [request] = h.pendingMemberships({ associationId: assoc });
      expect(request).toMatchObject({ accountId: joiner.account.id });
      h.decideMemberships({ ids: [request!.id], decision: 'approve' });
      await idle();
      expect(h.roster({ associationId: assoc }).rows.some((r) => r.accountId === joiner.account.id)).toBe(true);
      h.setRole({ associationId: assoc, accountId: joiner.account.id, role: 'secretary' });
      await idle();
      expect(server.store.records.openMembership(assoc, joiner.account.id)?.role).toBe('secretary');

      // The secretary edits Асель's phone on another device; this leader, offline, edits it too.
      const other = openClient(server, joiner);
      try {
        await other.client.syncNow();
        const before = backend.handlers.rosterEntry({ id: asel });
        expect(before.phone).toBe('+905321234567');
        other.client.mutate('roster.update', { id: asel, patch: { phone: '+905550000000' }, base: { phone: '+905321234567' } });
        await other.client.syncNow();
      } finally {
        await other.close();
      }
      h.rosterUpdate({ id: asel, patch: { phone: '+996700111222' } });
      h.syncNow();
      await eventually(() => h.rejected().length === 1);
      const [conflict] = h.rejected();
      expect(conflict).toMatchObject({ name: 'roster.update', error: 'conflict', detail: { conflicts: [{ field: 'phone', theirs: '+905550000000', yours: '+996700111222' }] } });
      expect(h.rosterEntry({ id: asel }).phone).toBe('+905550000000');
      // The leader keeps theirs: it goes through, based on what they saw in the conflict.
      h.keepMine({ id: conflict!.id });
      await idle();
      expect(h.rejected()).toEqual([]);
      expect(server.store.records.get('roster', asel)?.phone).toBe('+996700111222');

      // Backup with the online backup API while open; later changes; restore brings the copy back.
      const copy = join(dir, 'backup-1.db');
      const result = await h.backup({ file: copy });
      expect(result.pages).toBeGreaterThan(0);
      add('Кийин кошулган');
      expect(h.roster({ associationId: assoc }).total).toBe(6);
      await idle();
      await h.restore({ file: copy });
      // The restored copy lacks the later person locally until sync brings it back from the server.
      await eventually(() => h.roster({ associationId: assoc }).total === 6);
      await idle();
      expect(h.rejected()).toEqual([]);

      // Not a backup of this account: refused, nothing replaced.
      const stranger = join(dir, 'stranger.db');
      new Database(stranger).close();
      await expect(h.restore({ file: stranger })).rejects.toMatchObject({ code: 'bad_request' });
      expect(h.roster({ associationId: assoc }).total).toBe(6);

      // Events reached the renderer side: status and changed tables.
      expect(events.some((e) => e.type === 'status')).toBe(true);
      expect(events.some((e) => e.type === 'changes' && e.tables.includes('roster'))).toBe(true);
      // Another association's roster is not this leader's to read.
      expect(() => h.roster({ associationId: 'assoc-not-mine' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    } finally {
      await backend.close();
    }
  });
});
