/**
 * Skills transfer in the worker: offers, needs, matching, engagements and notifications, over
 * the open account's local store. Every write goes through the sync client's `mutate`, so it
 * applies at once (offline too), is checked by the same mutator the server runs, and queues.
 *
 * Arguments are checked first with the mutation's own schema, and failures come back as
 * `invalid_args` with `detail.issues` ({ field, code }), like the profile form's.
 */
import {
  DomainError,
  ENGAGEMENT_TRANSITIONS,
  MUTATION_ARGS,
  canPostNeeds,
  rankNeedsForProfile,
  rankProfilesForNeed,
  type Engagement,
  type EngagementStatus,
  type Match,
  type MatchReason,
  type Need,
  type Notification,
  type NotificationKind,
  type Offer,
  type ProfileView,
} from '@mekendesh/core';
import type { SyncClient } from '@mekendesh/sync';

/** The editable fields of an offer and of a need, as the forms send them. */
export type OfferFields = Omit<Offer, 'id' | 'accountId' | 'status' | 'createdAt' | 'updatedAt'>;
export type NeedFields = Omit<Need, 'id' | 'postedBy' | 'status' | 'createdAt' | 'updatedAt'>;
export type OfferField = keyof OfferFields;
export type NeedField = keyof NeedFields;

/**
 * Why a field was refused, for an inline message (`transfer.issue.<code>`): the profile's codes
 * plus `required` (empty but needed) and `before_start` (an end date before the start date).
 */
export type TransferIssueCode = 'required' | 'too_long' | 'unknown' | 'duplicate' | 'range' | 'before_start' | 'invalid';
export interface TransferIssue {
  field: string;
  code: TransferIssueCode;
}

const OFFER_FIELDS: readonly OfferField[] = ['title', 'description', 'sectors', 'skills', 'formats', 'availability', 'languages', 'regions'];
const NEED_FIELDS: readonly NeedField[] = [
  'organisation', 'title', 'description', 'sector', 'region', 'settlement', 'skills', 'formats', 'languages',
  'duration', 'startDate', 'endDate', 'targetGroup', 'country',
];
const TRANSITION_FIELDS = ['hours', 'beneficiaries'] as const;

/** Maps a schema's issues to one code per field (the first), for fields in `fields`. */
function issuesFrom(
  error: { issues: readonly { path: readonly PropertyKey[]; code: string; message: string; origin?: string; expected?: string }[] },
  args: unknown,
  fields: readonly string[],
): TransferIssue[] {
  const out = new Map<string, TransferIssueCode>();
  for (const raw of error.issues) {
    const field = raw.path.find((p): p is string => typeof p === 'string' && fields.includes(p));
    if (!field || out.has(field)) continue;
    // The value the issue is about (zod does not report inputs by default).
    let input: unknown = args;
    for (const key of raw.path) input = (input as Record<PropertyKey, unknown> | null | undefined)?.[key];
    const issue = { ...raw, input };
    let code: TransferIssueCode = 'invalid';
    if (issue.message.startsWith('unknown_') || issue.code === 'invalid_value') code = 'unknown';
    else if (issue.message === 'duplicate_item') code = 'duplicate';
    else if (issue.code === 'too_small' && issue.origin === 'string') code = 'required';
    else if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) code = 'required';
    else if (issue.code === 'too_big' && issue.origin === 'string') code = 'too_long';
    else if (issue.code === 'too_big' || issue.code === 'too_small' || (issue.code === 'invalid_type' && typeof issue.input === 'number')) code = 'range';
    out.set(field, code);
  }
  return [...out].map(([field, code]) => ({ field, code }));
}

