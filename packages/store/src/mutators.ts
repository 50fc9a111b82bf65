import {
  DEFAULT_VISIBILITY,
  DomainError,
  EMPTY_PROFILE_FIELDS,
  FIXED_VISIBILITY,
  MUTATION_ARGS,
  fail,
  hasRole,
  invitationCodeFrom,
  isMutationName,
  leadsAssociation,
  managesAssociation,
  type MutationName,
  type ParsedMutationArgs,
  type Profile,
  type Viewer,
} from '@mekendesh/core';
import type { Records } from './records.ts';

/** Who runs a mutation, and when. The same context shape exists on clients and the server. */
export interface MutatorContext {
  viewer: Viewer;
  /** ISO timestamp: the client's clock when optimistic, the server's when authoritative. */
  now: string;
  side: 'client' | 'server';
}

type Mutator<N extends MutationName> = (records: Records, args: ParsedMutationArgs<N>, ctx: MutatorContext) => void;

function actor(ctx: MutatorContext): string {
  if (!ctx.viewer.accountId) fail('unauthenticated');
  return ctx.viewer.accountId;
}

function mustGet<T extends Parameters<Records['get']>[0]>(records: Records, table: T, id: string) {
  const row = records.get(table, id);
  if (!row) fail('not_found', { table, id });
  return row;
}

/** Membership changes alter who sees the member's profile fields: resend it to everyone. */
function membershipChanged(records: Records, accountId: string) {
  records.accessChanged(accountId);
  records.touch('profiles', accountId);
}

/**
 * Every record mutation. Each checks authorisation itself (deny by default) against the
 * data in `records`: on the server that is the authority; on a client it is the local copy,
 * which gives early feedback but decides nothing.
 */
