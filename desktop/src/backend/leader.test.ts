/**
 * The desktop backend's leader service in plain Node: real SQLite files in a temp data folder,
 * the real server on loopback, and a second leader's device to make conflicts with.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ROSTER_FIELDS } from '@mekendesh/core';
import { generateRosterCsv, readTable } from '@mekendesh/import';
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
      // Roles list only people with accounts, across the whole roster, leaders first.
      const members = h.members({ associationId: assoc });
      expect(members.total).toBe(2);
      expect(members.rows.map((r) => r.accountId).sort()).toEqual([leader.account.id, joiner.account.id].sort());
      expect(members.rows[0]!.role).toBe('leader');
      expect(h.members({ associationId: assoc, limit: 1 })).toMatchObject({ total: 2, rows: [{ role: 'leader' }] });
      expect(h.roster({ associationId: assoc }).total).toBeGreaterThan(2);
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
      // The refusal is recorded by the push; the pull that follows in the same round rolls the
      // local edit back. Wait for the round to end, not only for the refusal.
      await eventually(() => h.rejected().length === 1 && h.syncStatus().state === 'idle');
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
      // Changes made after the restore reach the server (new mutation ids follow the old ones).
      const afterRestore = add('Калыбырдан кийин');
      await idle();
      expect(server.store.records.get('roster', afterRestore)?.nameCyrillic).toBe('Калыбырдан кийин');

      // Not a backup of this account: refused, nothing replaced.
      const stranger = join(dir, 'stranger.db');
      new Database(stranger).close();
      await expect(h.restore({ file: stranger })).rejects.toMatchObject({ code: 'bad_request' });
      expect(h.roster({ associationId: assoc }).total).toBe(7);

      // Events reached the renderer side: status and changed tables.
      expect(events.some((e) => e.type === 'status')).toBe(true);
      expect(events.some((e) => e.type === 'changes' && e.tables.includes('roster'))).toBe(true);
      // Another association's roster is not this leader's to read.
      expect(() => h.roster({ associationId: 'assoc-not-mine' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    } finally {
      await backend.close();
    }
  });

  it('imports a Windows-1251 file with a preview and report, then 50,000 rows in one transaction, undoes them, and exports what members share', async () => {
    const backend = createBackend({ dataDir: dir, serverUrl: server.url, sync: SYNC });
    const h = backend.handlers;
    const idle = () => eventually(() => {
      const st = h.syncStatus();
      return st.state === 'idle' && st.pending === 0;
    }, 60_000);
    try {
      const { account, token } = await h.signIn({ email: leader.email, password: leader.password });
      await h.open({ accountId: account.id, token });
      await idle();
      const { id: assoc } = h.createAssociation({ name: 'Москвадагы мекендештер', country: 'RU', city: 'Москва' });
      await idle();

      // Not a spreadsheet: refused with its reason, nothing planned.
      const pdf = readFileSync(join(import.meta.dirname, '../../../tests/fixtures/import/roster.pdf'));
      await expect(h.importPlan({ associationId: assoc, fileName: 'roster.pdf', bytes: pdf })).rejects.toMatchObject({ code: 'bad_request', detail: { reason: 'import_bad_type' } });

      // Russian Excel's CSV: Windows-1251, semicolons; headers detected, rows checked.
      const cp1251 = readFileSync(join(import.meta.dirname, '../../../tests/fixtures/import/windows-1251.csv'));
      const preview = await h.importPlan({ associationId: assoc, fileName: 'члены.csv', bytes: cp1251 });
      expect(preview).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
      expect(preview.mapping.columns.some((c) => c.target === 'phone')).toBe(true);
      expect(preview.summary.create).toBeGreaterThan(0);
      expect(h.roster({ associationId: assoc }).total).toBe(1); // a dry run: only the founder
      const small = h.importApply({ planId: preview.planId });
      expect(h.roster({ associationId: assoc }).total).toBe(1 + small.created);
      // The same file again: every row is now a duplicate of the roster, skipped by default.
      const again = await h.importPlan({ associationId: assoc, fileName: 'члены.csv', bytes: cp1251 });
      expect(again.summary.create).toBe(0);
      expect(again.summary.skipped).toBe(small.created);
      await idle();

      // An import that fails while applying leaves the database exactly as it was: the roster
      // entry a merge targets is deleted between the dry run and the go-ahead.
      const merging = await h.importPlan({ associationId: assoc, fileName: 'члены.csv', bytes: cp1251, onDuplicate: 'merge' });
      expect(merging.summary.merge).toBeGreaterThan(0);
      const target = merging.report.find((r) => r.duplicate && 'existingId' in r.duplicate.of)!.duplicate!.of as { existingId: string };
      h.rosterDelete({ id: target.existingId });
      const totalBefore = h.roster({ associationId: assoc }).total;
      const pendingBefore = h.syncStatus().pending;
      expect(() => h.importApply({ planId: merging.planId })).toThrow(expect.objectContaining({ code: 'not_found' }));
      expect(h.roster({ associationId: assoc }).total).toBe(totalBefore);
      expect(h.syncStatus().pending).toBe(pendingBefore);
      expect(h.imports({ associationId: assoc }).map((b) => b.id)).toEqual([small.batchId]);
      await idle();

      // 50,000 generated rows (with known bad rows and duplicates): planned, applied at once, synced, undone.
      const generated = generateRosterCsv(50_000, 7);
      const bytes = new TextEncoder().encode(generated.csv);
      const big = await h.importPlan({ associationId: assoc, fileName: 'all.csv', bytes });
      expect(big.summary.rows).toBe(generated.expected.rows);
      expect(big.summary.invalid).toBe(generated.expected.invalid);
      expect(big.report.length).toBeGreaterThan(0);
      expect(big.report[0]!.issues.length + (big.report[0]!.duplicate ? 1 : 0)).toBeGreaterThan(0);
      const before = h.roster({ associationId: assoc }).total;
      const applied = h.importApply({ planId: big.planId });
      expect(applied.created).toBe(big.summary.create);
      expect(h.roster({ associationId: assoc }).total).toBe(before + applied.created);
      // A plan is used once.
      expect(() => h.importApply({ planId: big.planId })).toThrow(expect.objectContaining({ code: 'not_found' }));
      await idle();
      expect(server.store.records.where('roster', 'import_batch_id = ?', [applied.batchId])).toHaveLength(applied.created);
      expect(h.imports({ associationId: assoc })[0]).toMatchObject({ id: applied.batchId, created: applied.created, undoneAt: null });

      h.importUndo({ batchId: applied.batchId });
      expect(h.roster({ associationId: assoc }).total).toBe(before);
      await idle();
      expect(server.store.records.where('roster', 'import_batch_id = ?', [applied.batchId])).toHaveLength(0);

      // Export: a member with an account contributes only what they share with the association.
      const member = await signUp(server.url, 'Exported');
      const memberDevice = openClient(server, member);
      try {
        await memberDevice.client.syncNow();
        memberDevice.client.mutate('profile.update', {
          id: member.account.id,
          patch: { nameLatin: 'Shared Name', phone: '+79161234567', city: 'Москва' },
          visibility: { nameLatin: 'associations', phone: 'private', city: 'associations' },
        });
        await memberDevice.client.syncNow();
      } finally {
        await memberDevice.close();
      }
      const { id: inviteId } = h.createInvitation({ associationId: assoc, days: 7, maxUses: 1, requiresApproval: false });
      await idle();
      const code = h.invitations({ associationId: assoc }).find((i) => i.id === inviteId)!.code;
      expect((await post(server.url, '/api/invitations/redeem', { code }, member.token)).status).toBe(200);
      h.syncNow();
      await eventually(() => h.roster({ associationId: assoc, query: { text: 'shared name' } }).total === 1);
      const linkedId = h.roster({ associationId: assoc, query: { text: 'shared name' } }).rows[0]!.id;
      const out = await h.exportRoster({ associationId: assoc, ids: [linkedId], columns: ['nameLatin', 'phone', 'city'], format: 'csv', locale: 'en' });
      const table = await readTable(out.bytes, out.fileName);
      expect(table.ok && table.table.rows).toEqual([expect.any(Array), ['Shared Name', '', 'Москва']]);
      expect(out.fileName).toMatch(/\.csv$/);
      const xlsx = await h.exportRoster({ associationId: assoc, query: { text: 'shared' }, columns: ['nameLatin', 'city'], format: 'xlsx', locale: 'ky' });
      const back = await readTable(xlsx.bytes, xlsx.fileName);
      expect(back.ok && back.table.rows.slice(1)).toEqual([['Shared Name', 'Москва']]);
    } finally {
      await backend.close();
    }
  }, 240_000);
});
