import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DomainError, type AccountRole } from '@mekendesh/core';
import { betterSqlite3Driver } from './adapters/better-sqlite3.ts';
import { migrate } from './migrate.ts';
import { CLIENT_MIGRATIONS, RECORD_MIGRATIONS } from './migrations/index.ts';
import { Records } from './records.ts';
import { runMutation } from './mutators.ts';

const NOW = '2026-06-01T10:00:00.000Z';

function setup() {
  const db = betterSqlite3Driver(new Database(':memory:'));
  migrate(db, [RECORD_MIGRATIONS, CLIENT_MIGRATIONS]);
  const records = new Records(db);
  const account = (id: string, roles: AccountRole[] = ['member']) =>
    records.put('accounts', { id, email: `${id}@example.org`, displayName: `Name ${id}`, roles, locale: 'ky', createdAt: NOW, updatedAt: NOW });
  account('leader-01', ['member', 'association_leader']);
  account('partner-01', ['member', 'home_partner']);
  for (const id of ['editor-01', 'viewer-01', 'member-01', 'pledger-01']) account(id);
  runMutation(records, 'association.create', { id: 'assoc-0001', membershipId: 'memb-0001', name: 'Чикагодогу кыргыздар', country: 'US', city: 'Chicago' }, ctx(records, 'leader-01'));
  const run = (who: string, name: string, args: unknown) => runMutation(records, name, args, ctx(records, who));
  const refuse = (who: string, name: string, args: unknown): string => {
    try {
      run(who, name, args);
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
    return 'applied';
  };
  return { db, records, run, refuse };
}

function ctx(records: Records, accountId: string) {
  return { viewer: records.viewer(accountId), now: NOW, side: 'server' as const };
}

/** A project of the association with an editor and a viewer. */
function withProject() {
  const w = setup();
  w.run('leader-01', 'project.create', {
    id: 'project-0001', memberId: 'pm-owner-01', associationId: 'assoc-0001', title: 'Таза суу', sector: 'energy_water', region: 'batken',
    budgetAmount: 2_000_000_00, budgetCurrency: 'KGS',
  });
  w.run('leader-01', 'projectMember.add', { id: 'pm-editor-01', projectId: 'project-0001', accountId: 'editor-01', role: 'editor' });
  w.run('leader-01', 'projectMember.add', { id: 'pm-viewer-01', projectId: 'project-0001', accountId: 'viewer-01', role: 'viewer' });
  return w;
}

const pledge = (over: Record<string, unknown> = {}) => ({ id: 'pledge-0001', projectId: 'project-0001', donorName: 'Чикаго диаспорасы', amount: 7_000_000, currency: 'USD', ...over });
const expense = (over: Record<string, unknown> = {}) => ({ id: 'expense-0001', projectId: 'project-0001', amount: 150_000, currency: 'KGS', purpose: 'Түтүктөр', ...over });
const milestone = (over: Record<string, unknown> = {}) => ({ id: 'milestone-0001', projectId: 'project-0001', title: 'Долбоор', ...over });

describe('project creation', () => {
  it('an association manager creates a project and becomes its owner; it starts as a private draft', () => {
    const { records } = withProject();
    expect(records.get('projects', 'project-0001')).toMatchObject({ status: 'draft', isPublic: false, createdBy: 'leader-01', budgetAmount: 200_000_000 });
    expect(records.projectMember('project-0001', 'leader-01')?.role).toBe('owner');
    expect(records.viewer('editor-01').projects?.get('project-0001')).toBe('editor');
  });

  it('a plain member cannot create one; a home partner creates their own; nobody creates one for another partner', () => {
    const { refuse } = setup();
    const base = { id: 'project-0002', memberId: 'pm-member-0002', title: 'Мектеп', sector: 'education', region: 'osh' };
    expect(refuse('member-01', 'project.create', { ...base, associationId: 'assoc-0001' })).toBe('forbidden');
    expect(refuse('member-01', 'project.create', { ...base, partnerId: 'member-01' })).toBe('forbidden');
    expect(refuse('partner-01', 'project.create', { ...base, partnerId: 'leader-01' })).toBe('forbidden');
    expect(refuse('partner-01', 'project.create', { ...base, partnerId: 'partner-01', organisation: 'Кашкалдак айыл өкмөтү' })).toBe('applied');
    // Both or neither owner: the schema refuses.
    expect(refuse('partner-01', 'project.create', { ...base, id: 'project-0003', memberId: 'pm-member-0003' })).toBe('invalid_args');
  });

  it('a budget must be positive and in a known currency', () => {
    const { refuse } = withProject();
    expect(refuse('editor-01', 'project.update', { id: 'project-0001', patch: { budgetAmount: -5 } })).toBe('amount_not_positive');
    expect(refuse('editor-01', 'project.update', { id: 'project-0001', patch: { budgetCurrency: 'ABC' } })).toBe('unknown_currency');
    expect(refuse('editor-01', 'project.update', { id: 'project-0001', patch: { budgetAmount: 100, budgetCurrency: 'EUR', status: 'active' } })).toBe('applied');
  });
});

describe('money and milestones are validated with reason codes', () => {
  it('pledges: negative or zero amount, unknown currency, an outside donor without a name', () => {
    const { refuse, records } = withProject();
    expect(refuse('editor-01', 'pledge.create', pledge({ amount: -100 }))).toBe('amount_not_positive');
    expect(refuse('editor-01', 'pledge.create', pledge({ amount: 0 }))).toBe('amount_not_positive');
    expect(refuse('editor-01', 'pledge.create', pledge({ currency: 'XXX' }))).toBe('unknown_currency');
    expect(refuse('editor-01', 'pledge.create', pledge({ currency: 'usd' }))).toBe('unknown_currency');
    expect(refuse('editor-01', 'pledge.create', pledge({ amount: 1.5 }))).toBe('invalid_args');
    expect(refuse('editor-01', 'pledge.create', pledge({ donorName: null }))).toBe('invalid_args');
    expect(records.get('pledges', 'pledge-0001')).toBeUndefined();
    expect(refuse('editor-01', 'pledge.create', pledge())).toBe('applied');
    expect(records.get('pledges', 'pledge-0001')).toMatchObject({ anonymous: true, status: 'pledged', amount: 7_000_000 });
    expect(refuse('editor-01', 'pledge.update', { id: 'pledge-0001', patch: { amount: -1 } })).toBe('amount_not_positive');
    expect(refuse('editor-01', 'pledge.update', { id: 'pledge-0001', patch: { status: 'received' } })).toBe('applied');
    expect(records.get('pledges', 'pledge-0001')).toMatchObject({ status: 'received', receivedOn: '2026-06-01' });
  });

  it('expenses: negative amount, unknown currency, a missing or blank purpose', () => {
    const { refuse, records } = withProject();
    expect(refuse('editor-01', 'expense.create', expense({ amount: -150 }))).toBe('amount_not_positive');
    expect(refuse('editor-01', 'expense.create', expense({ currency: 'SOM' }))).toBe('unknown_currency');
    expect(refuse('editor-01', 'expense.create', expense({ purpose: undefined }))).toBe('purpose_required');
    expect(refuse('editor-01', 'expense.create', expense({ purpose: '   ' }))).toBe('purpose_required');
    expect(refuse('editor-01', 'expense.create', expense({ receiptUrl: 'javascript:alert(1)' }))).toBe('invalid_args');
    expect(refuse('editor-01', 'expense.create', expense({ receiptUrl: 'https://example.org/receipt.pdf' }))).toBe('applied');
    expect(records.get('expenses', 'expense-0001')).toMatchObject({ purpose: 'Түтүктөр', receiptFileId: null });
    expect(refuse('editor-01', 'expense.update', { id: 'expense-0001', patch: { purpose: null } })).toBe('purpose_required');
    expect(refuse('editor-01', 'expense.update', { id: 'expense-0001', patch: { amount: 0 } })).toBe('amount_not_positive');
  });

  it('milestones: progress within 0–100; done means 100', () => {
    const { refuse, records } = withProject();
    expect(refuse('editor-01', 'milestone.create', milestone({ progress: 101 }))).toBe('progress_out_of_range');
    expect(refuse('editor-01', 'milestone.create', milestone({ progress: -1 }))).toBe('progress_out_of_range');
    expect(refuse('editor-01', 'milestone.create', milestone({ progress: 40, dueDate: '2026-09-01' }))).toBe('applied');
    expect(refuse('editor-01', 'milestone.update', { id: 'milestone-0001', patch: { progress: 150 } })).toBe('progress_out_of_range');
    expect(refuse('editor-01', 'milestone.update', { id: 'milestone-0001', patch: { done: true } })).toBe('applied');
    expect(records.get('milestones', 'milestone-0001')).toMatchObject({ done: true, progress: 100, dueDate: '2026-09-01' });
  });
});

describe('roles', () => {
  it('viewers write nothing; editors edit content; only owners manage members, the public flag and deletion', () => {
    const { refuse } = withProject();
    for (const who of ['viewer-01', 'member-01']) {
      const expected = who === 'viewer-01' ? 'forbidden' : 'not_found';
      expect(refuse(who, 'project.update', { id: 'project-0001', patch: { title: 'x' } }), who).toBe(expected);
      expect(refuse(who, 'pledge.create', pledge()), who).toBe(expected);
      expect(refuse(who, 'expense.create', expense()), who).toBe(expected);
      expect(refuse(who, 'milestone.create', milestone()), who).toBe(expected);
      expect(refuse(who, 'projectUpdate.create', { id: 'update-0001', projectId: 'project-0001', text: 'x', date: '2026-06-01' }), who).toBe(expected);
    }
    expect(refuse('editor-01', 'project.setPublic', { id: 'project-0001', isPublic: true })).toBe('forbidden');
    expect(refuse('editor-01', 'projectMember.add', { id: 'pm-x-000001', projectId: 'project-0001', accountId: 'member-01', role: 'viewer' })).toBe('forbidden');
    expect(refuse('editor-01', 'projectMember.setRole', { id: 'pm-viewer-01', role: 'editor' })).toBe('forbidden');
    expect(refuse('editor-01', 'projectMember.remove', { id: 'pm-viewer-01' })).toBe('forbidden');
    expect(refuse('editor-01', 'project.delete', { id: 'project-0001' })).toBe('forbidden');
    expect(refuse('editor-01', 'projectUpdate.create', { id: 'update-0001', projectId: 'project-0001', text: 'Иш башталды', date: '2026-06-01' })).toBe('applied');
    expect(refuse('leader-01', 'project.setPublic', { id: 'project-0001', isPublic: true })).toBe('applied');
    // A public project: outsiders now see it, and are told they may not, rather than that it is not there.
    expect(refuse('member-01', 'milestone.create', milestone())).toBe('forbidden');
  });

  it('a project always keeps an owner; anyone may leave', () => {
    const { refuse, records } = withProject();
    expect(refuse('leader-01', 'projectMember.setRole', { id: 'pm-owner-01', role: 'editor' })).toBe('last_owner');
    expect(refuse('leader-01', 'projectMember.remove', { id: 'pm-owner-01' })).toBe('last_owner');
    expect(refuse('viewer-01', 'projectMember.remove', { id: 'pm-viewer-01' })).toBe('applied');
    expect(refuse('leader-01', 'projectMember.setRole', { id: 'pm-editor-01', role: 'owner' })).toBe('applied');
    expect(refuse('leader-01', 'projectMember.setRole', { id: 'pm-owner-01', role: 'viewer' })).toBe('applied');
    expect(records.ownerCount('project-0001')).toBe(1);
    expect(refuse('editor-01', 'projectMember.add', { id: 'pm-again-01', projectId: 'project-0001', accountId: 'leader-01', role: 'editor' })).toBe('conflict');
    expect(refuse('editor-01', 'projectMember.add', { id: 'pm-ghost-01', projectId: 'project-0001', accountId: 'nobody-000', role: 'editor' })).toBe('not_found');
  });

  it('a member pledger is named only by their own choice', () => {
    const { refuse, records } = withProject();
    expect(refuse('editor-01', 'pledge.create', pledge({ pledgerId: 'pledger-01', donorName: null, anonymous: false }))).toBe('forbidden');
    expect(refuse('editor-01', 'pledge.create', pledge({ pledgerId: 'pledger-01', donorName: null }))).toBe('applied');
    expect(refuse('editor-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: false, donorName: 'Айбек' })).toBe('forbidden');
    expect(refuse('pledger-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: false })).toBe('invalid_args');
    expect(refuse('pledger-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: false, donorName: 'Айбек Осмонов' })).toBe('applied');
    expect(records.get('pledges', 'pledge-0001')).toMatchObject({ anonymous: false, donorName: 'Айбек Осмонов' });
    // Renaming a member's pledge is not the member's choice: it goes anonymous again.
    expect(refuse('editor-01', 'pledge.update', { id: 'pledge-0001', patch: { donorName: 'Башка ат' } })).toBe('applied');
    expect(records.get('pledges', 'pledge-0001')).toMatchObject({ anonymous: true, donorName: 'Башка ат' });
    expect(refuse('pledger-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: false, donorName: 'Айбек Осмонов' })).toBe('applied');
    // Editors may always hide a name.
    expect(refuse('editor-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: true })).toBe('applied');
    expect(refuse('member-01', 'pledge.setAnonymous', { id: 'pledge-0001', anonymous: true })).toBe('not_found');
  });

  it('deleting a project removes its members, money, milestones and updates', () => {
    const { run, records } = withProject();
    run('editor-01', 'pledge.create', pledge());
    run('editor-01', 'expense.create', expense());
    run('editor-01', 'milestone.create', milestone());
    run('editor-01', 'projectUpdate.create', { id: 'update-0001', projectId: 'project-0001', text: 'x', date: '2026-06-01' });
    expect(records.get('project_updates', 'update-0001')?.authorName).toBe('Name editor-01');
    run('leader-01', 'project.delete', { id: 'project-0001' });
    for (const table of ['projects', 'project_members', 'pledges', 'expenses', 'milestones', 'project_updates'] as const) {
      expect(records.where(table, '1=1'), table).toEqual([]);
    }
  });
});
