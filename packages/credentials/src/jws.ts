/**
 * Signing and offline verification in the VC-JWT proof format of Open Badges 3.0
 * (§8.2 "JSON Web Token Proof Format", https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof):
 *
 * - JOSE header (§"Create the JOSE Header"): `alg`, `kid` (a URI naming the key), `typ`
 *   "JWT" (if present it MUST be "JWT"); "Additional JOSE Headers are NOT allowed", so a
 *   token with any other header member is refused as malformed. `alg` is EdDSA with Ed25519
 *   (RFC 8037); OB 3.0 requires RS256 support as a floor and permits other algorithms.
 * - JWT payload (§"JWT Payload Format"): the credential itself, its members at the top level
 *   (OB 3.0 on VCDM 2.0 has no `vc` wrapper claim: that was the VCDM 1.1 form), plus the
 *   registered claims `iss` = issuer.id, `jti` = id, `nbf` = validFrom, `sub` =
 *   credentialSubject.id and, when there is a validUntil, `exp` = validUntil. No `iat`.
 * - Verification (§"Verify a Credential VC-JWT Signature"): the signature against the
 *   pinned key, then every claim must match its credential property.
 *
 * Verification is @noble/curves, pure JS: no WebCrypto, no fetch, no Node API, so the same
 * code checks a certificate in Node, a browser worker and Electron, offline.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlDecode, base64urlEncode, fromUtf8, utf8 } from './encoding.ts';
import { CredentialError, type VerifyFailureReason } from './errors.ts';
import { findKey, publicKeyOf, type IssuerKey, type IssuerKeySet, type IssuerPrivateKey } from './keys.ts';
import { assertNoContactDetails } from './privacy.ts';
import { decodeStatusList, getStatus, statusListLength, type StatusList } from './status-list.ts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, type BitstringStatusListCredential, type OpenBadgeCredential, type SignableCredential } from './types.ts';

export interface JoseHeader {
  alg: 'EdDSA';
  kid: string;
  typ?: 'JWT';
}

/** The registered JWT claims OB 3.0 adds to the payload. */
export interface JwtClaims {
  iss: string;
  jti: string;
  nbf: number;
  sub: string;
  exp?: number;
}

const CLAIMS = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const;
/** Tokens larger than this are refused before any parsing (a status list of 16 MiB worst case). */
const MAX_JWS_LENGTH = 24 * 1024 * 1024;

const issuerIdOf = (issuer: unknown): unknown => (issuer !== null && typeof issuer === 'object' ? (issuer as { id?: unknown }).id : issuer);
const seconds = (timestamp: string): number => Date.parse(timestamp) / 1000;

/** The JWT claims for a credential (OB 3.0 §"JWT Payload Format"). */
export function claimsFor(credential: SignableCredential): JwtClaims {
  const nbf = seconds(credential.validFrom);
  if (!Number.isInteger(nbf)) throw new CredentialError('invalid_input', 'validFrom must be a date-time in whole seconds');
  const claims: JwtClaims = {
    iss: issuerIdOf(credential.issuer) as string,
    jti: credential.id,
    nbf,
    sub: credential.credentialSubject.id,
  };
  if (credential.validUntil !== undefined) {
    const exp = seconds(credential.validUntil);
    if (!Number.isInteger(exp)) throw new CredentialError('invalid_input', 'validUntil must be a date-time in whole seconds');
    claims.exp = exp;
  }
  return claims;
}

/**
 * Signs a credential as a compact JWS. The credential is checked for contact details first
 * (privacy.ts): nothing with an email or phone number in it gets a signature.
 */
