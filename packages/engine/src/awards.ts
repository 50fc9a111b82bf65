/**
 * The Mykty Mekendesh award in the engine: cycles, nominations, reviews and votes read from
 * this device's store (so every screen works offline), every award mutation through the sync
 * client (applied at once by the mutator the server runs, queued), and the few actions that
 * only the server can do (one-time endorsement and consent links, evidence files) over HTTP.
 *
 * What a screen gets is what the pull gave this account (`canReadRow`): a committee member
 * sees no draft and nothing they are recused from, others' scores only once theirs are in.
 * The reads apply the same rule to rows still on the device, so a conflict declared offline
 * hides the nomination at once. Loaded on the first award call (`award-handlers.ts`), so its
 * code stays out of the worker's first load.
 */
import type {
  AwardCategory,
  AwardCycle,
  AwardVote,
  Endorsement,
  EvidenceRef,
  Nomination,
  NominationStatus,
  Review,
  ReviewAssignment,
  ScoreAggregate,
  Trilingual,
  Viewer,
} from '@mekendesh/core';
import type { RejectedMutation, SyncClient } from '@mekendesh/sync';
import type { AwardApi, AwardCore, AwardServer, EndorsementLink, EvidenceUpload, NomineeView, OneTimeLink } from './award-handlers.ts';

/**
 * Core's values, passed in by `award-handlers.ts` with the first call. This module imports types
 * only: a second lazy chunk of the worker reaching core itself (even through `award-handlers.ts`)
 * would make the bundler move core out of the worker's first chunk into one shared by all three.
 */
let C: AwardCore;

/** The award mutations a screen may send; each is checked by its mutator, here and on the server. */
export const AWARD_MUTATIONS = [
  'awardCycle.create',
  'awardCycle.update',
  'awardCycle.publish',
  'nomination.create',
  'nomination.update',
  'nomination.submit',
  'nomination.withdraw',
  'nomination.rule',
  'nomination.recordConsent',
  'nomination.decide',
  'review.assign',
  'review.unassign',
  'review.autoAssign',
  'review.declareConflict',
  'review.save',
  'award.vote',
] as const;
export type AwardMutation = (typeof AWARD_MUTATIONS)[number];