function check<N extends keyof typeof MUTATION_ARGS>(name: N, args: unknown, fields: readonly string[], extra: TransferIssue[] = []): void {
  const parsed = MUTATION_ARGS[name].safeParse(args);
  const issues = parsed.success ? [] : issuesFrom(parsed.error as never, args, fields);
  for (const e of extra) if (!issues.some((i) => i.field === e.field)) issues.push(e);
  // A failure outside the fields (an id, an unknown key) still must not pass as valid.
  if (!parsed.success && issues.length === 0) issues.push({ field: fields[0]!, code: 'invalid' });
  if (issues.length > 0) throw new DomainError('invalid_args', { issues });
}

const datesIssue = (f: Partial<NeedFields>): TransferIssue[] =>
  f.startDate && f.endDate && f.endDate < f.startDate ? [{ field: 'endDate', code: 'before_start' }] : [];

/** A person as the viewer may see them: names from the profile, else the account (only one's own). */
export interface Person {
  id: string;
  name: string | null;
}

export interface NeedSummary extends Need {
  mine: boolean;
}

export interface RankedProfile {
  person: Person;
  score: number;
  reasons: MatchReason[];
  /** An engagement already under way with this member for this need, if any. */
  engagement: { id: string; status: EngagementStatus } | null;
}

export interface NeedDetail {
  need: NeedSummary;
  /** For the poster: members who match, best first. Empty for others. */
  matches: RankedProfile[];
  /** For a member: how they match, or null. */
  myMatch: Match | null;
  /** The viewer's open or past engagements on this need. */
  engagements: EngagementView[];
}

export interface EngagementView extends Engagement {
  /** The viewer's side. */
  side: 'member' | 'partner';
  /** Who is on the other side, by name where known; for a partner, their organisation. */
  other: Person;
  needTitle: string | null;
  offerTitle: string | null;
  /** Statuses the viewer may move it to now. */
  next: EngagementStatus[];
}

export interface NotificationView extends Notification {
  /** The name to show for `{name}`: the actor (a member's name, a partner's organisation). */
  name: string | null;
  /** For need_match: the need's title. */
  title: string | null;
  /** Where the notification leads. */
  needId: string | null;
  engagementId: string | null;
  /** For nomination_consent: the nomination whose nominee is asked to consent. */
  nominationId: string | null;
}

export interface TransferContext {
  accountId: string;
  canPostNeeds: boolean;
  unread: number;
}

const ACTIVE: EngagementStatus[] = ['proposed', 'accepted', 'in_progress'];

/** The transfer handlers of one open account (`client` and `accountId` from the engine). */
export class Transfer {
  constructor(
    private readonly client: SyncClient,
    private readonly accountId: string,
  ) {}

  private get records() {
    return this.client.records;
  }

  context(): TransferContext {
    return { accountId: this.accountId, canPostNeeds: canPostNeeds(this.records.viewer(this.accountId)), unread: this.unread() };
  }

  person(id: string): Person {
    const p = this.client.get('profiles', id);
    const name = [p?.nameCyrillic, p?.nameLatin].filter(Boolean).join(' · ') || this.client.get('accounts', id)?.displayName || null;
    return { id, name };
  }

  // ---- offers ----------------------------------------------------------------------------

  myOffers(): Offer[] {
    return this.records.where('offers', 'account_id = ? ORDER BY status DESC, created_at DESC', [this.accountId]);
  }

  /** Open offers of others, newest first (what partners browse). */
  openOffers(limit = 100): (Offer & { member: Person })[] {
    return this.records
      .where('offers', "status = 'open' AND account_id != ? ORDER BY created_at DESC LIMIT ?", [this.accountId, limit])
      .map((o) => ({ ...o, member: this.person(o.accountId) }));
  }

  /** Creates an offer with the id the UI drew; a retry with the same id changes nothing. */
  createOffer(id: string, fields: OfferFields): string {
    const existing = this.client.get('offers', id);
    if (existing && existing.accountId === this.accountId) return id;
    const args = { id, ...fields };
    check('offer.create', args, OFFER_FIELDS);
    this.client.mutate('offer.create', args);
    return id;
  }

  updateOffer(id: string, patch: Partial<OfferFields>): void {
    check('offer.update', { id, patch }, OFFER_FIELDS);
    this.client.mutate('offer.update', { id, patch });
  }

