import { z } from 'zod';
import { NeedSchema, OfferSchema } from './skills-transfer.ts';
import { CalendarDate, ROSTER_IMPORT_CHUNK, RosterEntryFieldsSchema, RosterLabel, RosterPatchSchema } from './roster.ts';
import { Amount, CurrencyInput, ExpenseSchema, MilestoneSchema, PledgeSchema, ProjectFieldsSchema, ProjectRoleSchema } from './projects.ts';
import { AwardCycleFieldsSchema, IneligibilityReasonSchema, NominationFieldsSchema, Scores, VOTE_STAGES } from './awards.ts';
import {
  AccountRoleSchema,
  AssociationRoleSchema,
  AssociationSchema,
  CountryCode,
  Email,
  Id,
  InvitationCode,
  Locale,
  ProfileFieldsSchema,
  ProfileVisibilitySchema,
  Timestamp,
  text,
  uniqueList,
} from './schemas.ts';


const OFFER_FIELDS = OfferSchema.omit({ id: true, accountId: true, status: true, createdAt: true, updatedAt: true }).strict();
const NEED_FIELDS = NeedSchema.omit({ id: true, postedBy: true, status: true, createdAt: true, updatedAt: true }).strict();

const PLEDGE_FIELDS = PledgeSchema.pick({ pledgerId: true, donorName: true, amount: true, currency: true, status: true, note: true, receivedOn: true });
const EXPENSE_FIELDS = z.strictObject({
  amount: Amount,
  currency: CurrencyInput,
  /** Required (`purpose_required` when missing or blank); optional here so the mutator can say so. */
  purpose: z.string().trim().max(500).nullable(),
  spentOn: ExpenseSchema.shape.spentOn,
  receiptUrl: ExpenseSchema.shape.receiptUrl,
});
const MILESTONE_FIELDS = MilestoneSchema.pick({ title: true, dueDate: true, done: true, progress: true });

/** The fields of an association its leaders edit. */
const ASSOCIATION_FIELDS = AssociationSchema.pick({
  name: true, nameLatin: true, country: true, city: true, description: true, contactEmail: true,
}).strict();

/**
 * Argument schemas of every record mutation. The client validates before it queues; the
 * server validates again before it runs the same mutator. Unknown keys are rejected.
 */
