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
  type Engagement,
  type NotificationKind,
  NOTIFICATION_KINDS,
  ENGAGEMENT_TRANSITIONS,
  canPostNeeds,
  rankProfilesForNeed,
  type Need,
  type ParsedMutationArgs,
  type Profile,
  type Viewer,
} from '@mekendesh/core';
import type { Records } from './records.ts';
import { ROSTER_MUTATORS, linkRosterEntry } from './roster-mutators.ts';
import { PROJECT_MUTATORS } from './project-mutators.ts';
import { AWARD_MUTATORS } from './award-mutators.ts';

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

/** Tells the other party of an engagement; only the server makes notifications. */
function notify(records: Records, ctx: MutatorContext, engagement: Engagement, kind: NotificationKind) {
  if (ctx.side !== 'server') return;
  const actor = ctx.viewer.accountId;
  const recipient = actor === engagement.memberId ? engagement.partnerId : engagement.memberId;
  records.put('notifications', {
    id: `n${NOTIFICATION_KINDS.indexOf(kind)}-${engagement.id}`,
    accountId: recipient,
    kind,
    subjectId: engagement.id,
    actorId: actor,
    createdAt: ctx.now,
    readAt: null,
  });
}

/** Skills transfer: offers, needs, engagements and notifications. */
const SKILLS_TRANSFER: Pick<
  { [N in MutationName]: Mutator<N> },
  'offer.create' | 'offer.update' | 'offer.close' | 'need.create' | 'need.update' | 'need.close' | 'engagement.propose' | 'engagement.transition' | 'notification.read'