  closeOffer(id: string, reopen: boolean): void {
    const offer = this.client.get('offers', id);
    if (offer && offer.status === (reopen ? 'open' : 'closed')) return;
    this.client.mutate('offer.close', { id, reopen });
  }

  // ---- needs -----------------------------------------------------------------------------

  needs(scope: 'open' | 'mine'): NeedSummary[] {
    const rows =
      scope === 'mine'
        ? this.records.where('needs', 'posted_by = ? ORDER BY status DESC, created_at DESC', [this.accountId])
        : this.records.where('needs', "status = 'open' ORDER BY created_at DESC LIMIT 200");
    return rows.map((n) => ({ ...n, mine: n.postedBy === this.accountId }));
  }

  createNeed(id: string, fields: NeedFields): string {
    const existing = this.client.get('needs', id);
    if (existing && existing.postedBy === this.accountId) return id;
    // Checked here with the server's own rule, for an early answer; the server checks again.
    if (!canPostNeeds(this.records.viewer(this.accountId))) throw new DomainError('forbidden');
    const args = { id, ...fields };
    check('need.create', args, NEED_FIELDS, datesIssue(fields));
    this.client.mutate('need.create', args);
    return id;
  }

  updateNeed(id: string, patch: Partial<NeedFields>): void {
    const need = this.client.get('needs', id);
    if (!need) throw new DomainError('not_found', { id });
    check('need.update', { id, patch }, NEED_FIELDS, datesIssue({ ...need, ...patch }));
    this.client.mutate('need.update', { id, patch });
  }

  closeNeed(id: string, reopen: boolean): void {
    const need = this.client.get('needs', id);
    if (need && need.status === (reopen ? 'open' : 'closed')) return;
    this.client.mutate('need.close', { id, reopen });
  }

  /** Profiles sharing the need's sector or a wanted skill (SQL narrows, the matcher ranks). */
  private candidates(need: Need): ProfileView[] {
    const terms = [need.sector, ...need.skills].map((t) => `%"${t}"%`);
    return this.records.where('profiles', `id != ? AND (${terms.map(() => 'data LIKE ?').join(' OR ')})`, [need.postedBy, ...terms]);
  }

  needDetail(id: string): NeedDetail {
    const need = this.client.get('needs', id);
    if (!need) throw new DomainError('not_found', { id });
    const mine = need.postedBy === this.accountId;
    const engagements = this.engagements().filter((e) => e.needId === id);
    let matches: RankedProfile[] = [];
    if (mine) {
      matches = rankProfilesForNeed(need, this.candidates(need), 50).map(({ profile, match }) => {
        const e = engagements.find((x) => x.memberId === profile.id && ACTIVE.includes(x.status)) ?? engagements.find((x) => x.memberId === profile.id);
        return { person: this.person(profile.id), score: match.score, reasons: match.reasons, engagement: e ? { id: e.id, status: e.status } : null };
      });
    }
    const me = this.client.get('profiles', this.accountId);
    const myMatch = !mine && me ? (rankNeedsForProfile(me, [need], 1)[0]?.match ?? null) : null;
    return { need: { ...need, mine }, matches, myMatch, engagements };
  }

  /** Open needs that match the member's profile, best first, with the reasons. */
  needsForMe(limit = 50): { need: NeedSummary; score: number; reasons: MatchReason[] }[] {
    const me = this.client.get('profiles', this.accountId);
    if (!me) return [];
    const terms = [...new Set([...me.sectors, ...me.skills, ...me.skillsAbroad])];
    if (terms.length === 0) return [];
    // Narrow in SQL to needs naming one of the member's sectors or skills; the matcher ranks.
    const needs = this.records.where(
      'needs',
      `status = 'open' AND posted_by != ? AND (${terms.map(() => '(sector = ? OR skills LIKE ?)').join(' OR ')})`,
      [this.accountId, ...terms.flatMap((t) => [t, `%"${t}"%`])],
    );
    return rankNeedsForProfile(me, needs, limit).map(({ need, match }) => ({ need: { ...need, mine: false }, score: match.score, reasons: match.reasons }));
  }