/** The award endpoints over HTTP (`server/src/app.ts`). */
export function httpAwardApi(opts: AwardServer, core: Pick<AwardCore, 'DomainError' | 'isReasonCode' | 'AwardOffline'> = C): AwardApi {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const call = async <T>(path: string, body: BodyInit | null, headers: Record<string, string>): Promise<T> => {
    const token = opts.token?.();
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl}${path}`, {
        method: body === null ? 'GET' : 'POST',
        ...(body === null ? { cache: 'no-store' as const } : { body }),
        credentials: 'include',
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(60_000),
      });
    } catch {
      throw new core.AwardOffline();
    }
    const json = (await res.json().catch(() => null)) as ({ ok?: boolean; error?: unknown; detail?: unknown } & T) | null;
    if (res.ok && json?.ok) return json;
    if (json && core.isReasonCode(json.error)) throw new core.DomainError(json.error, json.detail ?? null);
    throw new core.DomainError(res.status === 413 ? 'evidence_too_large' : res.status === 401 ? 'unauthenticated' : res.status >= 500 ? 'internal' : 'bad_request');
  };
  const base = (id: string) => `/api/nominations/${encodeURIComponent(id)}`;
  const json = { 'content-type': 'application/json' };
  return {
    endorsementLink: (id, invitedName) => call(`${base(id)}/endorsement-links`, JSON.stringify({ invitedName }), json),
    consentLink: (id) => call(`${base(id)}/consent-link`, '{}', json),
    async uploadEvidence(id, file) {
      // A buffer of its own: a view into a larger buffer would send the rest of it too.
      const body = file.bytes.slice().buffer as ArrayBuffer;
      const r = await call<{ fileId: string }>(`${base(id)}/evidence`, body, { 'content-type': file.contentType, 'x-file-name': encodeURIComponent(file.name) });
      return { fileId: r.fileId };
    },
    async nomineeView(id) {
      return (await call<{ subject: NomineeView }>(`${base(id)}/my-consent`, null, {})).subject;
    },
    async nomineeConsent(id, consent) {
      await call(`${base(id)}/my-consent`, JSON.stringify({ consent }), json);
    },
  };
}

// ---------------------------------------------------------------------------------------
// What the screens get.

export interface AwardContext {
  accountId: string;
  coordinator: boolean;
  /** Embassy staff nominate for no association (`associationId: null`). */
  embassy: boolean;
  /** Associations the account leads: it may nominate for them. */
  associations: { id: string; name: string }[];
  /** Cycles whose committee the account sits on. */
  committeeCycles: string[];
}

/** Where today (Bishkek) falls against a cycle's nomination window, in days. */
export interface WindowState {
  window: 'before' | 'open' | 'after';
  /** Days until the window opens (0 when open or past). */
  opensInDays: number;
  /** Days until it closes, the last day being 0; negative once closed. */
  closesInDays: number;
}

export interface CycleSummary extends WindowState {
  id: string;
  year: number;
  title: Trilingual;
  published: boolean;
  categories: AwardCategory[];
  nominationsOpen: string;
  nominationsClose: string;
  reviewEnd: string;
  announcement: string;
  onCommittee: boolean;
  /** Nominations of the cycle this device holds for the account (its own drafts included). */
  nominations: number;
}

export interface NominationSummary {
  id: string;
  cycleId: string;
  cycleYear: number | null;
  cycleTitle: Trilingual | null;
  categoryId: string;
  categoryName: Trilingual | null;
  nomineeName: string;
  nomineeAccountId: string | null;
  nomineeCountry: string | null;
  nomineeCity: string | null;
  nominatorId: string;
  nominatorName: string | null;
  /** The association nominating, when a leader nominated for it (null: embassy staff). */
  associationId: string | null;
  associationName: string | null;
  status: NominationStatus;
  consent: Nomination['consent'];
  submittedAt: string | null;
  updatedAt: string;
  /** Changes to it made on this device and not yet confirmed by the server. */
  unsent: boolean;
}

export interface ReviewQueueItem extends NominationSummary {
  /** Whether the account is assigned to review it (null: on the committee, not assigned). */
  assigned: boolean;
  review: Review['status'] | null;
  votes: Partial<Record<AwardVote['stage'], AwardVote['vote']>>;
}

export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  quorum: number;
  quorumMet: boolean;
  carried: boolean;
}

export interface AssignmentView {
  id: string;
  reviewerId: string;
  reviewerName: string | null;
  status: ReviewAssignment['status'];
  conflictNote: string | null;
  review: Review['status'] | null;
}

export interface ReviewView extends Review {
  reviewerName: string | null;
  /** The reviewer's weighted score on the rubric's scale (null when no criterion is scored). */
  weighted: number | null;
}

export interface EvidenceView extends EvidenceRef {
  /** The project's or the engagement's title when this device holds it. */
  title: string | null;
}

export interface NominationDetail {
  accountId: string;
  nomination: Nomination;
  cycle: AwardCycle;
  window: WindowState;
  categoryName: Trilingual | null;
  nominatorName: string | null;
  associationName: string | null;
  /** What the account may do with it. */
  mine: boolean;
  coordinator: boolean;
  /** On the cycle's committee and not recused: may declare a conflict and vote. */
  committee: boolean;
  evidence: EvidenceView[];
  endorsements: Endorsement[];
  /** The account's own assignment and review (committee members). */
  assignment: ReviewAssignment | null;
  review: Review | null;
  /**
   * Submitted reviews the account may see: all of them for coordinators, others' for a
   * reviewer once their own is submitted (the pull sends them only then).
   */
  reviews: ReviewView[];
  /** Over the submitted reviews the account sees (null when it may not see them yet). */
  aggregate: ScoreAggregate | null;
  myVotes: Partial<Record<AwardVote['stage'], AwardVote['vote']>>;
  /** Coordinators: the committee by name, every assignment, and the votes per stage against the quorum. */
  committeeMembers: { id: string; name: string | null }[];
  assignments: AssignmentView[];
  tallies: Record<AwardVote['stage'], Tally> | null;
  unsent: boolean;
  /** Changes to it the server refused (with their reasons), still in the outbox. */
  rejected: RejectedMutation[];
}

export interface CycleNomination extends NominationSummary {
  ineligibleReason: Nomination['ineligibleReason'];
  statusNote: string | null;
  assignments: AssignmentView[];
  aggregate: ScoreAggregate;
  tallies: Record<AwardVote['stage'], Tally>;
  decisions: Nomination['decisions'];
}

/** A cycle as its coordinator runs it. */
export interface CycleDetail {
  cycle: AwardCycle;
  window: WindowState;
  committee: { id: string; name: string | null }[];
  nominations: CycleNomination[];
}

/** The nominee's work on the platform this device holds, for "platform evidence". */
export interface NomineeEvidence {
  projects: { id: string; title: string }[];
  engagements: { id: string; title: string | null; completedAt: string | null; hours: number | null }[];
}

/** Reference data for the award forms (kept in core, which the UI bundle does not load). */
export interface AwardDefaults {
  categories: AwardCategory[];
  evidenceTypes: readonly string[];
  maxEvidenceBytes: number;
  maxEvidenceFiles: number;
  ineligibilityReasons: readonly string[];
}

/** Why a field of an award mutation was refused: `field` is its path (`nomineeName`, `evidenceLinks.0.url`). */
export interface AwardIssue {
  field: string;
  code: 'required' | 'too_long' | 'invalid';
}

interface AwardAccount {
  accountId: string;
  client: SyncClient;
}

// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The window against today in Bishkek. */
export function windowState(
  cycle: Pick<AwardCycle, 'nominationsOpen' | 'nominationsClose'>,
  now: string,
  core: Pick<AwardCore, 'bishkekDate' | 'nominationWindow'> = C,
): WindowState {
  const today = core.bishkekDate(now);
  return {
    window: core.nominationWindow(cycle, now),
    opensInDays: Math.max(0, days(today, cycle.nominationsOpen)),
    closesInDays: days(today, cycle.nominationsClose),
  };
}

/** One issue per field (the first) from a schema failure, the path without `patch`. */
function schemaIssues(issues: readonly { path: readonly PropertyKey[]; code: string; origin?: string }[], args: unknown): AwardIssue[] {
  const out = new Map<string, AwardIssue['code']>();
  for (const i of issues) {
    const field = i.path.filter((p) => p !== 'patch').map(String).join('.');
    if (out.has(field)) continue;
    let input: unknown = args;
    for (const key of i.path) input = (input as Record<PropertyKey, unknown> | null | undefined)?.[key];
    let code: AwardIssue['code'] = 'invalid';
    if (i.code === 'too_big' && i.origin === 'string') code = 'too_long';
    else if ((i.code === 'too_small' && i.origin === 'string') || (i.code === 'invalid_type' && (input === undefined || input === null))) code = 'required';
    out.set(field, code);
  }
  return [...out].map(([field, code]) => ({ field, code }));
}

/** A mutator's own `invalid_args` ([{ path, message }]) in the same shape. */
function mutatorIssues(err: unknown): unknown {
  if (!(err instanceof C.DomainError) || err.code !== 'invalid_args' || !Array.isArray(err.detail)) return err;
  const issues: AwardIssue[] = (err.detail as { path?: unknown; message?: unknown }[]).map((d) => ({
    field: String(d.path ?? ''),
    code: d.message === 'required' ? 'required' : 'invalid',
  }));
  return new C.DomainError('invalid_args', { issues });
}

const byNewest = <T extends { updatedAt: string }>(a: T, b: T) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);
const STAGES = ['shortlist', 'award'] as const;

/** Reads over one open account. */
class AwardReads {
  readonly viewer: Viewer;
  private readonly cycles = new Map<string, AwardCycle | undefined>();
  private unsentIds: Set<string> | null = null;

  constructor(
    readonly accountId: string,
    readonly client: SyncClient,
    readonly now: string,
  ) {
    this.viewer = client.records.viewer(accountId);
  }

  get records() {
    return this.client.records;
  }

  get coordinator(): boolean {
    return C.hasRole(this.viewer, 'coordinator');
  }

  cycle(id: string): AwardCycle | undefined {
    if (!this.cycles.has(id)) {
      const c = this.records.get('award_cycles', id);
      this.cycles.set(id, c && C.canReadRow('award_cycles', c, this.viewer) ? c : undefined);
    }
    return this.cycles.get(id);
  }

  /** A name this device may show for an account: the profile's, else the account's (one's own). */
  nameOf(accountId: string | null): string | null {
    if (!accountId) return null;
    const p = this.client.get('profiles', accountId);
    return p?.nameCyrillic || p?.nameLatin || this.client.get('accounts', accountId)?.displayName || null;
  }

  /** Whether the account may see the nomination now (the pull's rule, over rows still here). */
  visible(n: Nomination): boolean {
    return C.canReadRow('nominations', n, this.viewer) && this.cycle(n.cycleId) !== undefined;
  }

  nomination(id: string): Nomination | undefined {
    const n = this.records.get('nominations', id);
    return n && this.visible(n) ? n : undefined;
  }

  /** Nominations with changes in the outbox (not refused). */
  unsent(id: string): boolean {
    if (!this.unsentIds) {
      const rows = this.records.db.all<{ id: string | null; nid: string | null }>(
        `SELECT json_extract(args, '$.id') AS id, json_extract(args, '$.nominationId') AS nid FROM sync_outbox
          WHERE status != 'rejected' AND (name LIKE 'nomination.%' OR name LIKE 'review.%' OR name = 'award.vote')`,
      );
      this.unsentIds = new Set(rows.flatMap((r) => [r.id, r.nid]).filter((x): x is string => typeof x === 'string'));
    }
    return this.unsentIds.has(id);
  }

  summary(n: Nomination): NominationSummary {
    const cycle = this.cycle(n.cycleId);
    return {
      id: n.id,
      cycleId: n.cycleId,
      cycleYear: cycle?.year ?? null,
      cycleTitle: cycle?.title ?? null,
      categoryId: n.categoryId,
      categoryName: cycle?.categories.find((c) => c.id === n.categoryId)?.name ?? null,
      nomineeName: n.nomineeName,
      nomineeAccountId: n.nomineeAccountId,
      nomineeCountry: n.nomineeCountry,
      nomineeCity: n.nomineeCity,
      nominatorId: n.nominatorId,
      nominatorName: this.nameOf(n.nominatorId),
      associationId: n.associationId,
      associationName: n.associationId ? (this.client.get('associations', n.associationId)?.name ?? null) : null,
      status: n.status,
      consent: n.consent,
      submittedAt: n.submittedAt,
      updatedAt: n.updatedAt,
      unsent: this.unsent(n.id),
    };
  }

  assignmentViews(nominationId: string): AssignmentView[] {
    return this.records
      .where('review_assignments', 'nomination_id = ?', [nominationId])
      .map((a) => ({
        id: a.id,
        reviewerId: a.reviewerId,
        reviewerName: this.nameOf(a.reviewerId),
        status: a.status,
        conflictNote: a.conflictNote,
        review: this.records.get('reviews', a.id)?.status ?? null,
      }))
      .sort((x, y) => (x.reviewerName ?? '\uffff').localeCompare(y.reviewerName ?? '\uffff'));
  }

  tallies(n: Nomination, cycle: AwardCycle): Record<AwardVote['stage'], Tally> {
    const out = {} as Record<AwardVote['stage'], Tally>;
    for (const stage of STAGES) {
      const votes = this.records.where('award_votes', 'nomination_id = ? AND stage = ?', [n.id, stage]).filter((v) => cycle.committee.includes(v.voterId));
      const t = C.tallyVotes(votes, cycle.quorum);
      out[stage] = { yes: t.yes, no: t.no, abstain: t.abstain, quorum: cycle.quorum, quorumMet: t.quorumMet, carried: t.carried };
    }
    return out;
  }

  myVotes(nominationId: string): Partial<Record<AwardVote['stage'], AwardVote['vote']>> {
    const out: Partial<Record<AwardVote['stage'], AwardVote['vote']>> = {};
    for (const v of this.records.where('award_votes', 'nomination_id = ? AND voter_id = ?', [nominationId, this.accountId])) out[v.stage] = v.vote;
    return out;
  }

  /** On the committee of the nomination's cycle, not recused, and neither its nominator nor nominee. */
  onCommittee(n: Nomination, cycle: AwardCycle): boolean {
    if (!cycle.committee.includes(this.accountId)) return false;
    if (n.nominatorId === this.accountId || n.nomineeAccountId === this.accountId) return false;
    return this.records.reviewAssignmentOf(n.id, this.accountId)?.status !== 'recused';
  }
}

function reviewView(r: Review, reads: AwardReads, cycle: AwardCycle): ReviewView {
  const w = C.weightedScore(cycle.rubric, r.scores);
  return { ...r, reviewerName: reads.nameOf(r.reviewerId), weighted: Number.isNaN(w) ? null : w };
}

function evidenceTitle(reads: AwardReads, ref: EvidenceRef): string | null {
  if (ref.kind === 'project') return reads.client.get('projects', ref.id)?.title ?? null;
  const e = reads.client.get('engagements', ref.id);
  if (!e) return null;
  return (e.needId ? reads.client.get('needs', e.needId)?.title : null) ?? (e.offerId ? reads.client.get('offers', e.offerId)?.title : null) ?? null;
}

/** Waits (briefly) until the nomination's changes have reached the server, so the server knows it. */
async function sent(reads: AwardReads, nominationId: string, timeoutMs: number): Promise<void> {
  const pending = () =>
    Number(
      reads.records.db.get<{ n: number }>(
        `SELECT count(*) AS n FROM sync_outbox WHERE status != 'rejected'
          AND (json_extract(args, '$.id') = ? OR json_extract(args, '$.nominationId') = ?)`,
        [nominationId, nominationId],
      )?.n ?? 0,
    ) > 0;
  if (!pending()) return;
  reads.client.poke();
  const end = Date.now() + timeoutMs;
  while (pending() && Date.now() < end) {
    // Offline, waiting does not help: the call fails at once and says so.
    if (reads.client.status().state === 'offline') return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The handlers, over whichever account is open (`engine()` throws `unauthenticated` when none). */
export function awardHandlers(engine: () => Promise<AwardAccount>, api: AwardApi | null, core: AwardCore, opts: { now?: () => Date; syncWaitMs?: number } = {}) {
  C = core;
  const now = () => (opts.now?.() ?? new Date()).toISOString();
  const reads = async () => {
    const { accountId, client } = await engine();
    return new AwardReads(accountId, client, now());
  };
  const online = (): AwardApi => {
    if (!api) throw new C.AwardOffline();
    return api;
  };
  /** Runs an online action for a nomination the account sees, once its changes have been sent. */
  const withServer = async <T>(nominationId: string, run: (api: AwardApi) => Promise<T>): Promise<T> => {
    const r = await reads();
    if (!r.nomination(nominationId)) throw new C.DomainError('not_found', { table: 'nominations', id: nominationId });
    await sent(r, nominationId, opts.syncWaitMs ?? 15_000);
    try {
      const done = await run(online());
      // The server changed the nomination (a file listed, an endorsement invited): fetch it now.
      r.client.poke();
      return done;
    } catch (err) {
      // The server does not know this state of it yet: say so rather than "not found".
      if (err instanceof C.DomainError && (err.code === 'not_found' || err.code === 'nomination_wrong_status') && r.unsent(nominationId)) {
        throw Object.assign(new Error('not_synced'), { code: 'not_synced', detail: null });
      }
      throw err;
    }
  };

  return {
    /** Who the account is for the award: coordinator, nominator (embassy, associations led), committee. */
    async 'awards.context'(): Promise<AwardContext> {
      const r = await reads();
      const associations = [...r.viewer.memberships]
        .filter(([, m]) => m.status === 'active' && m.role === 'leader')
        .map(([id]) => ({ id, name: r.client.get('associations', id)?.name ?? id }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return {
        accountId: r.accountId,
        coordinator: r.coordinator,
        embassy: C.hasRole(r.viewer, 'embassy_staff'),
        associations,
        committeeCycles: [...(r.viewer.committee ?? [])],
      };
    },

    /** Reference data for the forms: default categories, evidence file rules, ineligibility reasons. */
    'awards.defaults'(): AwardDefaults {
      return {
        categories: C.DEFAULT_AWARD_CATEGORIES,
        evidenceTypes: C.EVIDENCE_TYPES,
        maxEvidenceBytes: C.MAX_EVIDENCE_BYTES,
        maxEvidenceFiles: C.MAX_EVIDENCE_FILES,
        ineligibilityReasons: C.INELIGIBILITY_REASONS,
      };
    },

    /** The cycles the account sees (published ones; drafts too for coordinators), newest first. */
    async 'awards.cycles'(): Promise<CycleSummary[]> {
      const r = await reads();
      const counts = new Map<string, number>();
      for (const n of r.records.where('nominations', '1=1')) if (r.visible(n)) counts.set(n.cycleId, (counts.get(n.cycleId) ?? 0) + 1);
      return r.records
        .where('award_cycles', '1=1')
        .filter((c) => C.canReadRow('award_cycles', c, r.viewer))
        .sort((a, b) => b.year - a.year || (a.nominationsOpen < b.nominationsOpen ? 1 : -1))
        .map((c) => ({
          id: c.id,
          year: c.year,
          title: c.title,
          published: c.published,
          categories: c.categories,
          nominationsOpen: c.nominationsOpen,
          nominationsClose: c.nominationsClose,
          reviewEnd: c.reviewEnd,
          announcement: c.announcement,
          onCommittee: c.committee.includes(r.accountId),
          nominations: counts.get(c.id) ?? 0,
          ...windowState(c, r.now),
        }));
    },

    /** A cycle with every nomination, its reviews' aggregates and vote tallies (coordinators). */
    async 'awards.cycle'({ id }: { id: string }): Promise<CycleDetail | null> {
      const r = await reads();
      const cycle = r.cycle(id);
      if (!cycle) return null;
      if (!r.coordinator) throw new C.DomainError('forbidden');
      const nominations = r.records
        .where('nominations', 'cycle_id = ?', [id])
        .filter((n) => r.visible(n) && n.status !== 'draft')
        .sort((a, b) => (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt))
        .map((n) => ({
          ...r.summary(n),
          ineligibleReason: n.ineligibleReason,
          statusNote: n.statusNote,
          assignments: r.assignmentViews(n.id),
          aggregate: C.aggregateScores(cycle.rubric, r.records.where('reviews', 'nomination_id = ?', [n.id])),
          tallies: r.tallies(n, cycle),
          decisions: n.decisions,
        }));
      return {
        cycle,
        window: windowState(cycle, r.now),
        committee: cycle.committee.map((a) => ({ id: a, name: r.nameOf(a) })),
        nominations,
      };
    },

    /** The nominations the account made, newest change first. */
    async 'awards.myNominations'(): Promise<NominationSummary[]> {
      const r = await reads();
      return r.records
        .where('nominations', 'nominator_id = ?', [r.accountId])
        .filter((n) => r.visible(n))
        .sort(byNewest)
        .map((n) => r.summary(n));
    },

    /**
     * Nominations of the cycles whose committee the account sits on, minus those it is recused
     * from: assigned ones first, then by status and date.
     */
    async 'awards.reviewQueue'(): Promise<ReviewQueueItem[]> {
      const r = await reads();
      const cycles = [...(r.viewer.committee ?? [])].filter((id) => r.cycle(id));
      if (cycles.length === 0) return [];
      const order: NominationStatus[] = ['in_review', 'shortlisted', 'eligible', 'submitted', 'ineligible', 'awarded', 'not_awarded', 'withdrawn'];
      return r.records
        .where('nominations', "cycle_id IN (SELECT value FROM json_each(?)) AND status <> 'draft'", [JSON.stringify(cycles)])
        .filter((n) => r.visible(n) && r.onCommittee(n, r.cycle(n.cycleId)!))
        .map((n) => {
          const a = r.records.reviewAssignmentOf(n.id, r.accountId);
          return {
            ...r.summary(n),
            assigned: a?.status === 'assigned',
            review: a ? (r.records.get('reviews', a.id)?.status ?? null) : null,
            votes: r.myVotes(n.id),
          };
        })
        .sort((x, y) => Number(y.assigned) - Number(x.assigned) || order.indexOf(x.status) - order.indexOf(y.status) || byNewest(x, y));
    },

    /** One nomination as the account may see it, with what it may do; null when it may not (or it is gone). */
    async 'awards.nomination'({ id }: { id: string }): Promise<NominationDetail | null> {
      const r = await reads();
      const n = r.nomination(id);
      if (!n) return null;
      const cycle = r.cycle(n.cycleId)!;
      const coordinator = r.coordinator;
      const committee = r.onCommittee(n, cycle);
      const assignment = r.records.reviewAssignmentOf(n.id, r.accountId) ?? null;
      const review = assignment ? (r.records.get('reviews', assignment.id) ?? null) : null;
      // Others' reviews reach the device only when the account may see them (coordinators, or after its own).
      const submitted = r.records
        .where('reviews', "nomination_id = ? AND status = 'submitted'", [n.id])
        .filter((x) => C.canReadRow('reviews', x, r.viewer));
      const others = submitted.filter((x) => x.reviewerId !== r.accountId);
      const seesScores = coordinator || review?.status === 'submitted';
      const rejected = r.client.status().rejected.filter((m) => {
        const a = m.args as { id?: unknown; nominationId?: unknown } | null;
        return a?.id === n.id || a?.nominationId === n.id || (m.name === 'review.save' && assignment && (a as { assignmentId?: unknown })?.assignmentId === assignment.id);
      });
      return {
        accountId: r.accountId,
        nomination: n,
        cycle,
        window: windowState(cycle, r.now),
        categoryName: cycle.categories.find((c) => c.id === n.categoryId)?.name ?? null,
        nominatorName: r.nameOf(n.nominatorId),
        associationName: n.associationId ? (r.client.get('associations', n.associationId)?.name ?? null) : null,
        mine: n.nominatorId === r.accountId,
        coordinator,
        committee,
        evidence: n.evidenceRefs.map((ref) => ({ ...ref, title: evidenceTitle(r, ref) })),
        endorsements: r.records.where('endorsements', 'nomination_id = ?', [n.id]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        assignment,
        review,
        reviews: seesScores ? (coordinator ? submitted : others).map((x) => reviewView(x, r, cycle)) : [],
        aggregate: seesScores ? C.aggregateScores(cycle.rubric, submitted) : null,
        myVotes: committee ? r.myVotes(n.id) : {},
        committeeMembers: coordinator ? cycle.committee.map((a) => ({ id: a, name: r.nameOf(a) })) : [],
        assignments: coordinator ? r.assignmentViews(n.id) : [],
        tallies: coordinator ? r.tallies(n, cycle) : null,
        unsent: r.unsent(n.id),
        rejected,
      };
    },

    /**
     * The nominee's projects and completed engagements this device holds (platform evidence
     * the nominator may attach; the server checks them again with everything it holds).
     */
    async 'awards.nomineeEvidence'({ accountId }: { accountId: string }): Promise<NomineeEvidence> {
      const r = await reads();
      const projects = r.records
        .where('project_members', 'account_id = ?', [accountId])
        .map((m) => r.client.get('projects', m.projectId))
        .filter((p): p is NonNullable<typeof p> => !!p)
        .map((p) => ({ id: p.id, title: p.title }))
        .sort((a, b) => a.title.localeCompare(b.title));
      const engagements = r.records
        .where('engagements', "member_id = ? AND status = 'completed'", [accountId])
        .map((e) => ({ id: e.id, title: evidenceTitle(r, { kind: 'engagement', id: e.id }), completedAt: e.completedAt, hours: e.hours }))
        .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
      return { projects, engagements };
    },

    /**
     * Runs one award mutation on this device and queues it. Arguments failing the schema come
     * back as `invalid_args` with `detail.issues` ({@link AwardIssue}); a mutator's refusal as its
     * reason code (`statement_required`, `nomination_window_closed`, `scores_incomplete`…).
     * `offline` tells the screen whether it stays on this device for now.
     */
    async 'awards.mutate'({ name, args }: { name: AwardMutation; args: Record<string, unknown> }): Promise<{ mutationId: number; offline: boolean }> {
      if (!(AWARD_MUTATIONS as readonly string[]).includes(name)) throw new C.DomainError('unknown_mutation', { name });
      const { client } = await engine();
      const parsed = C.MUTATION_ARGS[name].safeParse(args);
      if (!parsed.success) throw new C.DomainError('invalid_args', { issues: schemaIssues(parsed.error.issues as never, args) });
      try {
        const mutationId = client.mutate(name, parsed.data as never);
        return { mutationId, offline: client.status().state === 'offline' };
      } catch (err) {
        throw mutatorIssues(err);
      }
    },

    /** A one-time link for a named person to endorse a submitted nomination (online only). */
    async 'awards.endorsementLink'({ nominationId, invitedName }: { nominationId: string; invitedName: string }): Promise<EndorsementLink> {
      const name = invitedName.trim();
      if (!name) throw new C.DomainError('invalid_args', { issues: [{ field: 'invitedName', code: 'required' }] satisfies AwardIssue[] });
      if (name.length > 160) throw new C.DomainError('invalid_args', { issues: [{ field: 'invitedName', code: 'too_long' }] satisfies AwardIssue[] });
      return withServer(nominationId, (a) => a.endorsementLink(nominationId, name));
    },

    /**
     * A nomination of this member, as its nominee sees it (online only: the nominee does not
     * hold the nomination; the notification that asked for consent names it).
     */
    async 'awards.nomineeView'({ nominationId }: { nominationId: string }): Promise<NomineeView> {
      return online().nomineeView(nominationId);
    },
    /** The nominee's answer: consent to being published, or not (online only). */
    async 'awards.nomineeConsent'({ nominationId, consent }: { nominationId: string; consent: 'given' | 'refused' }): Promise<{ consent: 'given' | 'refused' }> {
      if (consent !== 'given' && consent !== 'refused') throw new C.DomainError('invalid_args', { issues: [{ field: 'consent', code: 'invalid' }] satisfies AwardIssue[] });
      await online().nomineeConsent(nominationId, consent);
      return { consent };
    },

    /** A one-time link for the nominee to consent to being published (online only). */
    async 'awards.consentLink'({ nominationId }: { nominationId: string }): Promise<OneTimeLink> {
      return withServer(nominationId, (a) => a.consentLink(nominationId));
    },

    /**
     * Sends an evidence file to the server (online only; the nomination must have reached it).
     * The type and size are checked here as the server checks them; the server also reads the
     * first bytes and refuses a file that is not what it says (`evidence_bad_type`).
     */
    async 'awards.uploadEvidence'({ nominationId, name, contentType, bytes }: { nominationId: string } & EvidenceUpload): Promise<{ fileId: string }> {
      if (bytes.byteLength > C.MAX_EVIDENCE_BYTES) throw new C.DomainError('evidence_too_large', { max: C.MAX_EVIDENCE_BYTES });
      if (!(C.EVIDENCE_TYPES as readonly string[]).includes(contentType)) throw new C.DomainError('evidence_bad_type', { types: C.EVIDENCE_TYPES });
      return withServer(nominationId, (a) => a.uploadEvidence(nominationId, { name, contentType, bytes }));
    },
  };
}

export type AwardHandlers = ReturnType<typeof awardHandlers>;
