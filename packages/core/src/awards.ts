/**
 * The Mykty Mekendesh (Best Compatriot) award: cycles, nominations, reviews and decisions.
 *
 * A cycle is set up by a coordinator: categories, the nomination window and review dates, a
 * scoring rubric, the committee, eligibility rules and the quorum a decision needs.
 * Embassy staff and association leaders nominate; committee members review, declare
 * conflicts and vote; the coordinator rules on eligibility and records decisions. All of it
 * is records, synced like the rest, and every rule below runs in the same mutators on the
 * client (optimistically, offline) and on the server (with the server's clock and rows).
 */
import { z } from 'zod';
import { fail } from './errors.ts';
import { CountryCode, Id, Locale, Timestamp, text } from './schemas.ts';
import { CalendarDate } from './roster.ts';

/** Text in the three languages of the platform; Kyrgyz first and required. */
export const Trilingual = z.strictObject({ ky: text(200), ru: text(200), en: text(200) });
export type Trilingual = z.infer<typeof Trilingual>;

/** A short stable key for categories and criteria, e.g. `investment`, `impact`. */
export const Slug = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'bad_slug');

export const AwardCategorySchema = z.strictObject({ id: Slug, name: Trilingual });
export type AwardCategory = z.infer<typeof AwardCategorySchema>;