  // ---- engagements -----------------------------------------------------------------------

  /**
   * Interest in a need (a member), or an invitation to a member (the need's poster, with
   * `memberId`). The id comes from the UI; a retry with the same id changes nothing.
   */
  propose(args: { id: string; needId: string; memberId?: string | null; message?: string | null }): string {
    const existing = this.client.get('engagements', args.id);
    if (existing && existing.proposedBy === this.accountId) return args.id;
    const mutation = { id: args.id, needId: args.needId, offerId: null, memberId: args.memberId ?? null, message: args.message?.trim() || null };
    check('engagement.propose', mutation, ['message']);
    this.client.mutate('engagement.propose', mutation);
    return args.id;
  }

  /** Statuses the viewer may move an engagement to, per {@link ENGAGEMENT_TRANSITIONS}. */
  nextFor(e: Engagement): EngagementStatus[] {
    if (this.accountId !== e.memberId && this.accountId !== e.partnerId) return [];
    const proposer = this.accountId === e.proposedBy;
    return (Object.entries(ENGAGEMENT_TRANSITIONS[e.status]) as [EngagementStatus, 'other' | 'proposer' | 'either'][])
      .filter(([, who]) => who === 'either' || (who === 'proposer') === proposer)
      .map(([to]) => to);
  }

  private view(e: Engagement): EngagementView {
    const need = e.needId ? this.client.get('needs', e.needId) : undefined;
    const offer = e.offerId ? this.client.get('offers', e.offerId) : undefined;
    const side = e.memberId === this.accountId ? 'member' : 'partner';
    const otherId = side === 'member' ? e.partnerId : e.memberId;
    const other = side === 'member' && need ? { id: otherId, name: need.organisation } : this.person(otherId);
    return { ...e, side, other, needTitle: need?.title ?? null, offerTitle: offer?.title ?? null, next: this.nextFor(e) };
  }

  engagements(): EngagementView[] {
    return this.records
      .where('engagements', 'member_id = ? OR partner_id = ? ORDER BY updated_at DESC', [this.accountId, this.accountId])
      .map((e) => this.view(e));
  }

  transition(args: { id: string; to: EngagementStatus; hours?: number | null; beneficiaries?: number | null }): void {
    const e = this.client.get('engagements', args.id);
    if (!e) throw new DomainError('not_found', { id: args.id });
    if (e.status === args.to) return; // a retry of a transition already made
    if (args.to === 'proposed') throw new DomainError('conflict', { from: e.status, to: args.to });
    const mutation = { id: args.id, to: args.to, hours: args.hours ?? null, beneficiaries: args.beneficiaries ?? null };
    const missing: TransferIssue[] =
      args.to === 'completed' ? TRANSITION_FIELDS.filter((f) => mutation[f] === null).map((field) => ({ field, code: 'required' })) : [];
    check('engagement.transition', mutation, TRANSITION_FIELDS, missing);
    this.client.mutate('engagement.transition', mutation);
  }

  // ---- notifications ---------------------------------------------------------------------

  unread(): number {
    const row = this.records.db.get<{ n: number }>('SELECT count(*) AS n FROM notifications WHERE account_id = ? AND read_at IS NULL', [this.accountId]);
    return Number(row?.n ?? 0);
  }

  notifications(limit = 100): NotificationView[] {
    return this.records
      .where('notifications', 'account_id = ? ORDER BY created_at DESC, id LIMIT ?', [this.accountId, limit])
      .map((n) => this.notificationView(n));
  }

