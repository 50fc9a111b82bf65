/**
 * Builders for the two credentials the platform issues (an award certificate and a
 * skills-transfer badge) and for the status-list credential. They take typed input that has
 * no room for contact details, validate it, and refuse the result if a contact detail got in
 * anyway (see privacy.ts).
 */
import { toTimestamp } from './encoding.ts';
import { CredentialError } from './errors.ts';
import { assertNoContactDetails } from './privacy.ts';
import { awardTexts, badgeTexts } from './texts.ts';
import {
  LANGUAGE_MAP_CONTEXT,
  OB_CREDENTIAL_SCHEMA,
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  type Achievement,
  type AchievementKind,
  type BitstringStatusListCredential,
  type LanguageMap,
  type OpenBadgeCredential,
  type Result,
  type ResultDescription,
} from './types.ts';

export interface IssuerInput {
  /** The issuer's URI, e.g. `https://mekendesh.kg/issuer`; also the JWT `iss`. */
  id: string;
  name: string;
  url?: string;
}

/**
 * The recipient: an opaque id and a display name, nothing else. There is deliberately no
 * email, phone or address field; the id is a `urn:uuid:` or a platform profile URL.
 */
export interface SubjectInput {
  id: string;
  name: string;
}

export interface StatusInput {
  /** URL of the BitstringStatusListCredential. */
  listUrl: string;
  /** This credential's bit in that list (assign randomly: see `randomStatusIndex`). */
  index: number;
}

interface CommonInput {
  /** The credential's id (`urn:uuid:…`); also the JWT `jti`. */
  id: string;
  issuer: IssuerInput;
  subject: SubjectInput;
  /** When the credential is issued: `validFrom` and the JWT `nbf`. Defaults to now. */
  issuedAt?: Date | string;
  validUntil?: Date | string;
  /** Public page where anyone can check the certificate (printed as a QR code). */
  verifyUrl: string;
  status: StatusInput;
  /** Overrides the derived achievement id. */
  achievementId?: string;
}

export interface AwardInput extends CommonInput {
  cycle: { id: string; year: number };
  category: { id: string; name: LanguageMap };
  /** The award decision's date; kept as `awardedDate` when the credential is re-issued. */
  awardedOn: Date | string;
}

export interface BadgeInput extends CommonInput {
  engagement: {
    id: string;
    /** The need's title as its author wrote it (one language). */
    needTitle: string;
    hours: number;
    beneficiaries: number;
    completedOn: Date | string;
  };
}

const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const SLUG = /^[A-Za-z0-9_.-]{1,80}$/;

function uri(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 2000 || !URI.test(value)) throw new CredentialError('invalid_input', `${field} must be a URI`);
  return value;
}

function slug(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SLUG.test(value)) throw new CredentialError('invalid_input', `${field} must be a short id`);
  return value;
}

function text(value: unknown, field: string, max = 200): string {
  if (typeof value !== 'string') throw new CredentialError('invalid_input', `${field} must be text`);
  const t = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (t.length === 0 || t.length > max) throw new CredentialError('invalid_input', `${field} must be 1–${max} characters`);
  return t;
}

function languageMap(value: unknown, field: string): LanguageMap {
  const v = (value ?? {}) as Partial<Record<string, unknown>>;
  return { ky: text(v.ky, `${field}.ky`), ru: text(v.ru, `${field}.ru`), en: text(v.en, `${field}.en`) };
}

function common(input: CommonInput) {
  const issuerId = uri(input.issuer?.id, 'issuer.id');
  const subjectId = uri(input.subject?.id, 'subject.id');
  if (/^(?:mailto|tel|sms):/i.test(subjectId)) throw new CredentialError('contact_details_present', 'subject.id');
  const index = input.status?.index;
  if (!Number.isSafeInteger(index) || index < 0) throw new CredentialError('invalid_input', 'status.index must be an integer ≥ 0');
  const listUrl = uri(input.status.listUrl, 'status.listUrl');
  const validFrom = toTimestamp(input.issuedAt ?? new Date(), 'issuedAt');
  const validUntil = input.validUntil === undefined ? undefined : toTimestamp(input.validUntil, 'validUntil');
  if (validUntil && Date.parse(validUntil) <= Date.parse(validFrom)) throw new CredentialError('invalid_input', 'validUntil must be after issuedAt');
  return {
    id: uri(input.id, 'id'),
    issuer: {
      id: issuerId,
      type: ['Profile'] as ['Profile'],
      name: text(input.issuer.name, 'issuer.name'),
      ...(input.issuer.url === undefined ? {} : { url: uri(input.issuer.url, 'issuer.url') }),
    },
    subjectId,
    subjectName: text(input.subject.name, 'subject.name', 120),
    validFrom,
    validUntil,
    url: uri(input.verifyUrl, 'verifyUrl'),
    status: {
      // §2.1: the entry's id must not be the list's URL; a fragment naming the index is the usual form.
      id: `${listUrl}#${index}`,
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: 'revocation' as const,
      statusListIndex: String(index),
      statusListCredential: listUrl,
    },
  };
}