> = {
  'offer.create'(records, args, ctx) {
    const me = actor(ctx);
    if (records.get('offers', args.id)) fail('conflict');
    records.put('offers', { ...args, accountId: me, status: 'open', createdAt: ctx.now, updatedAt: ctx.now });
  },

  'offer.update'(records, args, ctx) {
    const me = actor(ctx);
    const offer = mustGet(records, 'offers', args.id);
    if (offer.accountId !== me) fail('forbidden');
    records.put('offers', { ...offer, ...definedOnly(args.patch), updatedAt: ctx.now });
  },

  'offer.close'(records, args, ctx) {
    const me = actor(ctx);
    const offer = mustGet(records, 'offers', args.id);
    if (offer.accountId !== me) fail('forbidden');
    records.put('offers', { ...offer, status: args.reopen ? 'open' : 'closed', updatedAt: ctx.now });
  },

  'need.create'(records, args, ctx) {
    const me = actor(ctx);
    if (!canPostNeeds(ctx.viewer)) fail('forbidden');
    if (records.get('needs', args.id)) fail('conflict');
    if (args.startDate && args.endDate && args.endDate < args.startDate) fail('invalid_args', [{ path: 'endDate', message: 'before_start' }]);
    const need: Need = { ...args, postedBy: me, status: 'open', createdAt: ctx.now, updatedAt: ctx.now };
    records.put('needs', need);
    if (ctx.side === 'server') notifyMatches(records, ctx, need);
  },

  'need.update'(records, args, ctx) {
    const me = actor(ctx);
    const need = mustGet(records, 'needs', args.id);
    if (need.postedBy !== me && !hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    const next = { ...need, ...definedOnly(args.patch), updatedAt: ctx.now };
    if (next.startDate && next.endDate && next.endDate < next.startDate) fail('invalid_args', [{ path: 'endDate', message: 'before_start' }]);
    records.put('needs', next);
  },

  'need.close'(records, args, ctx) {
    const me = actor(ctx);
    const need = mustGet(records, 'needs', args.id);
    if (need.postedBy !== me && !hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
    records.put('needs', { ...need, status: args.reopen ? 'open' : 'closed', updatedAt: ctx.now });
  },

  'engagement.propose'(records, args, ctx) {
    const me = actor(ctx);
    if (records.get('engagements', args.id)) fail('conflict');
    let memberId: string;
    let partnerId: string;
    if (args.needId) {
      const need = mustGet(records, 'needs', args.needId);
      if (need.status !== 'open') fail('conflict', { status: need.status });
      if (need.postedBy === me) {
        // The poster invites a member they found among the matches.
        if (!args.memberId || args.memberId === me) fail('invalid_args', [{ path: 'memberId', message: 'required' }]);
        memberId = args.memberId;
      } else {
        if (args.memberId && args.memberId !== me) fail('forbidden');
        memberId = me;
      }
      partnerId = need.postedBy;
    } else {
      const offer = mustGet(records, 'offers', args.offerId!);
      if (offer.status !== 'open') fail('conflict', { status: offer.status });
      if (offer.accountId === me || !canPostNeeds(ctx.viewer)) fail('forbidden');
      memberId = offer.accountId;
      partnerId = me;
    }
    const open = records.where(
      'engagements',
      `member_id = ? AND partner_id = ? AND ${args.needId ? 'need_id' : 'offer_id'} = ? AND status IN ('proposed', 'accepted', 'in_progress')`,
      [memberId, partnerId, (args.needId ?? args.offerId)!],
    );
    if (open.length > 0) fail('conflict', { engagement: open[0]!.id });
    const engagement: Engagement = {
      id: args.id,
      needId: args.needId,
      offerId: args.offerId,
      memberId,
      partnerId,
      proposedBy: me,
      status: 'proposed',
      message: args.message,
      hours: null,
      beneficiaries: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      completedAt: null,
    };
    records.put('engagements', engagement);
    notify(records, ctx, engagement, 'engagement_proposed');
  },

  'engagement.transition'(records, args, ctx) {
    const me = actor(ctx);
    const e = mustGet(records, 'engagements', args.id);
    if (me !== e.memberId && me !== e.partnerId) fail('forbidden');
    const who = ENGAGEMENT_TRANSITIONS[e.status][args.to];
    if (!who) fail('conflict', { from: e.status, to: args.to });
    if ((who === 'other' && me === e.proposedBy) || (who === 'proposer' && me !== e.proposedBy)) fail('forbidden');
    if (args.to === 'completed' && (args.hours === null || args.beneficiaries === null)) {
      fail('invalid_args', [
        ...(args.hours === null ? [{ path: 'hours', message: 'required' }] : []),
        ...(args.beneficiaries === null ? [{ path: 'beneficiaries', message: 'required' }] : []),
      ]);
    }
    const next: Engagement = {
      ...e,
      status: args.to,
      hours: args.hours ?? e.hours,
      beneficiaries: args.beneficiaries ?? e.beneficiaries,
      updatedAt: ctx.now,
      completedAt: args.to === 'completed' ? ctx.now : e.completedAt,
    };
    records.put('engagements', next);
    notify(records, ctx, next, `engagement_${args.to}`);
  },

  'notification.read'(records, args, ctx) {
    const me = actor(ctx);
    for (const id of args.ids) {
      const n = records.get('notifications', id);
      if (!n) continue; // already gone, or not yet pulled: reading it is idempotent
      if (n.accountId !== me) fail('forbidden');
      if (!n.readAt) records.put('notifications', { ...n, readAt: ctx.now });
    }
  },
};

/** How many members each new need tells, best matches first. */
export const NEED_MATCH_NOTIFICATIONS = 50;

/**
 * Tells the members who match a new need best. Only the member learns of the match (the poster
 * sees who answers, not who was told). SQL narrows the candidates to profiles that share the
 * need's sector or one of its skills; the shared matcher ranks them on their full profiles.
 */
function notifyMatches(records: Records, ctx: MutatorContext, need: Need) {
  const terms = [need.sector, ...need.skills].map((t) => `%"${t}"%`);
  const candidates = records.where(
    'profiles',
    `id != ? AND (${terms.map(() => 'data LIKE ?').join(' OR ')})`,
    [need.postedBy, ...terms],
  ) as Profile[];
  for (const { profile } of rankProfilesForNeed(need, candidates, NEED_MATCH_NOTIFICATIONS)) {
    records.put('notifications', {
      id: `m-${need.id}-${profile.id}`.slice(0, 80),
      accountId: profile.id,
      kind: 'need_match',
      subjectId: need.id,
      actorId: need.postedBy,
      createdAt: ctx.now,
      readAt: null,
    });
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
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
    linkRosterEntry(records, records.get('memberships', args.membershipId)!, ctx.now);
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
    const decided: typeof m = {
      ...m,
      status: args.decision === 'approve' ? 'active' : 'rejected',
      decidedAt: ctx.now,
      decidedBy: me,
      updatedAt: ctx.now,
    };
    records.put('memberships', decided);
    linkRosterEntry(records, decided, ctx.now);
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
    // The roster mirrors the role (the membership is what grants rights).
    for (const entry of records.where('roster', 'association_id = ? AND account_id = ?', [m.associationId, m.accountId])) {
      records.put('roster', { ...entry, role: args.role, updatedAt: ctx.now });
    }
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

  ...SKILLS_TRANSFER,
  ...ROSTER_MUTATORS,
  ...PROJECT_MUTATORS,
  ...AWARD_MUTATORS,
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
  applyMutation(records, parseMutation(name, rawArgs), ctx);
}

/** Runs a mutation already validated by {@link parseMutation} (the server validates a whole batch first). */
export function applyMutation(records: Records, parsed: { name: MutationName; args: unknown }, ctx: MutatorContext): void {
  (MUTATORS[parsed.name] as Mutator<MutationName>)(records, parsed.args as never, ctx);
}