  private notificationView(n: Notification): NotificationView {
    const kind: NotificationKind = n.kind;
    if (kind === 'need_match') {
      const need = this.client.get('needs', n.subjectId);
      return { ...n, name: need?.organisation ?? null, title: need?.title ?? null, needId: n.subjectId, engagementId: null, nominationId: null };
    }
    if (kind === 'nomination_consent') {
      // The nominee does not hold the nomination: the consent screen asks the server for it.
      return { ...n, name: n.actorId ? this.person(n.actorId).name : null, title: null, needId: null, engagementId: null, nominationId: n.subjectId };
    }
    const e = this.client.get('engagements', n.subjectId);
    const need = e?.needId ? this.client.get('needs', e.needId) : undefined;
    // The actor is the partner: their organisation; a member: their name.
    const name = e && need && n.actorId === e.partnerId ? need.organisation : n.actorId ? this.person(n.actorId).name : null;
    return { ...n, name, title: need?.title ?? null, needId: e?.needId ?? null, engagementId: n.subjectId, nominationId: null };
  }

  markRead(ids: string[]): void {
    const unread = ids.filter((id) => {
      const n = this.client.get('notifications', id);
      return n && n.accountId === this.accountId && !n.readAt;
    });
    for (let i = 0; i < unread.length; i += 500) this.client.mutate('notification.read', { ids: unread.slice(i, i + 500) });
  }
}

/**
 * The handlers added to the engine's map. `open` gives the open account's client; each handler
 * works on it.
 */
export function transferHandlers(open: () => Promise<{ client: SyncClient; accountId: string }>) {
  const t = async () => {
    const { client, accountId } = await open();
    return new Transfer(client, accountId);
  };
  return {
    /** Who the viewer is for the transfer screens: may they post needs, how many unread notifications. */
    async transferContext(): Promise<TransferContext> {
      return (await t()).context();
    },
    async myOffers(): Promise<Offer[]> {
      return (await t()).myOffers();
    },
    async openOffers(): Promise<(Offer & { member: Person })[]> {
      return (await t()).openOffers();
    },
    async createOffer({ id, fields }: { id: string; fields: OfferFields }): Promise<{ id: string }> {
      return { id: (await t()).createOffer(id, fields) };
    },
    async updateOffer({ id, patch }: { id: string; patch: Partial<OfferFields> }): Promise<void> {
      (await t()).updateOffer(id, patch);
    },
    async closeOffer({ id, reopen = false }: { id: string; reopen?: boolean }): Promise<void> {
      (await t()).closeOffer(id, reopen);
    },
    async needs({ scope }: { scope: 'open' | 'mine' }): Promise<NeedSummary[]> {
      return (await t()).needs(scope);
    },
    async createNeed({ id, fields }: { id: string; fields: NeedFields }): Promise<{ id: string }> {
      return { id: (await t()).createNeed(id, fields) };
    },
    async updateNeed({ id, patch }: { id: string; patch: Partial<NeedFields> }): Promise<void> {
      (await t()).updateNeed(id, patch);
    },
    async closeNeed({ id, reopen = false }: { id: string; reopen?: boolean }): Promise<void> {
      (await t()).closeNeed(id, reopen);
    },
    async needDetail({ id }: { id: string }): Promise<NeedDetail> {
      return (await t()).needDetail(id);
    },
    async needsForMe(): Promise<{ need: NeedSummary; score: number; reasons: MatchReason[] }[]> {
      return (await t()).needsForMe();
    },
    async propose(args: { id: string; needId: string; memberId?: string | null; message?: string | null }): Promise<{ id: string }> {
      return { id: (await t()).propose(args) };
    },
    async engagements(): Promise<EngagementView[]> {
      return (await t()).engagements();
    },
    async transition(args: { id: string; to: EngagementStatus; hours?: number | null; beneficiaries?: number | null }): Promise<void> {
      (await t()).transition(args);
    },
    async notifications(): Promise<NotificationView[]> {
      return (await t()).notifications();
    },
    async unreadCount(): Promise<number> {
      return (await t()).unread();
    },
    async markRead({ ids }: { ids: string[] }): Promise<void> {
      (await t()).markRead(ids);
    },
  };
}