export const MUTATION_ARGS = {
  'account.update': z.strictObject({
    displayName: text(120).optional(),
    locale: Locale.optional(),
  }),
  'account.setRoles': z.strictObject({ accountId: Id, roles: z.array(AccountRoleSchema).max(6) }),
  'profile.update': z.strictObject({
    id: Id,
    patch: ProfileFieldsSchema.partial(),
    visibility: ProfileVisibilitySchema.partial().optional(),
  }),
  'association.create': z.strictObject({
    id: Id,
    /** Id of the creator's leader membership, made in the same mutation. */
    membershipId: Id,
    name: text(160),
    nameLatin: text(160).nullable().default(null),
    country: CountryCode,
    city: text(100),
    description: text(4000).nullable().default(null),
    contactEmail: Email.nullable().default(null),
  }),
  'association.update': z.strictObject({ id: Id, patch: ASSOCIATION_FIELDS.partial() }),
  'association.verify': z.strictObject({ id: Id, verified: z.boolean() }),
  'membership.request': z.strictObject({
    id: Id,
    associationId: Id,
    message: text(1000).nullable().default(null),
  }),
  'membership.decide': z.strictObject({ id: Id, decision: z.enum(['approve', 'reject']) }),
  'membership.leave': z.strictObject({ id: Id }),
  'membership.setRole': z.strictObject({ id: Id, role: AssociationRoleSchema }),
  'invitation.create': z.strictObject({
    id: Id,
    associationId: Id,
    code: InvitationCode,
    expiresAt: Timestamp,
    maxUses: z.number().int().min(1).max(100_000),
    requiresApproval: z.boolean().default(false),
  }),
  'invitation.revoke': z.strictObject({ id: Id }),
  'offer.create': OfferSchema.omit({ accountId: true, status: true, createdAt: true, updatedAt: true }),
  'offer.update': z.strictObject({ id: Id, patch: OFFER_FIELDS.partial() }),
  'offer.close': z.strictObject({ id: Id, reopen: z.boolean().default(false) }),
  'need.create': NeedSchema.omit({ postedBy: true, status: true, createdAt: true, updatedAt: true }),
  'need.update': z.strictObject({ id: Id, patch: NEED_FIELDS.partial() }),
  'need.close': z.strictObject({ id: Id, reopen: z.boolean().default(false) }),
  /**
   * Interest in a need (by a member) or an invitation to a member (by the need's poster), or
   * interest in an offer (by a partner). Creates a proposed engagement.
   */
  'engagement.propose': z
    .strictObject({
      id: Id,
      needId: Id.nullable().default(null),
      offerId: Id.nullable().default(null),
      /** When the need's poster invites a member. */
      memberId: Id.nullable().default(null),
      message: text(1000).nullable().default(null),
    })
    .refine((v) => (v.needId === null) !== (v.offerId === null), { message: 'need_or_offer' }),
  'engagement.transition': z.strictObject({
    id: Id,
    to: z.enum(['accepted', 'in_progress', 'completed', 'declined', 'cancelled']),
    hours: z.number().int().min(0).max(100_000).nullable().default(null),
    beneficiaries: z.number().int().min(0).max(10_000_000).nullable().default(null),
  }),
  'notification.read': z.strictObject({ ids: z.array(Id).min(1).max(500) }),
  /** A person added to a roster by hand (leaders and secretaries). */
  'roster.create': z.strictObject({ id: Id, associationId: Id, fields: RosterEntryFieldsSchema }),
  /**
   * Changes some fields of an entry. `base` holds the values the editor saw: when another
   * change got there first (the server's value is neither `base` nor the new value), the
   * mutation is refused with `conflict` and both values, so the leader decides; nothing is
   * overwritten unseen.
   */
  'roster.update': z.strictObject({ id: Id, patch: RosterPatchSchema, base: RosterPatchSchema.optional() }),
  'roster.delete': z.strictObject({ id: Id }),
  /** One change to many entries of a roster (a selection): tags, groups, role, renewal date. */
  'roster.bulk': z.strictObject({
    associationId: Id,
    ids: z.array(Id).min(1).max(500),
    addTags: uniqueList(RosterLabel, 20).default([]),
    removeTags: uniqueList(RosterLabel, 20).default([]),
    addGroups: uniqueList(RosterLabel, 10).default([]),
    removeGroups: uniqueList(RosterLabel, 10).default([]),
    role: z.enum(['leader', 'secretary', 'member']).optional(),
    renewalDate: CalendarDate.nullable().optional(),
  }),
  /**
   * One chunk of an import batch: entries to create and entries to merge into. The first
   * chunk of a batch creates its record; later ones add to it. The client applies all chunks
   * in one local transaction.
   */
  'roster.import': z.strictObject({
    batchId: Id,
    associationId: Id,
    fileName: text(255),
    creates: z.array(z.strictObject({ id: Id, fields: RosterEntryFieldsSchema })).max(ROSTER_IMPORT_CHUNK),
    merges: z.array(z.strictObject({ id: Id, patch: RosterPatchSchema })).max(ROSTER_IMPORT_CHUNK),
  }),
  /** Undoes a whole import: removes the entries it created and restores what it merged. */
  'roster.undoImport': z.strictObject({ batchId: Id }),
  /**
   * A project of an association (its leaders and secretaries create it) or of a home partner
   * (their own). The creator becomes its owner through the member row `memberId`.
   */
  'project.create': z.strictObject({
    id: Id,
    memberId: Id,
    associationId: Id.nullable().default(null),
    partnerId: Id.nullable().default(null),
    ...ProjectFieldsSchema.shape,
    summary: ProjectFieldsSchema.shape.summary.default(null),
    settlement: ProjectFieldsSchema.shape.settlement.default(null),
    organisation: ProjectFieldsSchema.shape.organisation.default(null),
    status: ProjectFieldsSchema.shape.status.default('draft'),
    budgetAmount: ProjectFieldsSchema.shape.budgetAmount.default(null),
    budgetCurrency: ProjectFieldsSchema.shape.budgetCurrency.default(null),
  }).refine((v) => (v.associationId === null) !== (v.partnerId === null), { message: 'association_or_partner' }),
  /** Owners and editors change the description, status and budget. */
  'project.update': z.strictObject({ id: Id, patch: ProjectFieldsSchema.partial() }),
  /** Owners only: show or hide the public page. */
  'project.setPublic': z.strictObject({ id: Id, isPublic: z.boolean() }),
  /** Owners only: removes the project with its members, money, milestones and updates. */
  'project.delete': z.strictObject({ id: Id }),
  /** Owners add an account to a project, change its role, or remove it (anyone may leave); one owner always stays. */
  'projectMember.add': z.strictObject({ id: Id, projectId: Id, accountId: Id, role: ProjectRoleSchema }),
  'projectMember.setRole': z.strictObject({ id: Id, role: ProjectRoleSchema }),
  'projectMember.remove': z.strictObject({ id: Id }),
  /** Owners and editors record a pledge; a member's pledge stays anonymous until the member names it. */
  'pledge.create': z.strictObject({
    id: Id,
    projectId: Id,
    ...PLEDGE_FIELDS.shape,
    pledgerId: PLEDGE_FIELDS.shape.pledgerId.default(null),
    donorName: PLEDGE_FIELDS.shape.donorName.default(null),
    status: PLEDGE_FIELDS.shape.status.default('pledged'),
    note: PLEDGE_FIELDS.shape.note.default(null),
    receivedOn: PLEDGE_FIELDS.shape.receivedOn.default(null),
    anonymous: z.boolean().default(true),
  }),
  'pledge.update': z.strictObject({ id: Id, patch: PLEDGE_FIELDS.partial() }),
  /**
   * Whether the public page names the pledger, and with which name. Anyone who may edit the
   * pledge may make it anonymous; only the pledger may name a member's pledge.
   */
  'pledge.setAnonymous': z.strictObject({ id: Id, anonymous: z.boolean(), donorName: text(160).nullable().optional() }),
  'pledge.delete': z.strictObject({ id: Id }),
  'expense.create': z.strictObject({
    id: Id,
    projectId: Id,
    ...EXPENSE_FIELDS.shape,
    purpose: EXPENSE_FIELDS.shape.purpose.default(null),
    spentOn: EXPENSE_FIELDS.shape.spentOn.default(null),
    receiptUrl: EXPENSE_FIELDS.shape.receiptUrl.default(null),
  }),
  'expense.update': z.strictObject({ id: Id, patch: EXPENSE_FIELDS.partial() }),
  'expense.delete': z.strictObject({ id: Id }),
  'milestone.create': z.strictObject({
    id: Id,
    projectId: Id,
    ...MILESTONE_FIELDS.shape,
    dueDate: MILESTONE_FIELDS.shape.dueDate.default(null),
    done: MILESTONE_FIELDS.shape.done.default(false),
    progress: MILESTONE_FIELDS.shape.progress.default(0),
  }),
  'milestone.update': z.strictObject({ id: Id, patch: MILESTONE_FIELDS.partial() }),
  'milestone.delete': z.strictObject({ id: Id }),
  /** A public progress update, signed with the author's display name. */
  'projectUpdate.create': z.strictObject({ id: Id, projectId: Id, text: text(4000), date: CalendarDate }),
  'projectUpdate.update': z.strictObject({ id: Id, text: text(4000).optional(), date: CalendarDate.optional() }),
  'projectUpdate.delete': z.strictObject({ id: Id }),
  /** Coordinators set up an award cycle; drafts are theirs alone until published. */
  'awardCycle.create': z.strictObject({ id: Id, ...AwardCycleFieldsSchema.shape }),
  /** Categories, rubric and committee are locked once a review is submitted (`cycle_locked`). */
  'awardCycle.update': z.strictObject({ id: Id, patch: AwardCycleFieldsSchema.partial() }),
  'awardCycle.publish': z.strictObject({ id: Id, published: z.boolean() }),
  /** A draft nomination, by embassy staff or an association's leader; may be written offline. */
  'nomination.create': z.strictObject({
    id: Id,
    cycleId: Id,
    associationId: Id.nullable().default(null),
    ...NominationFieldsSchema.shape,
    nomineeAccountId: NominationFieldsSchema.shape.nomineeAccountId.default(null),
    nomineeCountry: NominationFieldsSchema.shape.nomineeCountry.default(null),
    nomineeCity: NominationFieldsSchema.shape.nomineeCity.default(null),
    statement: NominationFieldsSchema.shape.statement.default(''),
    evidenceLinks: NominationFieldsSchema.shape.evidenceLinks.default([]),
    evidenceRefs: NominationFieldsSchema.shape.evidenceRefs.default([]),
  }),
  /** The nominator edits a draft. */
  'nomination.update': z.strictObject({ id: Id, patch: NominationFieldsSchema.partial() }),
  /** Inside the window, under the cap, for an eligible nominee. */
  'nomination.submit': z.strictObject({ id: Id }),
  'nomination.withdraw': z.strictObject({ id: Id }),
  /** The coordinator rules on eligibility, with a reason when ineligible. */
  'nomination.rule': z.strictObject({
    id: Id,
    eligible: z.boolean(),
    reason: IneligibilityReasonSchema.nullable().default(null),
    note: text(1000).nullable().default(null),
  }),
  /** The coordinator records consent given on paper (an outside person); members consent by link. */
  'nomination.recordConsent': z.strictObject({ id: Id, consent: z.enum(['given', 'refused']) }),
  /** The coordinator records the committee's decision at a stage; needs the quorum of votes. */
  'nomination.decide': z.strictObject({ id: Id, stage: z.enum(VOTE_STAGES) }),
  /** The coordinator assigns a committee member to a nomination by hand. */
  'review.assign': z.strictObject({ nominationId: Id, reviewerId: Id }),
  /** The coordinator removes an assignment that has no submitted review. */
  'review.unassign': z.strictObject({ id: Id }),
  /** Balanced assignment of every eligible nomination of a cycle. */
  'review.autoAssign': z.strictObject({ cycleId: Id }),
  /** A committee member declares a conflict of interest: recused, they no longer see, score or vote on it. */
  'review.declareConflict': z.strictObject({ nominationId: Id, note: text(1000).nullable().default(null) }),
  /** Saves a reviewer's scores and comment; `submit` makes them final. */
  'review.save': z.strictObject({
    assignmentId: Id,
    scores: Scores,
    comment: z.string().trim().max(4000).default(''),
    submit: z.boolean().default(false),
  }),
  /** A committee member's vote at a stage; changeable until the decision. */
  'award.vote': z.strictObject({ nominationId: Id, stage: z.enum(VOTE_STAGES), vote: z.enum(['yes', 'no', 'abstain']) }),
} as const;

export type MutationName = keyof typeof MUTATION_ARGS;
export type MutationArgs<N extends MutationName> = z.input<(typeof MUTATION_ARGS)[N]>;
export type ParsedMutationArgs<N extends MutationName> = z.output<(typeof MUTATION_ARGS)[N]>;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

export function isMutationName(name: unknown): name is MutationName {
  return typeof name === 'string' && Object.hasOwn(MUTATION_ARGS, name);
}
