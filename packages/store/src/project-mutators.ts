/**
 * Project mutators: the description, members with roles, money, milestones and updates.
 * Owners manage members, the public flag and deletion; editors (and owners) change
 * everything else; viewers read only. The same code runs optimistically on clients and
 * authoritatively on the server, against the server's rows.
 */
import {
  PROJECT_EDITORS,
  checkMoney,
  checkProgress,
  fail,
  hasRole,
  managesAssociation,
  type MutationName,
  type ParsedMutationArgs,
  type Pledge,
  type Project,
  type RecordTypes,
  type ProjectRole,
  type TableName,
} from '@mekendesh/core';
import type { Records } from './records.ts';
import type { MutatorContext } from './mutators.ts';

type Mutator<N extends MutationName> = (records: Records, args: ParsedMutationArgs<N>, ctx: MutatorContext) => void;
type ProjectMutation = Extract<MutationName, `project.${string}` | `projectMember.${string}` | `pledge.${string}` | `expense.${string}` | `milestone.${string}` | `projectUpdate.${string}`>;
type ChildTable = 'project_members' | 'pledges' | 'expenses' | 'milestones' | 'project_updates';

const OWNERS: readonly ProjectRole[] = ['owner'];

function actor(ctx: MutatorContext): string {
  if (!ctx.viewer.accountId) fail('unauthenticated');
  return ctx.viewer.accountId;
}

/**
 * The project, when the actor holds one of `roles` in it. A non-member learns nothing of a
 * private project (`not_found`); a public one they may see is `forbidden`, as for viewers.
 */
function projectFor(records: Records, ctx: MutatorContext, projectId: string, roles: readonly ProjectRole[]): { project: Project; me: string; role: ProjectRole } {
  const me = actor(ctx);
  const project = records.get('projects', projectId);
  const role = project ? records.projectMember(projectId, me)?.role : undefined;
  if (!project || (!role && !project.isPublic)) fail('not_found', { table: 'projects', id: projectId });
  if (!role || !roles.includes(role)) fail('forbidden', { role: role ?? null });
  return { project, me, role };
}

