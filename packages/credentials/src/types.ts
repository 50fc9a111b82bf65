/**
 * The shapes this package issues: an Open Badges 3.0 `OpenBadgeCredential` (OB 3.0,
 * Appendix B "Data Models": AchievementCredential, Profile, AchievementSubject, Achievement,
 * IdentityObject, ResultDescription, Result) on the VC Data Model 2.0, and a W3C Bitstring
 * Status List v1.0 `BitstringStatusListCredential` (§2.2).
 *
 * They are plain JSON: a credential is what gets signed, stored, shown and printed.
 */

/** VCDM 2.0 §4.3 Contexts: the base context comes first. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** OB 3.0 §"JSON-LD Context": the versioned context, second. */
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * Our one extension to the OB 3.0 vocabulary, as an inline context (VCDM 2.0 §4.3 allows
 * context objects after the URLs; OB 3.0's JSON Schema types `@context` items as "URI or
 * Map"). Each term is a JSON-LD 1.1 language map (`@container: @language`, JSON-LD 1.1
 * §"Language Maps") onto the same IRI as the plain property, so a JSON-LD processor reads
 * `nameMap: { ky, ru, en }` as three language-tagged values of schema:name.
 *
 * Why not put language value objects in `name` itself (VCDM 2.0 §11.1)? OB 3.0's JSON
 * Schema types Achievement.name/description and Criteria.narrative as plain strings, so a
 * conformance validator would reject that. The plain properties therefore carry Kyrgyz, the
 * platform's reference language, declared with Achievement.inLanguage = "ky"; the maps carry
 * all three for wallets and our apps. The `*Map` naming follows ActivityStreams 2.0
 * (`nameMap`, `summaryMap`), the best known precedent for the pattern.
 *
 * The context is inline (no URL to host) because apps verify offline and a context URL that
 * ever went away would leave every issued credential unexpandable.
 */
export const LANGUAGE_MAP_CONTEXT = {
  nameMap: { '@id': 'https://schema.org/name', '@container': '@language' },
  descriptionMap: { '@id': 'https://schema.org/description', '@container': '@language' },
  narrativeMap: { '@id': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative', '@container': '@language' },
} as const;

export type OpenBadgeContext = [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT, typeof LANGUAGE_MAP_CONTEXT];

/** OB 3.0 §"credentialSchema": the JSON Schema a validator checks the credential against. */
export const OB_CREDENTIAL_SCHEMA = {
  id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  type: '1EdTechJsonSchemaValidator2019',
} as const;

export type Lang = 'ky' | 'ru' | 'en';
/** Text in the platform's three languages; Kyrgyz is the reference. */
export type LanguageMap = { ky: string; ru: string; en: string };
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];

/** OB 3.0 Profile (the issuer). No email, phone or address: the issuer is an institution. */
export interface Profile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
}

export interface Criteria {
  narrative: string;
  narrativeMap: LanguageMap;
}

/** OB 3.0 ResultDescription: what a Result of this achievement measures. */
export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  /** OB 3.0 ResultType is an extensible enumeration: `ext:` values are allowed. */
  resultType: string;
}

export interface Result {
  type: ['Result'];
  resultDescription: string;
  value: string;
}

export type AchievementKind = 'Award' | 'Badge';

/** OB 3.0 Achievement. */
export interface Achievement {
  id: string;
  type: ['Achievement'];
  /** OB 3.0 AchievementType enumeration: an award, or a badge for skills transfer. */
  achievementType: AchievementKind;
  name: string;
  description: string;
  criteria: Criteria;
  /** BCP 47 language of the plain `name`, `description` and `criteria.narrative`. */
  inLanguage: 'ky';
  nameMap: LanguageMap;
  descriptionMap: LanguageMap;
  resultDescription?: ResultDescription[];
}

/**
 * OB 3.0 IdentityObject. The recipient's display name, unhashed, is the only identity
 * given; OB 3.0 puts a name there as identityType "name" (AchievementSubject has no `name`).
 */
export interface NameIdentity {
  type: 'IdentityObject';
  identityType: 'name';
  hashed: false;
  identityHash: string;
}

/** OB 3.0 AchievementSubject. `id` is opaque: a `urn:uuid:` or a platform profile URL. */
export interface AchievementSubject {
  id: string;
  type: ['AchievementSubject'];
  identifier: [NameIdentity];
  achievement: Achievement;
  result?: Result[];
}

/** Bitstring Status List v1.0 §2.1. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  /** An integer ≥ 0 written in base 10 as a string (§2.1). */
  statusListIndex: string;
  statusListCredential: string;
}

/** OB 3.0 AchievementCredential / OpenBadgeCredential, as this package issues it. */
export interface OpenBadgeCredential {
  '@context': OpenBadgeContext;
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  nameMap: LanguageMap;
  issuer: Profile;
  /** When this credential was issued (= JWT `nbf`). */
  validFrom: string;
  validUntil?: string;
  /** When the award was made; survives re-issuing, unlike `validFrom` (OB 3.0 awardedDate). */
  awardedDate: string;
  /** Public verification page (schema:url, defined by the OB 3.0 context). */
  url: string;
  credentialSubject: AchievementSubject;
  credentialStatus: BitstringStatusListEntry;
  credentialSchema: [typeof OB_CREDENTIAL_SCHEMA];
}

/** Bitstring Status List v1.0 §2.2: the list itself, published by the issuer. */
export interface BitstringStatusListCredential {
  '@context': [typeof VC_V2_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
    /** Milliseconds before a refresh should be attempted (§2.2 `ttl`). */
    ttl?: number;
  };
}

export type SignableCredential = OpenBadgeCredential | BitstringStatusListCredential;