export const CriterionSchema = z.strictObject({
  id: Slug,
  name: Trilingual,
  /** Relative weight; the weights need not add up to anything. */
  weight: z.number().int().min(1).max(100),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z.strictObject({
  /** Whole-number scale, e.g. 1 to 10. */
  scaleMin: z.number().int().min(0).max(10),
  scaleMax: z.number().int().min(1).max(100),
  criteria: z.array(CriterionSchema).min(1).max(12),
});
export type Rubric = z.infer<typeof RubricSchema>;

/** The categories suggested when a coordinator starts a cycle. */
export const DEFAULT_AWARD_CATEGORIES: AwardCategory[] = [
  { id: 'investment', name: { ky: 'Инвестициялык долбоор', ru: 'Инвестиционный проект', en: 'Investment project' } },
  { id: 'philanthropy', name: { ky: 'Кайрымдуулук', ru: 'Благотворительность', en: 'Philanthropy' } },
  { id: 'skills_transfer', name: { ky: 'Тажрыйба алмашуу', ru: 'Передача опыта', en: 'Skills transfer' } },
  { id: 'culture_media', name: { ky: 'Маданият жана медиа', ru: 'Культура и медиа', en: 'Culture and media' } },
  { id: 'youth', name: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' } },
];

/** Fields of a cycle the coordinator sets. */
export const AwardCycleFieldsSchema = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  title: Trilingual,
  categories: z.array(AwardCategorySchema).min(1).max(12),
  /** Dates in Bishkek time (UTC+6), inclusive. */
  nominationsOpen: CalendarDate,
  nominationsClose: CalendarDate,
  reviewEnd: CalendarDate,
  announcement: CalendarDate,
  rubric: RubricSchema,
  /** Account ids of the committee: they review, declare conflicts and vote. */
  committee: z.array(Id).min(1).max(50),
  /** Reviewers automatic assignment gives each nomination. */
  reviewersPerNomination: z.number().int().min(1).max(50),
  /** Votes a decision needs (recorded quorum). */
  quorum: z.number().int().min(1).max(50),
  /** A winner may not be nominated again for this many following cycles. */
  winnerCooldownCycles: z.number().int().min(0).max(10),
  /** Nominations one nominator may submit per category in this cycle. */
  nominatorCap: z.number().int().min(1).max(100),
});
export type AwardCycleFields = z.infer<typeof AwardCycleFieldsSchema>;

export const AwardCycleSchema = z.strictObject({
  id: Id,
  ...AwardCycleFieldsSchema.shape,
  /** Drafts are seen by coordinators only. */
  published: z.boolean(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AwardCycle = z.infer<typeof AwardCycleSchema>;

export const NOMINATION_STATUSES = [
  'draft', 'submitted', 'eligible', 'ineligible', 'in_review', 'shortlisted', 'awarded', 'not_awarded', 'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NominationStatusSchema = z.enum(NOMINATION_STATUSES);

/** The status moves a person may make (the automatic `eligible → in_review` is made by assignment). */
export const NOMINATION_TRANSITIONS: Record<NominationStatus, readonly NominationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['eligible', 'ineligible', 'withdrawn'],
  eligible: ['in_review', 'ineligible', 'withdrawn'],
  ineligible: ['eligible', 'withdrawn'],
  in_review: ['shortlisted', 'not_awarded', 'withdrawn'],
  shortlisted: ['awarded', 'not_awarded', 'withdrawn'],
  awarded: [],
  not_awarded: [],
  withdrawn: [],
};

/** Statuses in which the nomination counts against the nominator's cap. */
export const COUNTED_STATUSES: readonly NominationStatus[] = ['submitted', 'eligible', 'in_review', 'shortlisted', 'awarded', 'not_awarded'];

export const EvidenceLinkSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: text(200),
});
export const EvidenceRefSchema = z.strictObject({ kind: z.enum(['project', 'engagement']), id: Id });
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const CONSENT_STATES = ['pending', 'given', 'refused'] as const;
export const ConsentSchema = z.enum(CONSENT_STATES);
export type Consent = z.infer<typeof ConsentSchema>;

/** Reasons a coordinator gives for ruling a nomination ineligible. */
export const INELIGIBILITY_REASONS = ['recent_winner', 'not_a_compatriot', 'incomplete', 'duplicate', 'other'] as const;
export const IneligibilityReasonSchema = z.enum(INELIGIBILITY_REASONS);

/** What a nominator fills in. */
export const NominationFieldsSchema = z.strictObject({
  categoryId: Slug,
  /** The nominee's account when they are a member of the platform, else null (an outside person). */
  nomineeAccountId: Id.nullable(),
  nomineeName: text(160),
  nomineeCountry: CountryCode.nullable(),
  nomineeCity: text(100).nullable(),
  /** Required to submit (`statement_required`); a draft may have none yet. */
  statement: z.string().trim().max(8000),
  statementLang: Locale,
  evidenceLinks: z.array(EvidenceLinkSchema).max(20),
  /** The nominee's projects and completed engagements on the platform. */
  evidenceRefs: z.array(EvidenceRefSchema).max(20),
});
export type NominationFields = z.infer<typeof NominationFieldsSchema>;

/** One stage's recorded vote count, kept on the nomination when the coordinator decides. */
export const DecisionRecordSchema = z.strictObject({
  stage: z.enum(['shortlist', 'award']),
  yes: z.number().int().min(0),
  no: z.number().int().min(0),
  abstain: z.number().int().min(0),
  quorum: z.number().int().min(1),
  voters: z.array(Id),
  outcome: z.enum(['shortlisted', 'awarded', 'not_awarded']),
  decidedBy: Id,
  decidedAt: Timestamp,
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

export const NominationSchema = z.strictObject({
  id: Id,
  cycleId: Id,
  ...NominationFieldsSchema.shape,
  nominatorId: Id,
  /** Set when a leader nominates for their association; null for embassy staff. */
  associationId: Id.nullable(),
  /** Files uploaded as evidence (kept on the server; the nomination lists them). */
  evidenceFiles: z.array(z.strictObject({ id: Id, name: text(255), contentType: z.string(), size: z.number().int().min(0) })).max(10),
  status: NominationStatusSchema,
  /** Why it is ineligible. */
  ineligibleReason: IneligibilityReasonSchema.nullable(),
  statusNote: text(1000).nullable(),
  consent: ConsentSchema,
  consentAt: Timestamp.nullable(),
  /** Who recorded consent: the nominee, or the coordinator for an outside person (on paper). */
  consentBy: Id.nullable(),
  decisions: z.array(DecisionRecordSchema),
  submittedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Nomination = z.infer<typeof NominationSchema>;

export const ASSIGNMENT_STATUSES = ['assigned', 'recused'] as const;
export const ReviewAssignmentSchema = z.strictObject({
  id: Id,
  cycleId: Id,
  nominationId: Id,
  reviewerId: Id,
  status: z.enum(ASSIGNMENT_STATUSES),
  /** The reviewer's own words on a declared conflict (coordinator and reviewer only). */
  conflictNote: text(1000).nullable(),
  /** `auto` for balanced assignment, else the coordinator's account id. */
  assignedBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ReviewAssignment = z.infer<typeof ReviewAssignmentSchema>;

export const Scores = z.record(Slug, z.number().int().min(0).max(100));
export const ReviewSchema = z.strictObject({
  id: Id,
  assignmentId: Id,
  cycleId: Id,
  nominationId: Id,
  reviewerId: Id,
  scores: Scores,
  comment: z.string().trim().max(4000),
  status: z.enum(['draft', 'submitted']),
  submittedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Review = z.infer<typeof ReviewSchema>;

export const VOTE_STAGES = ['shortlist', 'award'] as const;
export const AwardVoteSchema = z.strictObject({
  id: Id,
  cycleId: Id,
  nominationId: Id,
  stage: z.enum(VOTE_STAGES),
  voterId: Id,
  vote: z.enum(['yes', 'no', 'abstain']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AwardVote = z.infer<typeof AwardVoteSchema>;

/**
 * A third party's endorsement of a nomination, given through a one-time link without an
 * account. The nominator invites by name; the endorser writes their own name and words.
 */
export const EndorsementSchema = z.strictObject({
  id: Id,
  nominationId: Id,
  cycleId: Id,
  nominatorId: Id,
  invitedName: text(160),
  endorserName: text(160).nullable(),
  /** How the endorser knows the nominee, in their words (e.g. "head of the village school"). */
  endorserRelation: text(200).nullable(),
  text: z.string().trim().max(4000).nullable(),
  status: z.enum(['invited', 'received']),
  createdAt: Timestamp,
  receivedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type Endorsement = z.infer<typeof EndorsementSchema>;

/** Evidence files: PDF or images, at most 10 MiB each, 10 per nomination. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 10;

// ---------------------------------------------------------------------------------------
// Rules, shared by the mutators and the screens.

const BISHKEK_OFFSET_MS = 6 * 3600_000;

/** The calendar date in Bishkek (UTC+6, no daylight saving) at an ISO instant. */
export function bishkekDate(iso: string): string {
  return new Date(Date.parse(iso) + BISHKEK_OFFSET_MS).toISOString().slice(0, 10);
}

/** Where `now` falls against the cycle's nomination window. */
export function nominationWindow(cycle: Pick<AwardCycle, 'nominationsOpen' | 'nominationsClose'>, now: string): 'before' | 'open' | 'after' {
  const today = bishkekDate(now);
  if (today < cycle.nominationsOpen) return 'before';
  if (today > cycle.nominationsClose) return 'after';
  return 'open';
}

/** Checks a cycle's dates, rubric and committee settings; throws the reason a form shows. */
export function checkCycle(c: AwardCycleFields): void {
  if (!(c.nominationsOpen <= c.nominationsClose && c.nominationsClose <= c.reviewEnd && c.reviewEnd <= c.announcement)) {
    fail('cycle_dates_invalid');
  }
  if (c.rubric.scaleMin >= c.rubric.scaleMax) fail('rubric_invalid', { reason: 'scale' });
  if (new Set(c.rubric.criteria.map((x) => x.id)).size !== c.rubric.criteria.length) fail('rubric_invalid', { reason: 'duplicate_criterion' });
  if (new Set(c.categories.map((x) => x.id)).size !== c.categories.length) fail('invalid_args', [{ path: 'categories', message: 'duplicate_item' }]);
  if (new Set(c.committee).size !== c.committee.length) fail('invalid_args', [{ path: 'committee', message: 'duplicate_item' }]);
  if (c.quorum > c.committee.length) fail('invalid_args', [{ path: 'quorum', message: 'above_committee' }]);
  if (c.reviewersPerNomination > c.committee.length) fail('invalid_args', [{ path: 'reviewersPerNomination', message: 'above_committee' }]);
}

/** A review's scores against the rubric: every criterion, each on the scale, nothing else. */
export function checkScores(rubric: Rubric, scores: Record<string, number>, complete: boolean): void {
  const ids = new Set(rubric.criteria.map((c) => c.id));
  for (const [id, v] of Object.entries(scores)) {
    if (!ids.has(id)) fail('invalid_args', [{ path: `scores.${id}`, message: 'unknown_criterion' }]);
    if (v < rubric.scaleMin || v > rubric.scaleMax) fail('score_out_of_range', { criterion: id, min: rubric.scaleMin, max: rubric.scaleMax });
  }
  if (complete && rubric.criteria.some((c) => scores[c.id] === undefined)) {
    fail('scores_incomplete', { missing: rubric.criteria.filter((c) => scores[c.id] === undefined).map((c) => c.id) });
  }
}

/** One reviewer's weighted score: the weighted mean of the criteria, on the rubric's scale. */
export function weightedScore(rubric: Rubric, scores: Record<string, number>): number {
  let sum = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    const v = scores[c.id];
    if (v === undefined) continue;
    sum += v * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? NaN : sum / weights;
}

export interface ScoreAggregate {
  /** Submitted reviews counted. */
  count: number;
  /** Mean of the reviewers' weighted scores. */
  mean: number | null;
  median: number | null;
  /** Population standard deviation of the weighted scores: how much the reviewers disagree. */
  spread: number | null;
  min: number | null;
  max: number | null;
  /** Mean per criterion. */
  perCriterion: Record<string, number | null>;
}

/** Aggregates of the submitted reviews of one nomination. Drafts never count. */
export function aggregateScores(rubric: Rubric, reviews: readonly Pick<Review, 'scores' | 'status'>[]): ScoreAggregate {
  const submitted = reviews.filter((r) => r.status === 'submitted');
  const totals = submitted.map((r) => weightedScore(rubric, r.scores)).filter((v) => !Number.isNaN(v));
  const perCriterion: Record<string, number | null> = {};
  for (const c of rubric.criteria) {
    const vs = submitted.map((r) => r.scores[c.id]).filter((v): v is number => v !== undefined);
    perCriterion[c.id] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
  }
  if (totals.length === 0) return { count: 0, mean: null, median: null, spread: null, min: null, max: null, perCriterion };
  const sorted = [...totals].sort((a, b) => a - b);
  const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const spread = Math.sqrt(totals.reduce((a, v) => a + (v - mean) ** 2, 0) / totals.length);
  return { count: totals.length, mean, median, spread, min: sorted[0]!, max: sorted[sorted.length - 1]!, perCriterion };
}

/** A stable 32-bit hash (FNV-1a), to break ties the same way on every host. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Balanced reviewer assignment: each nomination gets reviewers until it has `perNomination`
 * live (not recused) ones; each pick is the committee member with the fewest live
 * assignments in the cycle, never someone conflicted (recused earlier, the nominator or the
 * nominee). Ties break on a hash of nomination and reviewer, so no one is always first and
 * every host computes the same result. Returns the new pairs; a nomination that cannot be
 * filled gets as many as there are.
 */
export function balanceAssignments(input: {
  committee: readonly string[];
  perNomination: number;
  nominations: readonly { id: string; excluded: ReadonlySet<string> }[];
  existing: readonly { nominationId: string; reviewerId: string; status: 'assigned' | 'recused' }[];
}): { nominationId: string; reviewerId: string }[] {
  const load = new Map(input.committee.map((r) => [r, 0]));
  const taken = new Map<string, Set<string>>();
  for (const a of input.existing) {
    let set = taken.get(a.nominationId);
    if (!set) taken.set(a.nominationId, (set = new Set()));
    set.add(a.reviewerId);
    if (a.status === 'assigned' && load.has(a.reviewerId)) load.set(a.reviewerId, load.get(a.reviewerId)! + 1);
  }
  const live = (nominationId: string) =>
    input.existing.filter((a) => a.nominationId === nominationId && a.status === 'assigned').length;
  const out: { nominationId: string; reviewerId: string }[] = [];
  for (const n of [...input.nominations].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const have = taken.get(n.id) ?? new Set<string>();
    let need = input.perNomination - live(n.id);
    while (need > 0) {
      const candidates = input.committee.filter((r) => !have.has(r) && !n.excluded.has(r));
      if (candidates.length === 0) break;
      candidates.sort((a, b) => load.get(a)! - load.get(b)! || fnv1a(n.id + a) - fnv1a(n.id + b) || (a < b ? -1 : 1));
      const pick = candidates[0]!;
      out.push({ nominationId: n.id, reviewerId: pick });
      have.add(pick);
      taken.set(n.id, have);
      load.set(pick, load.get(pick)! + 1);
      need--;
    }
  }
  return out;
}

/** Deterministic id of a reviewer's assignment (and of their review) to a nomination. */
export function assignmentId(nominationId: string, reviewerId: string): string {
  return `ra-${pairHash(nominationId, reviewerId)}`;
}

/** Deterministic id of a committee member's vote on a nomination at a stage. */
export function voteId(nominationId: string, stage: 'shortlist' | 'award', voterId: string): string {
  return `av-${pairHash(`${nominationId}|${stage}`, voterId)}`;
}

/** 64 bits from two hashes: ids that every host derives alike, so an offline client and the server agree. */
function pairHash(a: string, b: string): string {
  const h = (x: string) => fnv1a(x).toString(36).padStart(7, '0');
  return `${h(`${a}|${b}`)}${h(`${b}|${a}|${a.length}`)}`;
}

/** Tallies the votes of a stage: counts, and whether the recorded votes reach the quorum. */
export function tallyVotes(votes: readonly Pick<AwardVote, 'vote' | 'voterId'>[], quorum: number) {
  const yes = votes.filter((v) => v.vote === 'yes').length;
  const no = votes.filter((v) => v.vote === 'no').length;
  const abstain = votes.filter((v) => v.vote === 'abstain').length;
  return { yes, no, abstain, voters: votes.map((v) => v.voterId).sort(), quorumMet: votes.length >= quorum, carried: yes > no };
}