export const MUTATORS: { [N in MutationName]: Mutator<N> } = {
  'account.update'(records, args, ctx) {
    const id = actor(ctx);
    const account = mustGet(records, 'accounts', id);
    records.put('accounts', {
      ...account,
      displayName: args.displayName ?? account.displayName,
      locale: args.locale ?? account.locale,
      updatedAt: ctx.now,
    });
  },

  'account.setRoles'(records, args, ctx) {
    const me = actor(ctx);
    if (!hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    const roles = [...new Set(['member' as const, ...args.roles])];
    // A coordinator cannot demote themselves: the platform must never be left without one.
    if (args.accountId === me && !roles.includes('coordinator')) fail('forbidden', { reason: 'self_demotion' });
    // Clients hold only their own account row: elsewhere the change is the server's to make.
    const account = ctx.side === 'client' ? records.get('accounts', args.accountId) : mustGet(records, 'accounts', args.accountId);
    if (!account) return;
    records.put('accounts', { ...account, roles, updatedAt: ctx.now });
    records.accessChanged(args.accountId);
  },

  'profile.update'(records, args, ctx) {
    const me = actor(ctx);
    if (args.id !== me) fail('forbidden');
    const current = records.get('profiles', me) as Profile | undefined;
    const base: Profile = current?.visibility
      ? current
      : { id: me, ...EMPTY_PROFILE_FIELDS, visibility: DEFAULT_VISIBILITY, createdAt: ctx.now, updatedAt: ctx.now };
    const visibility = { ...base.visibility, ...args.visibility, ...FIXED_VISIBILITY };
    const patch = Object.fromEntries(Object.entries(args.patch).filter(([, v]) => v !== undefined));
    records.put('profiles', { ...base, ...patch, visibility, updatedAt: ctx.now });
  },

  'association.create'(records, args, ctx) {
    const me = actor(ctx);
    if (!hasRole(ctx.viewer, 'association_leader') && !hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    if (records.get('associations', args.id) || records.get('memberships', args.membershipId)) fail('conflict');
    records.put('associations', {
      id: args.id,
      name: args.name,
      nameLatin: args.nameLatin,
      country: args.country,
      city: args.city,
      description: args.description,
      contactEmail: args.contactEmail,
      verified: hasRole(ctx.viewer, 'coordinator'),
      createdBy: me,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    records.put('memberships', {
      id: args.membershipId,
      associationId: args.id,
      accountId: me,
      status: 'active',
      role: 'leader',
      message: null,
      requestedAt: ctx.now,
      decidedAt: ctx.now,
      decidedBy: me,
      updatedAt: ctx.now,
    });
    membershipChanged(records, me);
  },

  'association.update'(records, args, ctx) {
    actor(ctx);
    const association = mustGet(records, 'associations', args.id);
    if (!leadsAssociation(ctx.viewer, args.id) && !hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    const patch = Object.fromEntries(Object.entries(args.patch).filter(([, v]) => v !== undefined));
    records.put('associations', { ...association, ...patch, updatedAt: ctx.now });
  },

  'association.verify'(records, args, ctx) {
    actor(ctx);
    if (!hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    const association = mustGet(records, 'associations', args.id);
    records.put('associations', { ...association, verified: args.verified, updatedAt: ctx.now });
  },

  'membership.request'(records, args, ctx) {
    const me = actor(ctx);
    mustGet(records, 'associations', args.associationId);
    if (records.get('memberships', args.id)) fail('conflict');
    if (records.openMembership(args.associationId, me)) fail('already_member');
    records.put('memberships', {
      id: args.id,
      associationId: args.associationId,
      accountId: me,
      status: 'pending',
      role: 'member',
      message: args.message,
      requestedAt: ctx.now,
      decidedAt: null,
      decidedBy: null,
      updatedAt: ctx.now,
    });
    membershipChanged(records, me);
  },

  'membership.decide'(records, args, ctx) {
    const me = actor(ctx);
    const m = mustGet(records, 'memberships', args.id);
    if (!managesAssociation(ctx.viewer, m.associationId)) fail('forbidden');
    if (m.status !== 'pending') fail('conflict', { status: m.status });
    records.put('memberships', {
      ...m,
      status: args.decision === 'approve' ? 'active' : 'rejected',
      decidedAt: ctx.now,
      decidedBy: me,
      updatedAt: ctx.now,
    });
    membershipChanged(records, m.accountId);
  },

  'membership.leave'(records, args, ctx) {
    const me = actor(ctx);
    const m = mustGet(records, 'memberships', args.id);
    if (m.accountId !== me) fail('forbidden');
    if (m.status !== 'pending' && m.status !== 'active') fail('conflict', { status: m.status });
    if (m.status === 'active' && m.role === 'leader' && records.leaderCount(m.associationId) <= 1) fail('last_leader');
    records.put('memberships', { ...m, status: 'left', updatedAt: ctx.now });
    membershipChanged(records, me);
  },

  'membership.setRole'(records, args, ctx) {
    actor(ctx);
    const m = mustGet(records, 'memberships', args.id);
    if (!leadsAssociation(ctx.viewer, m.associationId)) fail('forbidden');
    if (m.status !== 'active') fail('conflict', { status: m.status });
    if (m.role === 'leader' && args.role !== 'leader' && records.leaderCount(m.associationId) <= 1) fail('last_leader');
    records.put('memberships', { ...m, role: args.role, updatedAt: ctx.now });
    records.accessChanged(m.accountId);
  },

  'invitation.create'(records, args, ctx) {
    const me = actor(ctx);
    mustGet(records, 'associations', args.associationId);
    if (!managesAssociation(ctx.viewer, args.associationId)) fail('forbidden');
    if (records.get('invitations', args.id)) fail('conflict');
    if (args.expiresAt <= ctx.now) fail('invalid_args', { field: 'expiresAt' });
    // The code is a secret worth 50 random bits only if the server draws it: the client's code
    // is a placeholder for offline display, replaced by the server's on the next pull.
    let code = args.code;
    if (ctx.side === 'server') {
      do code = invitationCodeFrom(globalThis.crypto.getRandomValues(new Uint8Array(10)));
      while (records.where('invitations', 'code = ?', [code]).length > 0);
    }
    records.put('invitations', {
      id: args.id,
      associationId: args.associationId,
      code,
      createdBy: me,
      createdAt: ctx.now,
      expiresAt: args.expiresAt,
      maxUses: args.maxUses,
      uses: 0,
      requiresApproval: args.requiresApproval,
      revokedAt: null,
    });
  },

  'invitation.revoke'(records, args, ctx) {
    actor(ctx);
    const inv = mustGet(records, 'invitations', args.id);
    if (!managesAssociation(ctx.viewer, inv.associationId)) fail('forbidden');
    if (inv.revokedAt) return;
    records.put('invitations', { ...inv, revokedAt: ctx.now });
  },
};

/** Validates a mutation's name and arguments; throws `unknown_mutation` or `invalid_args`. */
export function parseMutation(name: unknown, args: unknown): { name: MutationName; args: unknown } {
  if (!isMutationName(name)) throw new DomainError('unknown_mutation', { name });
  const parsed = MUTATION_ARGS[name].safeParse(args);
  if (!parsed.success) {
    throw new DomainError(
      'invalid_args',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return { name, args: parsed.data };
}

/**
 * Validates and runs one mutation against `records`, inside the caller's transaction. This
 * is the single entry point both the client (optimistic) and the server (authoritative) use.
 */
export function runMutation(records: Records, name: unknown, rawArgs: unknown, ctx: MutatorContext): void {
  const parsed = parseMutation(name, rawArgs);
  (MUTATORS[parsed.name] as Mutator<MutationName>)(records, parsed.args as never, ctx);
}
