/**
 * Award mutators: cycles (coordinators), nominations (embassy staff and association
 * leaders), reviewer assignment and conflicts, reviews, votes and decisions. The same code
 * runs optimistically on clients and authoritatively on the server; rules that need rows a
 * client cannot see (other nominators' winners, the nominee's engagements) are checked again
 * there with the server's rows and clock.
 */
import {
  COUNTED_STATUSES,
  NOMINATION_TRANSITIONS,
  assignmentId,
  balanceAssignments,
  canReadRow,
  checkCycle,
  checkScores,
  fail,
  hasRole,
  leadsAssociation,
  nominationWindow,
  tallyVotes,
  voteId,
  type AwardCycle,
  type MutationName,
  type Nomination,
  type NominationStatus,
  type ParsedMutationArgs,
} from '@mekendesh/core';
import type { Records } from './records.ts';
import type { MutatorContext } from './mutators.ts';

type Mutator<N extends MutationName> = (records: Records, args: ParsedMutationArgs<N>, ctx: MutatorContext) => void;
type AwardMutation = Extract<MutationName, `awardCycle.${string}` | `nomination.${string}` | `review.${string}` | `award.${string}`>;

function actor(ctx: MutatorContext): string {
  if (!ctx.viewer.accountId) fail('unauthenticated');
  return ctx.viewer.accountId;
}