function assemble(
  c: ReturnType<typeof common>,
  kind: AchievementKind,
  achievementId: string,
  texts: { name: LanguageMap; description: LanguageMap; criteria: LanguageMap },
  awardedDate: string,
  results?: { descriptions: ResultDescription[]; values: Result[] },
): OpenBadgeCredential {
  const achievement: Achievement = {
    id: achievementId,
    type: ['Achievement'],
    achievementType: kind,
    name: texts.name.ky,
    description: texts.description.ky,
    criteria: { narrative: texts.criteria.ky, narrativeMap: texts.criteria },
    inLanguage: 'ky',
    nameMap: texts.name,
    descriptionMap: texts.description,
    ...(results ? { resultDescription: results.descriptions } : {}),
  };
  const credential: OpenBadgeCredential = {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, LANGUAGE_MAP_CONTEXT],
    id: c.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: texts.name.ky,
    nameMap: texts.name,
    issuer: c.issuer,
    validFrom: c.validFrom,
    ...(c.validUntil ? { validUntil: c.validUntil } : {}),
    awardedDate,
    url: c.url,
    credentialSubject: {
      id: c.subjectId,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.subjectName }],
      achievement,
      ...(results ? { result: results.values } : {}),
    },
    credentialStatus: c.status,
    credentialSchema: [OB_CREDENTIAL_SCHEMA],
  };
  assertNoContactDetails(credential);
  return credential;
}

/** The Mykty Mekendesh award certificate: "Mykty Mekendesh <year> — <category>". */
export function buildAwardCredential(input: AwardInput): OpenBadgeCredential {
  const c = common(input);
  const year = input.cycle?.year;
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new CredentialError('invalid_input', 'cycle.year');
  const cycleId = slug(input.cycle.id, 'cycle.id');
  const categoryId = slug(input.category?.id, 'category.id');
  const category = languageMap(input.category.name, 'category.name');
  const achievementId = input.achievementId === undefined
    ? `${c.issuer.id}/achievements/mykty-mekendesh/${cycleId}/${categoryId}`
    : uri(input.achievementId, 'achievementId');
  return assemble(c, 'Award', achievementId, awardTexts(year, category), toTimestamp(input.awardedOn, 'awardedOn'));
}

/**
 * The skills-transfer badge: the need's title, hours and number of beneficiaries; the only
 * person named is the recipient (by display name). Hours and beneficiaries are also given
 * as OB 3.0 Results against ResultDescriptions of the achievement (`ext:` result types,
 * which OB 3.0's extensible ResultType enumeration allows), so they are machine-readable.
 */
export function buildBadgeCredential(input: BadgeInput): OpenBadgeCredential {
  const c = common(input);
  const e = input.engagement;
  const engagementId = slug(e?.id, 'engagement.id');
  const title = text(e.needTitle, 'engagement.needTitle', 160);
  if (typeof e.hours !== 'number' || !Number.isFinite(e.hours) || e.hours <= 0 || e.hours > 100_000) throw new CredentialError('invalid_input', 'engagement.hours');
  if (!Number.isSafeInteger(e.beneficiaries) || e.beneficiaries < 0 || e.beneficiaries > 10_000_000) throw new CredentialError('invalid_input', 'engagement.beneficiaries');
  const achievementId = input.achievementId === undefined
    ? `${c.issuer.id}/achievements/skills-transfer/${engagementId}`
    : uri(input.achievementId, 'achievementId');
  const texts = badgeTexts(title, e.hours, e.beneficiaries);
  const hoursId = `${achievementId}#hours`;
  const beneficiariesId = `${achievementId}#beneficiaries`;
  return assemble(c, 'Badge', achievementId, texts, toTimestamp(e.completedOn, 'engagement.completedOn'), {
    descriptions: [
      { id: hoursId, type: ['ResultDescription'], name: texts.hoursName, resultType: 'ext:Hours' },
      { id: beneficiariesId, type: ['ResultDescription'], name: texts.beneficiariesName, resultType: 'ext:Beneficiaries' },
    ],
    values: [
      { type: ['Result'], resultDescription: hoursId, value: String(e.hours) },
      { type: ['Result'], resultDescription: beneficiariesId, value: String(e.beneficiaries) },
    ],
  });
}

/**
 * Bitstring Status List v1.0 §2.2. `id` is the list's URL (what entries name in
 * `statusListCredential`); the subject is `<id>#list`. Only the VCDM 2.0 context is needed:
 * it defines the status-list terms.
 */
export function buildStatusListCredential(input: {
  id: string;
  issuer: string | { id: string };
  encodedList: string;
  validFrom: Date | string;
  validUntil?: Date | string;
  ttl?: number;
}): BitstringStatusListCredential {
  const id = uri(input.id, 'id');
  const issuer = uri(typeof input.issuer === 'string' ? input.issuer : input.issuer?.id, 'issuer');
  if (typeof input.encodedList !== 'string' || !/^u[A-Za-z0-9_-]+$/.test(input.encodedList)) throw new CredentialError('status_list_malformed');
  const validFrom = toTimestamp(input.validFrom, 'validFrom');
  const validUntil = input.validUntil === undefined ? undefined : toTimestamp(input.validUntil, 'validUntil');
  if (input.ttl !== undefined && (!Number.isSafeInteger(input.ttl) || input.ttl <= 0)) throw new CredentialError('invalid_input', 'ttl');
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: input.encodedList,
      ...(input.ttl === undefined ? {} : { ttl: input.ttl }),
    },
  };
}
