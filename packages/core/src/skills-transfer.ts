import { z } from 'zod';
import {
  Availability,
  CountryCode,
  Format,
  Id,
  LanguageCode,
  RegionId,
  SectorId,
  SettlementId,
  SkillId,
  Timestamp,
  text,
  uniqueList,
} from './schemas.ts';

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

/** A member's offer to transfer skills home: what, how, and for which regions. */
export const OfferSchema = z.strictObject({
  id: Id,
  accountId: Id,
  title: text(160),
  description: text(4000).nullable(),
  sectors: uniqueList(SectorId, 6),
  skills: uniqueList(SkillId, 20),
  formats: uniqueList(Format, 5),
  availability: Availability.nullable(),
  languages: uniqueList(LanguageCode, 8),
  /** Home regions the member wants to help; empty means any. */
  regions: uniqueList(RegionId, 9),
  status: z.enum(['open', 'closed']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Offer = z.infer<typeof OfferSchema>;

/** A need posted by a home partner or embassy staff: a request for skills at home. */
export const NeedSchema = z.strictObject({
  id: Id,
  postedBy: Id,
  /** Who needs it, as the public reads it: "Kashkaldak aiyl okmotu", "School No. 3, Batken". */
  organisation: text(200),
  title: text(160),
  description: text(4000).nullable(),
  sector: SectorId,
  region: RegionId,
  settlement: SettlementId.nullable(),
  skills: uniqueList(SkillId, 20),
  formats: uniqueList(Format, 5),
  languages: uniqueList(LanguageCode, 8),
  /** How long the help is needed: short (under a month), medium, long. */
  duration: Availability.nullable(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  targetGroup: text(300).nullable(),
  /** For needs posted by embassy staff: the country whose compatriots are asked. */
  country: CountryCode.nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Need = z.infer<typeof NeedSchema>;

export const ENGAGEMENT_STATUSES = ['proposed', 'accepted', 'in_progress', 'completed', 'declined', 'cancelled'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/**
 * A skills transfer between a member and a home partner, for a need or from an offer. It
 * moves proposed → accepted → in progress → completed, or ends declined or cancelled.
 */
export const EngagementSchema = z.strictObject({
  id: Id,
  needId: Id.nullable(),
  offerId: Id.nullable(),
  /** The compatriot who transfers skills. */
  memberId: Id,
  /** The other party: the need's poster, or the partner who answered an offer. */
  partnerId: Id,
  proposedBy: Id,
  status: z.enum(ENGAGEMENT_STATUSES),
  message: text(1000).nullable(),
  hours: z.number().int().min(0).max(100_000).nullable(),
  beneficiaries: z.number().int().min(0).max(10_000_000).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: Timestamp.nullable(),
});
export type Engagement = z.infer<typeof EngagementSchema>;

export const NOTIFICATION_KINDS = [
  'engagement_proposed',
  'engagement_accepted',
  'engagement_declined',
  'engagement_in_progress',
  'engagement_completed',
  'engagement_cancelled',
  /** A new need matches the member's profile (the best matches of each need are told). */
  'need_match',
  /** The member has been nominated for the award: their consent is asked (subject: the nomination). */
  'nomination_consent',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An in-app notification for one account, made by the server when something concerns it. */
export const NotificationSchema = z.strictObject({
  id: Id,
  accountId: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  subjectId: Id,
  actorId: Id.nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** Who may move an engagement from one status to another. */
export const ENGAGEMENT_TRANSITIONS: Record<EngagementStatus, Partial<Record<EngagementStatus, 'other' | 'proposer' | 'either'>>> = {
  proposed: { accepted: 'other', declined: 'other', cancelled: 'proposer' },
  accepted: { in_progress: 'either', cancelled: 'either' },
  in_progress: { completed: 'either', cancelled: 'either' },
  completed: {},
  declined: {},
  cancelled: {},
};