function coordinator(ctx: MutatorContext): string {
  const me = actor(ctx);
  if (!hasRole(ctx.viewer, 'coordinator')) fail('forbidden');
  return me;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function cycleOf(records: Records, ctx: MutatorContext, id: string): AwardCycle {
  const cycle = records.get('award_cycles', id);
  // A draft cycle does not exist for anyone but coordinators.
  if (!cycle || (!cycle.published && !hasRole(ctx.viewer, 'coordinator'))) fail('not_found', { table: 'award_cycles', id });
  return cycle;
}

/** A nomination the actor may see (the pull's own rule); others learn nothing of it (`not_found`). */
function nominationFor(records: Records, ctx: MutatorContext, id: string): Nomination {
  actor(ctx);
  const n = records.get('nominations', id);
  if (!n || !canReadRow('nominations', n, ctx.viewer)) fail('not_found', { table: 'nominations', id });
  return n;
}

function move(records: Records, ctx: MutatorContext, n: Nomination, to: NominationStatus, extra: Partial<Nomination> = {}): void {
  if (!NOMINATION_TRANSITIONS[n.status].includes(to)) fail('nomination_wrong_status', { from: n.status, to });
  records.put('nominations', { ...n, ...extra, status: to, updatedAt: ctx.now });
}

/** Nominators are embassy staff, or the leader of the association they nominate for. */
function checkNominator(ctx: MutatorContext, associationId: string | null): void {
  if (associationId === null ? !hasRole(ctx.viewer, 'embassy_staff') : !leadsAssociation(ctx.viewer, associationId)) fail('forbidden');
}

/**
 * Whether an account won in one of the `cooldown` cycles before `cycle`. Only the server sees
 * every nomination; on a client this sees what the client holds.
 */
function recentWinner(records: Records, cycle: AwardCycle, accountId: string): boolean {
  if (cycle.winnerCooldownCycles === 0) return false;
  const prior = records.db
    .all<{ id: string }>('SELECT id FROM award_cycles WHERE year < ? ORDER BY year DESC LIMIT ?', [cycle.year, cycle.winnerCooldownCycles])
    .map((r) => r.id);
  if (prior.length === 0) return false;
  const row = records.db.get<{ n: number }>(
    `SELECT count(*) AS n FROM nominations WHERE nominee_account_id = ? AND status = 'awarded'
      AND cycle_id IN (SELECT value FROM json_each(?))`,
    [accountId, JSON.stringify(prior)],
  );
  return Number(row?.n ?? 0) > 0;
}

/** Evidence on the platform must be the nominee's: a project they belong to, an engagement they completed. */
function checkEvidenceRefs(records: Records, ctx: MutatorContext, n: Pick<Nomination, 'evidenceRefs' | 'nomineeAccountId'>): void {
  // Clients may not hold these rows (another person's engagements): the server decides.
  if (ctx.side !== 'server') return;
  for (const ref of n.evidenceRefs) {
    if (ref.kind === 'project') {
      const project = records.get('projects', ref.id);
      const member = n.nomineeAccountId ? records.projectMember(ref.id, n.nomineeAccountId) : undefined;
      if (!project || (!member && !project.isPublic)) fail('evidence_not_found', ref);
    } else {
      const e = records.get('engagements', ref.id);
      if (!e || e.status !== 'completed' || e.memberId !== n.nomineeAccountId) fail('evidence_not_found', ref);
    }
  }
}

/** Creates an assignment and opens the nomination's review; tells pulls the reviewer now sees it. */
function assign(records: Records, ctx: MutatorContext, n: Nomination, reviewerId: string, by: string): void {
  records.put('review_assignments', {
    id: assignmentId(n.id, reviewerId),
    cycleId: n.cycleId,
    nominationId: n.id,
    reviewerId,
    status: 'assigned',
    conflictNote: null,
    assignedBy: by,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const current = records.get('nominations', n.id)!;
  if (current.status === 'eligible') records.put('nominations', { ...current, status: 'in_review', updatedAt: ctx.now });
  else records.touch('nominations', n.id);
}

export const AWARD_MUTATORS: { [N in AwardMutation]: Mutator<N> } = {
  'awardCycle.create'(records, args, ctx) {
    const me = coordinator(ctx);
    if (records.get('award_cycles', args.id)) fail('conflict');
    const { id, ...fields } = args;
    checkCycle(fields);
    records.put('award_cycles', { id, ...fields, published: false, createdBy: me, createdAt: ctx.now, updatedAt: ctx.now });
  },

  'awardCycle.update'(records, args, ctx) {
    coordinator(ctx);
    const cycle = cycleOf(records, ctx, args.id);
    const patch = definedOnly(args.patch);
    const next = { ...cycle, ...patch, updatedAt: ctx.now };
    checkCycle(next);
    const locksReviews = ['categories', 'rubric', 'committee'].some((k) => k in patch && JSON.stringify(patch[k as keyof typeof patch]) !== JSON.stringify(cycle[k as keyof AwardCycle]));
    if (locksReviews && records.db.get("SELECT 1 FROM reviews WHERE cycle_id = ? AND status = 'submitted' LIMIT 1", [cycle.id])) fail('cycle_locked');
    records.put('award_cycles', next);
    // Who joined or left the committee now sees other nominations.
    for (const id of new Set([...cycle.committee, ...next.committee])) {
      if (cycle.committee.includes(id) !== next.committee.includes(id)) records.accessChanged(id);
    }
  },

  'awardCycle.publish'(records, args, ctx) {
    coordinator(ctx);
    const cycle = cycleOf(records, ctx, args.id);
    records.put('award_cycles', { ...cycle, published: args.published, updatedAt: ctx.now });
  },

  'nomination.create'(records, args, ctx) {
    const me = actor(ctx);
    checkNominator(ctx, args.associationId);
    if (records.get('nominations', args.id)) fail('conflict');
    const cycle = cycleOf(records, ctx, args.cycleId);
    if (!cycle.categories.some((c) => c.id === args.categoryId)) fail('unknown_category', { categoryId: args.categoryId });
    if (args.nomineeAccountId === me) fail('self_nomination');
    // A draft may be written before the window opens, never after it has closed.
    if (nominationWindow(cycle, ctx.now) === 'after') fail('nomination_window_closed');
    records.put('nominations', {
      ...args,
      nominatorId: me,
      evidenceFiles: [],
      status: 'draft',
      ineligibleReason: null,
      statusNote: null,
      consent: 'pending',
      consentAt: null,
      consentBy: null,
      decisions: [],
      submittedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  },

  'nomination.update'(records, args, ctx) {
    const me = actor(ctx);
    const n = nominationFor(records, ctx, args.id);
    if (n.nominatorId !== me) fail('forbidden');
    if (n.status !== 'draft') fail('nomination_wrong_status', { from: n.status });
    const next = { ...n, ...definedOnly(args.patch), updatedAt: ctx.now };
    const cycle = cycleOf(records, ctx, n.cycleId);
    if (!cycle.categories.some((c) => c.id === next.categoryId)) fail('unknown_category', { categoryId: next.categoryId });
    if (next.nomineeAccountId === me) fail('self_nomination');
    records.put('nominations', next);
  },

  'nomination.submit'(records, args, ctx) {
    const me = actor(ctx);
    const n = nominationFor(records, ctx, args.id);
    if (n.nominatorId !== me) fail('forbidden');
    checkNominator(ctx, n.associationId);
    const cycle = cycleOf(records, ctx, n.cycleId);
    const window = nominationWindow(cycle, ctx.now);
    if (window === 'before') fail('nomination_window_not_open', { opens: cycle.nominationsOpen });
    if (window === 'after') fail('nomination_window_closed', { closed: cycle.nominationsClose });
    if (n.statement.trim().length === 0) fail('statement_required');
    if (n.nomineeAccountId === me) fail('self_nomination');
    if (n.nomineeAccountId && recentWinner(records, cycle, n.nomineeAccountId)) fail('nominee_not_eligible', { reason: 'recent_winner', cycles: cycle.winnerCooldownCycles });
    const counted = records.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM nominations WHERE nominator_id = ? AND cycle_id = ? AND category_id = ? AND id <> ?
        AND status IN (SELECT value FROM json_each(?))`,
      [me, n.cycleId, n.categoryId, n.id, JSON.stringify(COUNTED_STATUSES)],
    );
    if (Number(counted?.n ?? 0) >= cycle.nominatorCap) fail('nomination_cap_reached', { cap: cycle.nominatorCap });
    checkEvidenceRefs(records, ctx, n);
    move(records, ctx, n, 'submitted', { submittedAt: ctx.now });
    // A nominee with an account is asked for consent in the app (the server makes
    // notifications); an outside person through the nominator's one-time link.
    if (ctx.side === 'server' && n.nomineeAccountId && n.consent === 'pending') {
      records.put('notifications', {
        id: `nc-${n.id}`.slice(0, 80),
        accountId: n.nomineeAccountId,
        kind: 'nomination_consent',
        subjectId: n.id,
        actorId: me,
        createdAt: ctx.now,
        readAt: null,
      });
    }
  },

  'nomination.withdraw'(records, args, ctx) {
    const me = actor(ctx);
    const n = nominationFor(records, ctx, args.id);
    if (n.nominatorId !== me) fail('forbidden');
    move(records, ctx, n, 'withdrawn');
  },

  'nomination.rule'(records, args, ctx) {
    coordinator(ctx);
    const n = nominationFor(records, ctx, args.id);
    if (args.eligible) move(records, ctx, n, 'eligible', { ineligibleReason: null, statusNote: args.note });
    else move(records, ctx, n, 'ineligible', { ineligibleReason: args.reason ?? 'other', statusNote: args.note });
  },

  'nomination.recordConsent'(records, args, ctx) {
    const me = coordinator(ctx);
    const n = nominationFor(records, ctx, args.id);
    if (n.status === 'draft' || n.status === 'withdrawn') fail('nomination_wrong_status', { from: n.status });
    records.put('nominations', { ...n, consent: args.consent, consentAt: ctx.now, consentBy: me, updatedAt: ctx.now });
  },

  'nomination.decide'(records, args, ctx) {
    const me = coordinator(ctx);
    const n = nominationFor(records, ctx, args.id);
    const cycle = cycleOf(records, ctx, n.cycleId);
    const from: NominationStatus = args.stage === 'shortlist' ? 'in_review' : 'shortlisted';
    if (n.status !== from) fail('nomination_wrong_status', { from: n.status, stage: args.stage });
    const votes = records.where('award_votes', 'nomination_id = ? AND stage = ?', [n.id, args.stage]).filter((v) => cycle.committee.includes(v.voterId));
    const tally = tallyVotes(votes, cycle.quorum);
    if (!tally.quorumMet) fail('quorum_not_met', { votes: votes.length, quorum: cycle.quorum });
    const outcome = !tally.carried ? 'not_awarded' : args.stage === 'shortlist' ? 'shortlisted' : 'awarded';
    move(records, ctx, n, outcome, {
      decisions: [
        ...n.decisions,
        { stage: args.stage, yes: tally.yes, no: tally.no, abstain: tally.abstain, quorum: cycle.quorum, voters: tally.voters, outcome, decidedBy: me, decidedAt: ctx.now },
      ],
    });
  },

  'review.assign'(records, args, ctx) {
    const me = coordinator(ctx);
    const n = nominationFor(records, ctx, args.nominationId);
    if (n.status !== 'eligible' && n.status !== 'in_review') fail('nomination_wrong_status', { from: n.status });
    const cycle = cycleOf(records, ctx, n.cycleId);
    if (!cycle.committee.includes(args.reviewerId)) fail('reviewer_not_on_committee');
    if (args.reviewerId === n.nominatorId || args.reviewerId === n.nomineeAccountId) fail('reviewer_conflicted');
    const existing = records.get('review_assignments', assignmentId(n.id, args.reviewerId));
    if (existing?.status === 'recused') fail('reviewer_conflicted');
    if (existing) fail('conflict');
    assign(records, ctx, n, args.reviewerId, me);
  },

  'review.unassign'(records, args, ctx) {
    coordinator(ctx);
    const a = records.get('review_assignments', args.id);
    if (!a) fail('not_found', { table: 'review_assignments', id: args.id });
    if (records.get('reviews', a.id)?.status === 'submitted') fail('review_already_submitted');
    records.del('reviews', a.id);
    records.del('review_assignments', a.id);
    // The reviewer must drop the nomination they no longer review.
    records.accessChanged(a.reviewerId);
  },

  'review.autoAssign'(records, args, ctx) {
    coordinator(ctx);
    const cycle = cycleOf(records, ctx, args.cycleId);
    const nominations = records.where('nominations', "cycle_id = ? AND status IN ('eligible', 'in_review')", [cycle.id]);
    const existing = records.where('review_assignments', 'cycle_id = ?', [cycle.id]);
    const picks = balanceAssignments({
      committee: cycle.committee,
      perNomination: cycle.reviewersPerNomination,
      nominations: nominations.map((n) => ({ id: n.id, excluded: new Set([n.nominatorId, ...(n.nomineeAccountId ? [n.nomineeAccountId] : [])]) })),
      existing,
    });
    const byId = new Map(nominations.map((n) => [n.id, n]));
    for (const p of picks) assign(records, ctx, byId.get(p.nominationId)!, p.reviewerId, 'auto');
  },

  'review.declareConflict'(records, args, ctx) {
    const me = actor(ctx);
    const n = nominationFor(records, ctx, args.nominationId);
    const cycle = cycleOf(records, ctx, n.cycleId);
    if (!cycle.committee.includes(me)) fail('not_committee_member');
    if (n.status === 'awarded' || n.status === 'not_awarded') fail('nomination_wrong_status', { from: n.status });
    const id = assignmentId(n.id, me);
    const a = records.get('review_assignments', id);
    records.put('review_assignments', {
      id, cycleId: n.cycleId, nominationId: n.id, reviewerId: me, status: 'recused', conflictNote: args.note,
      assignedBy: a?.assignedBy ?? me, createdAt: a?.createdAt ?? ctx.now, updatedAt: ctx.now,
    });
    // A recused member's scores and votes do not count, and they lose sight of the nomination.
    records.del('reviews', id);
    for (const v of records.where('award_votes', 'nomination_id = ? AND voter_id = ?', [n.id, me])) records.del('award_votes', v.id);
    records.accessChanged(me);
  },

  'review.save'(records, args, ctx) {
    const me = actor(ctx);
    const a = records.get('review_assignments', args.assignmentId);
    if (!a || a.reviewerId !== me) fail('reviewer_not_assigned');
    if (a.status === 'recused') fail('reviewer_recused');
    const n = records.get('nominations', a.nominationId);
    if (!n) fail('not_found', { table: 'nominations', id: a.nominationId });
    if (n.status !== 'in_review') fail('nomination_wrong_status', { from: n.status });
    const cycle = cycleOf(records, ctx, n.cycleId);
    if (!cycle.committee.includes(me)) fail('not_committee_member');
    const before = records.get('reviews', a.id);
    if (before?.status === 'submitted') fail('review_already_submitted');
    checkScores(cycle.rubric, args.scores, args.submit);
    records.put('reviews', {
      id: a.id,
      assignmentId: a.id,
      cycleId: n.cycleId,
      nominationId: n.id,
      reviewerId: me,
      scores: args.scores,
      comment: args.comment,
      status: args.submit ? 'submitted' : 'draft',
      submittedAt: args.submit ? ctx.now : null,
      createdAt: before?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    });
    if (args.submit) {
      // Others' submitted reviews become visible to this reviewer now: send them again.
      for (const r of records.where('reviews', "nomination_id = ? AND status = 'submitted' AND reviewer_id <> ?", [n.id, me])) records.touch('reviews', r.id);
    }
  },

  'award.vote'(records, args, ctx) {
    const me = actor(ctx);
    const n = records.get('nominations', args.nominationId);
    if (!n || n.status === 'draft') fail('not_found', { table: 'nominations', id: args.nominationId });
    const cycle = cycleOf(records, ctx, n.cycleId);
    if (!cycle.committee.includes(me)) fail(canReadRow('nominations', n, ctx.viewer) ? 'not_committee_member' : 'not_found', { table: 'nominations', id: n.id });
    if (records.reviewAssignmentOf(n.id, me)?.status === 'recused' || me === n.nominatorId || me === n.nomineeAccountId) fail('reviewer_recused');
    const stageStatus: NominationStatus = args.stage === 'shortlist' ? 'in_review' : 'shortlisted';
    if (n.status !== stageStatus) fail('nomination_wrong_status', { from: n.status, stage: args.stage });
    const id = voteId(n.id, args.stage, me);
    const before = records.get('award_votes', id);
    records.put('award_votes', {
      id, cycleId: n.cycleId, nominationId: n.id, stage: args.stage, voterId: me, vote: args.vote,
      createdAt: before?.createdAt ?? ctx.now, updatedAt: ctx.now,
    });
  },
};