/** A row of a project's table and its project, when the actor holds one of `roles`. */
function childFor<T extends ChildTable>(records: Records, ctx: MutatorContext, table: T, id: string, roles: readonly ProjectRole[]) {
  const row: RecordTypes[T] | undefined = records.get(table, id);
  if (!row) fail('not_found', { table, id });
  return { row, ...projectFor(records, ctx, row.projectId, roles) };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkBudget(p: Pick<Project, 'budgetAmount' | 'budgetCurrency'>): void {
  if (p.budgetAmount !== null) checkMoney(p.budgetAmount, p.budgetCurrency ?? '');
  else if (p.budgetCurrency !== null) checkMoney(1, p.budgetCurrency);
}

function checkPledge(p: Pledge): void {
  checkMoney(p.amount, p.currency);
  if (p.pledgerId === null && p.donorName === null) fail('invalid_args', [{ path: 'donorName', message: 'required' }]);
}

function checkExpense(e: { amount: number; currency: string; purpose: string | null }): void {
  checkMoney(e.amount, e.currency);
  if (!e.purpose || e.purpose.trim() === '') fail('purpose_required');
}

/** Someone who may not see the project any more, or now may: their devices start over. */
function accessChanged(records: Records, accountId: string) {
  records.accessChanged(accountId);
}

function accountMustExist(records: Records, ctx: MutatorContext, accountId: string) {
  // Clients hold only their own account; the server checks.
  if (ctx.side === 'server' && !records.get('accounts', accountId)) fail('not_found', { table: 'accounts', id: accountId });
}

function removeAll(records: Records, table: TableName & ChildTable, projectId: string) {
  for (const row of records.where(table, 'project_id = ?', [projectId])) records.del(table, (row as { id: string }).id);
}

export const PROJECT_MUTATORS: { [N in ProjectMutation]: Mutator<N> } = {
  'project.create'(records, args, ctx) {
    const me = actor(ctx);
    const coordinator = hasRole(ctx.viewer, 'coordinator');
    if (args.associationId !== null) {
      if (!records.get('associations', args.associationId)) fail('not_found', { table: 'associations', id: args.associationId });
      if (!managesAssociation(ctx.viewer, args.associationId) && !coordinator) fail('forbidden');
    } else if (args.partnerId !== me || (!hasRole(ctx.viewer, 'home_partner') && !coordinator)) {
      fail('forbidden');
    }
    if (records.get('projects', args.id) || records.get('project_members', args.memberId)) fail('conflict');
    const { memberId, ...fields } = args;
    checkBudget(fields);
    records.put('projects', { ...fields, isPublic: false, createdBy: me, createdAt: ctx.now, updatedAt: ctx.now });
    records.put('project_members', { id: memberId, projectId: args.id, accountId: me, role: 'owner', addedBy: me, createdAt: ctx.now, updatedAt: ctx.now });
  },

  'project.update'(records, args, ctx) {
    const { project } = projectFor(records, ctx, args.id, PROJECT_EDITORS);
    const next = { ...project, ...definedOnly(args.patch), updatedAt: ctx.now };
    checkBudget(next);
    records.put('projects', next);
  },

  'project.setPublic'(records, args, ctx) {
    const { project } = projectFor(records, ctx, args.id, OWNERS);
    if (project.isPublic === args.isPublic) return;
    records.put('projects', { ...project, isPublic: args.isPublic, updatedAt: ctx.now });
  },

  'project.delete'(records, args, ctx) {
    projectFor(records, ctx, args.id, OWNERS);
    for (const table of ['pledges', 'expenses', 'milestones', 'project_updates'] as const) removeAll(records, table, args.id);
    for (const m of records.where('project_members', 'project_id = ?', [args.id])) {
      records.del('project_members', m.id);
      accessChanged(records, m.accountId);
    }
    records.del('projects', args.id);
  },

  'projectMember.add'(records, args, ctx) {
    const { me } = projectFor(records, ctx, args.projectId, OWNERS);
    if (records.get('project_members', args.id) || records.projectMember(args.projectId, args.accountId)) fail('conflict');
    accountMustExist(records, ctx, args.accountId);
    records.put('project_members', { ...args, addedBy: me, createdAt: ctx.now, updatedAt: ctx.now });
    accessChanged(records, args.accountId);
  },

  'projectMember.setRole'(records, args, ctx) {
    const { row } = childFor(records, ctx, 'project_members', args.id, OWNERS);
    if (row.role === args.role) return;
    if (row.role === 'owner' && records.ownerCount(row.projectId) <= 1) fail('last_owner');
    records.put('project_members', { ...row, role: args.role, updatedAt: ctx.now });
  },

  'projectMember.remove'(records, args, ctx) {
    const me = actor(ctx);
    const row = records.get('project_members', args.id);
    if (!row) fail('not_found', { table: 'project_members', id: args.id });
    // Anyone may leave; only owners remove others.
    if (row.accountId !== me) projectFor(records, ctx, row.projectId, OWNERS);
    if (row.role === 'owner' && records.ownerCount(row.projectId) <= 1) fail('last_owner');
    records.del('project_members', row.id);
    accessChanged(records, row.accountId);
  },

  'pledge.create'(records, args, ctx) {
    const { me } = projectFor(records, ctx, args.projectId, PROJECT_EDITORS);
    if (records.get('pledges', args.id)) fail('conflict');
    const pledge: Pledge = { ...args, createdBy: me, createdAt: ctx.now, updatedAt: ctx.now };
    if (pledge.status === 'received' && pledge.receivedOn === null) pledge.receivedOn = ctx.now.slice(0, 10);
    checkPledge(pledge);
    if (pledge.pledgerId !== null) accountMustExist(records, ctx, pledge.pledgerId);
    // A member is named in public only by their own choice.
    if (!pledge.anonymous && pledge.pledgerId !== null && pledge.pledgerId !== me) fail('forbidden', { reason: 'pledger_chooses' });
    records.put('pledges', pledge);
  },

  'pledge.update'(records, args, ctx) {
    const { row, me } = childFor(records, ctx, 'pledges', args.id, PROJECT_EDITORS);
    const next: Pledge = { ...row, ...definedOnly(args.patch), updatedAt: ctx.now };
    if (next.status === 'received' && next.receivedOn === null) next.receivedOn = ctx.now.slice(0, 10);
    if (next.status === 'pledged') next.receivedOn = null;
    // Another pledger has not chosen to be named (nor this name): the pledge goes anonymous
    // until the pledger names it again.
    const changedWho = next.pledgerId !== row.pledgerId || next.donorName !== row.donorName;
    if (changedWho && next.pledgerId !== null && next.pledgerId !== me) next.anonymous = true;
    checkPledge(next);
    if (next.pledgerId !== null && next.pledgerId !== row.pledgerId) accountMustExist(records, ctx, next.pledgerId);
    records.put('pledges', next);
  },

  'pledge.setAnonymous'(records, args, ctx) {
    const me = actor(ctx);
    const pledge = records.get('pledges', args.id);
    if (!pledge) fail('not_found', { table: 'pledges', id: args.id });
    if (pledge.pledgerId !== me) {
      projectFor(records, ctx, pledge.projectId, PROJECT_EDITORS);
      if (!args.anonymous && pledge.pledgerId !== null) fail('forbidden', { reason: 'pledger_chooses' });
    }
    const next: Pledge = { ...pledge, anonymous: args.anonymous, updatedAt: ctx.now };
    if (args.donorName !== undefined) next.donorName = args.donorName;
    if (!next.anonymous && next.donorName === null) fail('invalid_args', [{ path: 'donorName', message: 'required' }]);
    checkPledge(next);
    records.put('pledges', next);
  },

  'pledge.delete'(records, args, ctx) {
    childFor(records, ctx, 'pledges', args.id, PROJECT_EDITORS);
    records.del('pledges', args.id);
  },

  'expense.create'(records, args, ctx) {
    const { me } = projectFor(records, ctx, args.projectId, PROJECT_EDITORS);
    if (records.get('expenses', args.id)) fail('conflict');
    checkExpense(args);
    records.put('expenses', { ...args, purpose: args.purpose!.trim(), receiptFileId: null, createdBy: me, createdAt: ctx.now, updatedAt: ctx.now });
  },

  'expense.update'(records, args, ctx) {
    const { row } = childFor(records, ctx, 'expenses', args.id, PROJECT_EDITORS);
    const next = { ...row, ...definedOnly(args.patch), updatedAt: ctx.now };
    checkExpense(next);
    records.put('expenses', { ...next, purpose: next.purpose!.trim() });
  },

  'expense.delete'(records, args, ctx) {
    childFor(records, ctx, 'expenses', args.id, PROJECT_EDITORS);
    // The server drops the receipt file with the expense (see ServerStore).
    records.del('expenses', args.id);
  },

  'milestone.create'(records, args, ctx) {
    projectFor(records, ctx, args.projectId, PROJECT_EDITORS);
    if (records.get('milestones', args.id)) fail('conflict');
    checkProgress(args.progress);
    records.put('milestones', { ...args, progress: args.done ? 100 : args.progress, createdAt: ctx.now, updatedAt: ctx.now });
  },

  'milestone.update'(records, args, ctx) {
    const { row } = childFor(records, ctx, 'milestones', args.id, PROJECT_EDITORS);
    const next = { ...row, ...definedOnly(args.patch), updatedAt: ctx.now };
    checkProgress(next.progress);
    // Done means complete; reopening keeps the progress the editor gives (or 100 until changed).
    if (args.patch.done === true) next.progress = 100;
    records.put('milestones', next);
  },

  'milestone.delete'(records, args, ctx) {
    childFor(records, ctx, 'milestones', args.id, PROJECT_EDITORS);
    records.del('milestones', args.id);
  },

  'projectUpdate.create'(records, args, ctx) {
    const { me } = projectFor(records, ctx, args.projectId, PROJECT_EDITORS);
    if (records.get('project_updates', args.id)) fail('conflict');
    const author = records.get('accounts', me);
    if (!author) fail('not_found', { table: 'accounts', id: me });
    records.put('project_updates', { ...args, authorId: me, authorName: author.displayName, createdAt: ctx.now, updatedAt: ctx.now });
  },

  'projectUpdate.update'(records, args, ctx) {
    const { row } = childFor(records, ctx, 'project_updates', args.id, PROJECT_EDITORS);
    records.put('project_updates', { ...row, ...definedOnly({ text: args.text, date: args.date }), updatedAt: ctx.now });
  },

  'projectUpdate.delete'(records, args, ctx) {
    childFor(records, ctx, 'project_updates', args.id, PROJECT_EDITORS);
    records.del('project_updates', args.id);
  },
};
