/**
 * @mekendesh/credentials: Open Badges 3.0 verifiable credentials for the Mykty Mekendesh
 * award and skills-transfer badges, signed with Ed25519 (VC-JWT), revocable through a W3C
 * Bitstring Status List, verifiable offline against a pinned issuer key set.
 */
export { CredentialError, type CredentialErrorCode, type VerifyFailureReason } from './errors.ts';
export {
  VC_V2_CONTEXT, OB_V3_CONTEXT, LANGUAGE_MAP_CONTEXT, OB_CREDENTIAL_SCHEMA, LANGS,
  type Lang, type LanguageMap, type OpenBadgeContext, type Profile, type Criteria, type ResultDescription, type Result,
  type AchievementKind, type Achievement, type NameIdentity, type AchievementSubject, type BitstringStatusListEntry,
  type OpenBadgeCredential, type BitstringStatusListCredential, type SignableCredential,
} from './types.ts';
export {
  buildAwardCredential, buildBadgeCredential, buildStatusListCredential,
  type AwardInput, type BadgeInput, type IssuerInput, type SubjectInput, type StatusInput,
} from './build.ts';
export { awardTexts, badgeTexts } from './texts.ts';
export { findContactDetails, assertNoContactDetails, looksLikeEmail, looksLikePhone, type ContactFinding, type ContactKind } from './privacy.ts';
export {
  generateIssuerKey, createIssuerKeySet, rotateKey, markKeyCompromised, currentSigningKey, findKey,
  publicJwkFromSeed, jwkThumbprint, exportPublicJwk, keySetToJwks,
  type Ed25519PublicJwk, type PublishedJwk, type IssuerKey, type IssuerKeySet, type IssuerPrivateKey,
} from './keys.ts';
export {
  MIN_STATUS_LIST_BITS, MAX_STATUS_LIST_BYTES, createStatusList, statusListLength, setStatus, getStatus,
  encodeStatusList, decodeStatusList, randomStatusIndex, type StatusList,
} from './status-list.ts';
export {
  signCredential, verifyCredential, verifyStatusListCredential, parseCredentialUnverified, claimsFor,
  type JoseHeader, type JwtClaims, type VerifyOptions, type VerifyTimeOptions, type VerifyResult,
  type StatusListSource, type StatusListVerification, type CredentialStatusState, type StatusProblem,
} from './jws.ts';
export { base64urlEncode, base64urlDecode } from './encoding.ts';
export { acceptKeySet, type PinDecision, type PinRefusal } from './pinning.ts';