export function signCredential(credential: SignableCredential, key: IssuerPrivateKey): string {
  if (typeof key?.kid !== 'string' || key.kid.length === 0) throw new CredentialError('invalid_input', 'kid');
  if (!(key.seed instanceof Uint8Array) || key.seed.length !== 32) throw new CredentialError('invalid_input', 'an Ed25519 seed is 32 bytes');
  assertNoContactDetails(credential);
  const header: JoseHeader = { alg: 'EdDSA', kid: key.kid, typ: 'JWT' };
  const payload = { ...credential, ...claimsFor(credential) };
  const signingInput = `${base64urlEncode(utf8(JSON.stringify(header)))}.${base64urlEncode(utf8(JSON.stringify(payload)))}`;
  const signature = ed25519.sign(utf8(signingInput), key.seed);
  return `${signingInput}.${base64urlEncode(signature)}`;
}

interface ParsedJws {
  header: JoseHeader;
  payload: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseJson(segment: string): Record<string, unknown> | null {
  const bytes = base64urlDecode(segment);
  const text = bytes && fromUtf8(bytes);
  if (text == null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function parseCompact(jws: unknown): ParsedJws | null {
  if (typeof jws !== 'string' || jws.length > MAX_JWS_LENGTH) return null;
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  const header = parseJson(h);
  if (!header) return null;
  if (header.alg !== 'EdDSA' || typeof header.kid !== 'string' || header.kid.length === 0) return null;
  if (header.typ !== undefined && header.typ !== 'JWT') return null;
  if (Object.keys(header).some((k) => k !== 'alg' && k !== 'kid' && k !== 'typ')) return null;
  const payload = parseJson(p);
  const signature = base64urlDecode(s);
  if (!payload || !signature || signature.length !== 64) return null;
  return { header: header as unknown as JoseHeader, payload, signingInput: utf8(`${h}.${p}`), signature };
}

function stripClaims(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) if (!(CLAIMS as readonly string[]).includes(k)) out[k] = v;
  return out;
}

/**
 * Reads a credential without checking anything but its syntax: for display only (a list of
 * certificates before verification finishes, or one from an unknown issuer). Never trust it.
 */
export function parseCredentialUnverified(jws: string): { header: JoseHeader; claims: Partial<JwtClaims>; credential: Record<string, unknown> } | null {
  const parsed = parseCompact(jws);
  if (!parsed) return null;
  const claims: Partial<JwtClaims> = {};
  for (const k of CLAIMS) if (k in parsed.payload) (claims as Record<string, unknown>)[k] = parsed.payload[k];
  return { header: parsed.header, claims, credential: stripClaims(parsed.payload) };
}

export interface VerifyTimeOptions {
  /** The verifier's clock; defaults to the current time. */
  now?: Date;
  /** Leeway for `nbf`/`exp` against `now` (not for key windows), in seconds. Default 0. */
  clockToleranceSeconds?: number;
}

type JwsCheck =
  | { ok: true; payload: Record<string, unknown>; credential: Record<string, unknown>; kid: string; key: IssuerKey; nbf: number }
  | { ok: false; reason: VerifyFailureReason; kid?: string };

/** Signature, key window and the OB 3.0 claim checks shared by both credential kinds. */
function verifyJws(jws: string, keySet: IssuerKeySet, options: VerifyTimeOptions): JwsCheck {
  const parsed = parseCompact(jws);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const { header, payload } = parsed;
  const kid = header.kid;
  const key = findKey(keySet, kid);
  if (!key) return { ok: false, reason: 'unknown_key', kid };
  const publicKey = publicKeyOf(key.publicKeyJwk);
  let valid = false;
  try {
    // zip215 off: strict RFC 8032 / FIPS 186-5 rules, as OpenSSL (and so jose in Node) applies.
    valid = publicKey !== null && ed25519.verify(parsed.signature, parsed.signingInput, publicKey, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature', kid };

  // §"Verify a Credential VC-JWT Signature": each claim must equal its credential property.
  const { iss, jti, nbf, sub, exp } = payload;
  if (typeof iss !== 'string' || iss !== keySet.issuer.id || issuerIdOf(payload.issuer) !== iss) return { ok: false, reason: 'wrong_issuer', kid };
  const subject = payload.credentialSubject;
  if (typeof jti !== 'string' || jti !== payload.id) return { ok: false, reason: 'malformed', kid };
  if (typeof sub !== 'string' || !isObject(subject) || subject.id !== sub) return { ok: false, reason: 'malformed', kid };
  if (typeof nbf !== 'number' || !Number.isInteger(nbf) || typeof payload.validFrom !== 'string' || seconds(payload.validFrom) !== nbf) {
    return { ok: false, reason: 'malformed', kid };
  }
  if (exp !== undefined || payload.validUntil !== undefined) {
    if (typeof exp !== 'number' || typeof payload.validUntil !== 'string' || seconds(payload.validUntil) !== exp) return { ok: false, reason: 'malformed', kid };
  }

  // The key must have been allowed to issue at nbf: [validFrom, validUntil), and not leaked by then.
  const issuedMs = nbf * 1000;
  if (key.compromisedAt && issuedMs >= Date.parse(key.compromisedAt)) return { ok: false, reason: 'key_compromised', kid };
  if (issuedMs < Date.parse(key.validFrom) || (key.validUntil !== null && issuedMs >= Date.parse(key.validUntil))) {
    return { ok: false, reason: 'key_not_valid_at_issue', kid };
  }

  const nowMs = (options.now ?? new Date()).getTime();
  const leeway = (options.clockToleranceSeconds ?? 0) * 1000;
  if (nowMs + leeway < issuedMs) return { ok: false, reason: 'not_yet_valid', kid };
  if (typeof exp === 'number' && nowMs - leeway >= exp * 1000) return { ok: false, reason: 'expired', kid };

  return { ok: true, payload, credential: stripClaims(payload), kid, key, nbf };
}

const hasType = (value: unknown, type: string): boolean => value === type || (Array.isArray(value) && value.includes(type));

// ---------------------------------------------------------------------------------------
// Status lists

export type StatusListVerification =
  | { ok: true; credential: BitstringStatusListCredential; list: StatusList; kid: string }
  | { ok: false; reason: VerifyFailureReason; kid?: string };

/**
 * Verifies a signed BitstringStatusListCredential (Bitstring Status List v1.0 §3.2 steps
 * 4–9: proof, purpose, expansion, minimum length) against the same pinned key set, and
 * decodes its list. Do this once per list and pass the `list` to `verifyCredential`.
 */
export function verifyStatusListCredential(jws: string, keySet: IssuerKeySet, options: VerifyTimeOptions = {}): StatusListVerification {
  const checked = verifyJws(jws, keySet, options);
  if (!checked.ok) return checked;
  const c = checked.credential;
  const subject = c.credentialSubject;
  if (!hasType(c.type, 'VerifiableCredential') || !hasType(c.type, 'BitstringStatusListCredential') || !isObject(subject)) {
    return { ok: false, reason: 'malformed', kid: checked.kid };
  }
  if (!hasType(subject.type, 'BitstringStatusList') || !hasType(subject.statusPurpose, 'revocation') || typeof subject.encodedList !== 'string') {
    return { ok: false, reason: 'malformed', kid: checked.kid };
  }
  try {
    const list = decodeStatusList(subject.encodedList);
    return { ok: true, credential: c as unknown as BitstringStatusListCredential, list, kid: checked.kid };
  } catch {
    return { ok: false, reason: 'malformed', kid: checked.kid };
  }
}

/**
 * What `verifyCredential` can be given for a status list, keyed by its URL:
 * - a `StatusList` already decoded (after `verifyStatusListCredential`): trusted as given;
 * - the compact JWS of the BitstringStatusListCredential: verified here, against the same key set;
 * - a bare `encodedList` (`u…`): trusted as given, for callers that verified it themselves.
 */
export type StatusListSource = StatusList | string;

export type CredentialStatusState = 'active' | 'revoked' | 'unknown';
/** Why the status is `unknown`. */
export type StatusProblem = 'status_list_missing' | 'status_list_invalid' | 'status_list_mismatch' | 'status_entry_malformed' | 'status_index_out_of_range';

export interface VerifyOptions extends VerifyTimeOptions {
  statusLists?: ReadonlyMap<string, StatusListSource>;
}

export type VerifyResult =
  | {
      ok: true;
      credential: OpenBadgeCredential;
      kid: string;
      /** `nbf` as a Date. */
      issuedAt: Date;
      /** `revoked` is still a genuine credential, but withdrawn: callers display it so. */
      status: CredentialStatusState;
      statusProblem?: StatusProblem;
    }
  | { ok: false; reason: VerifyFailureReason; kid?: string };

function resolveList(url: string, source: StatusListSource, keySet: IssuerKeySet, options: VerifyTimeOptions): StatusList | StatusProblem {
  if (typeof source !== 'string') return source;
  if (source.startsWith('u') && !source.includes('.')) {
    try {
      return decodeStatusList(source);
    } catch {
      return 'status_list_invalid';
    }
  }
  const verified = verifyStatusListCredential(source, keySet, options);
  if (!verified.ok) return 'status_list_invalid';
  // The list must be the one the entry names (§2.2 `id` matches `statusListCredential`).
  return verified.credential.id === url ? verified.list : 'status_list_mismatch';
}

function statusOf(
  credential: Record<string, unknown>,
  keySet: IssuerKeySet,
  options: VerifyOptions,
): { status: CredentialStatusState; statusProblem?: StatusProblem } {
  const raw = credential.credentialStatus;
  if (raw === undefined) return { status: 'active' }; // nothing can revoke it
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(
    (e): e is Record<string, unknown> => isObject(e) && e.type === 'BitstringStatusListEntry' && e.statusPurpose === 'revocation',
  );
  if (entries.length === 0) return { status: 'unknown', statusProblem: 'status_entry_malformed' };
  let problem: StatusProblem | undefined;
  for (const entry of entries) {
    const url = entry.statusListCredential;
    const index = entry.statusListIndex;
    // §2.1: statusListIndex is a base-10 integer written as a string.
    if (typeof url !== 'string' || typeof index !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(index)) {
      problem ??= 'status_entry_malformed';
      continue;
    }
    const source = options.statusLists?.get(url);
    if (source === undefined) {
      problem ??= 'status_list_missing';
      continue;
    }
    const list = resolveList(url, source, keySet, options);
    if (typeof list === 'string') {
      problem ??= list;
      continue;
    }
    const i = Number(index);
    if (i >= statusListLength(list)) {
      problem ??= 'status_index_out_of_range'; // §3.2 step 10: RANGE_ERROR
      continue;
    }
    if (getStatus(list, i)) return { status: 'revoked' };
  }
  return problem ? { status: 'unknown', statusProblem: problem } : { status: 'active' };
}

/**
 * Verifies an OpenBadgeCredential in compact JWS form against the pinned key set, offline,
 * and reports its revocation status from the status lists supplied.
 */
export function verifyCredential(jws: string, keySet: IssuerKeySet, options: VerifyOptions = {}): VerifyResult {
  const checked = verifyJws(jws, keySet, options);
  if (!checked.ok) return checked;
  const c = checked.credential;
  const context = c['@context'];
  const subject = c.credentialSubject;
  if (
    !Array.isArray(context) || context[0] !== VC_V2_CONTEXT || !context.includes(OB_V3_CONTEXT) ||
    !hasType(c.type, 'VerifiableCredential') || !(hasType(c.type, 'OpenBadgeCredential') || hasType(c.type, 'AchievementCredential')) ||
    !isObject(subject) || !hasType(subject.type, 'AchievementSubject') || !isObject(subject.achievement)
  ) {
    return { ok: false, reason: 'malformed', kid: checked.kid };
  }
  return {
    ok: true,
    credential: c as unknown as OpenBadgeCredential,
    kid: checked.kid,
    issuedAt: new Date(checked.nbf * 1000),
    ...statusOf(c, keySet, options),
  };
}
