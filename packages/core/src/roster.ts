/**
 * An association's roster: the people an association keeps on its books, whether or not they
 * have a Mekendesh account. Leaders bring them from their spreadsheets (import), add them by
 * hand, or they arrive when an account's membership is approved (then `accountId` links the
 * entry to the member's own profile).
 *
 * Roster entries are the association's records about people: personal data seen only by that
 * association's leaders and secretaries (never by members or other associations), synced like
 * every other record.
 */
import { z } from 'zod';
import { ASSOCIATION_ROLES } from './roles.ts';
import { CountryCode, Email, Id, LanguageCode, Phone, RegionId, SettlementId, SkillId, Timestamp, text, uniqueList } from './schemas.ts';

/** A calendar date, `YYYY-MM-DD` (joining and renewal dates have no time of day). */
export const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'bad_date');

/** A tag or group name as leaders type them: trimmed, at most 40 characters. */
export const RosterLabel = z.string().trim().min(1).max(40);

/**
 * Where a member stands with dues or renewal, derived from the dates (see {@link rosterStanding}):
 * `new` joined within the last {@link NEW_MEMBER_DAYS} days and not yet due, `current` renewed
 * (or no renewal date kept), `grace` renewal date passed less than {@link GRACE_DAYS} days ago,
 * `expired` after that.
 */
export const ROSTER_STANDINGS = ['new', 'current', 'grace', 'expired'] as const;
export type RosterStanding = (typeof ROSTER_STANDINGS)[number];
export const NEW_MEMBER_DAYS = 30;
export const GRACE_DAYS = 30;

/** The fields a leader keeps about a person, as typed or imported. */
export const RosterFieldsSchema = z.strictObject({
  nameCyrillic: text(120).nullable(),
  nameLatin: text(120).nullable(),
  email: Email.nullable(),
  phone: Phone.nullable(),
  country: CountryCode.nullable(),
  city: text(100).nullable(),
  homeRegion: RegionId.nullable(),
  homeSettlement: SettlementId.nullable(),
  languages: uniqueList(LanguageCode, 10),
  skills: uniqueList(SkillId, 30),
  role: z.enum(ASSOCIATION_ROLES),
  tags: uniqueList(RosterLabel, 20),
  /** Groups inside the association (a city branch, a committee): a roster entry is in at most a few. */
  groups: uniqueList(RosterLabel, 10),
  joinedOn: CalendarDate.nullable(),
  /** The date membership must be renewed by (dues paid until); null when the association keeps none. */
  renewalDate: CalendarDate.nullable(),
  notes: z.string().trim().max(2000).nullable(),
});
export type RosterFields = z.infer<typeof RosterFieldsSchema>;

export const EMPTY_ROSTER_FIELDS: RosterFields = {
  nameCyrillic: null,
  nameLatin: null,
  email: null,
  phone: null,
  country: null,
  city: null,
  homeRegion: null,
  homeSettlement: null,
  languages: [],
  skills: [],
  role: 'member',
  tags: [],
  groups: [],
  joinedOn: null,
  renewalDate: null,
  notes: null,
};

/** Roster fields with a person's name: an entry needs at least one of the two names. */
export const RosterEntryFieldsSchema = RosterFieldsSchema.refine((f) => f.nameCyrillic !== null || f.nameLatin !== null, {
  message: 'name_required',
  path: ['nameCyrillic'],
});

export const RosterEntrySchema = z.strictObject({
  id: Id,
  associationId: Id,
  /** The member's own account, once linked (approved membership, or matched by email). */
  accountId: Id.nullable(),
  ...RosterFieldsSchema.shape,
  /** The import that created the entry, so a whole import can be undone; null when typed in. */
  importBatchId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);

/** Where a roster entry stands on `today` (`YYYY-MM-DD`), from its joining and renewal dates. */
export function rosterStanding(entry: Pick<RosterFields, 'joinedOn' | 'renewalDate'>, today: string): RosterStanding {
  const now = dayNumber(today);
  if (entry.renewalDate) {
    const overdue = now - dayNumber(entry.renewalDate);
    if (overdue > GRACE_DAYS) return 'expired';
    if (overdue > 0) return 'grace';
  }
  if (entry.joinedOn && now - dayNumber(entry.joinedOn) <= NEW_MEMBER_DAYS && now >= dayNumber(entry.joinedOn)) return 'new';
  return 'current';
}

/** Roster fields as a patch: any subset, each validated like the whole. */
export const RosterPatchSchema = RosterFieldsSchema.partial();
export type RosterPatch = z.infer<typeof RosterPatchSchema>;

/** How many entries one `roster.import` mutation carries; an import of a big file is many chunks. */
export const ROSTER_IMPORT_CHUNK = 200;

/**
 * One import of a spreadsheet into a roster: its counts, and what it changed in entries that
 * existed before (merges), so the whole batch can be undone.
 */
export const RosterImportSchema = z.strictObject({
  id: Id,
  associationId: Id,
  fileName: text(255),
  createdBy: Id,
  createdAt: Timestamp,
  created: z.number().int().min(0),
  merged: z.number().int().min(0),
  /** For each merged entry, the values its fields had before the merge. */
  mergedBefore: z.array(z.strictObject({ id: Id, before: RosterPatchSchema })),
  undoneAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type RosterImport = z.infer<typeof RosterImportSchema>;

/** The fields of `patch` whose values differ from `base` (deep, for lists). */
export function rosterFieldsDiffer(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
}
