/**
 * The issuer's Ed25519 keys and their life cycle.
 *
 * The apps pin an `IssuerKeySet` (public keys only, plain JSON) and verify against it
 * offline. Each key has a validity window [validFrom, validUntil): a credential is accepted
 * only when its `nbf` falls inside the window of the key named by its `kid`, so rotating
 * keeps every earlier credential valid while a retired key can no longer mint new ones.
 * `compromisedAt` marks a leaked key: credentials it signed dated at or after that instant
 * are refused. (A thief can backdate `nbf`, so after a compromise the issuer should also
 * re-issue the genuine credentials under the new key and, if the leak time is uncertain,
 * set `compromisedAt` to the key's `validFrom`.)
 *
 * Private keys are 32-byte Ed25519 seeds (RFC 8032 §5.1.5) kept in a separate type, so a key
 * set can be serialised and shipped without any chance of carrying one.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlDecode, base64urlEncode, toTimestamp, utf8 } from './encoding.ts';
import { CredentialError } from './errors.ts';

/** RFC 8037 §2: an Ed25519 public key as an OKP JWK. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** A public JWK as published in a JWKS (RFC 7517 §5) or served at the `kid` URI. */
export interface PublishedJwk extends Ed25519PublicJwk {
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface IssuerKey {
  /**
   * A URI (OB 3.0 §"Create the JOSE Header": `kid` MUST be a URI dereferencing to the
   * JWK): `<issuer id>#key-<RFC 7638 thumbprint>`, stable for the key and unique.
   */
  kid: string;
  publicKeyJwk: Ed25519PublicJwk;
  /** First instant (UTC, whole seconds) the key may issue. */
  validFrom: string;
  /** First instant it may no longer issue; null while it is the current key. */
  validUntil: string | null;
  /** Set when the key leaked: credentials with `nbf` at or after it are refused. */
  compromisedAt?: string;
}

export interface IssuerKeySet {
  issuer: { id: string; name: string };
  keys: IssuerKey[];
}

/** Private material: never part of an `IssuerKeySet`. */
export interface IssuerPrivateKey {
  kid: string;
  /** The 32-byte Ed25519 seed (RFC 8032 "private key"). */
  seed: Uint8Array;
}

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new CredentialError('invalid_input', 'an Ed25519 seed is 32 bytes');
}

/** The public JWK of a seed. */
export function publicJwkFromSeed(seed: Uint8Array): Ed25519PublicJwk {
  checkSeed(seed);
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(ed25519.getPublicKey(seed)) };
}

/** RFC 7638 JWK thumbprint: SHA-256 over the required members (crv, kty, x) in order. */
export function jwkThumbprint(jwk: Ed25519PublicJwk): string {
  return base64urlEncode(sha256(utf8(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`)));
}

/** The key as a JWK to publish (at its `kid` URI, or in a JWKS); no `d`, ever. */
export function exportPublicJwk(key: IssuerKey): PublishedJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: key.publicKeyJwk.x, kid: key.kid, alg: 'EdDSA', use: 'sig' };
}

/** The whole key set as a JWKS (RFC 7517 §5), e.g. for `/.well-known/jwks.json`. */
export function keySetToJwks(keySet: IssuerKeySet): { keys: PublishedJwk[] } {
  return { keys: keySet.keys.map(exportPublicJwk) };
}

const publicKeyBytes = new WeakMap<Ed25519PublicJwk, Uint8Array | null>();

/** The 32 raw public-key bytes of a JWK (memoised per JWK object), or null if it is not one. */
export function publicKeyOf(jwk: Ed25519PublicJwk): Uint8Array | null {
  let bytes = publicKeyBytes.get(jwk);
  if (bytes === undefined) {
    const raw = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' ? base64urlDecode(jwk.x) : null;
    bytes = raw && raw.length === 32 ? raw : null;
    publicKeyBytes.set(jwk, bytes);
  }
  return bytes;
}

export function findKey(keySet: IssuerKeySet, kid: string): IssuerKey | undefined {
  return keySet.keys.find((k) => k.kid === kid);
}

/**
 * A new key, valid from `now`. `seed` is for tests and for keys generated elsewhere (an HSM
 * export, a ceremony); by default 32 bytes from the host's CSPRNG.
 */
export function generateIssuerKey(options: { issuerId: string; now: Date; seed?: Uint8Array }): { key: IssuerKey; privateKey: IssuerPrivateKey } {
  const seed = options.seed ?? ed25519.utils.randomSecretKey();
  const publicKeyJwk = publicJwkFromSeed(seed);
  const kid = `${options.issuerId}#key-${jwkThumbprint(publicKeyJwk)}`;
  return {
    key: { kid, publicKeyJwk, validFrom: toTimestamp(options.now, 'now'), validUntil: null },
    privateKey: { kid, seed: new Uint8Array(seed) },
  };
}

/** A key set with one current key. */
export function createIssuerKeySet(options: { issuer: { id: string; name: string }; now: Date; seed?: Uint8Array }): {
  keySet: IssuerKeySet;
  privateKeys: IssuerPrivateKey[];
} {
  const { key, privateKey } = generateIssuerKey({ issuerId: options.issuer.id, now: options.now, seed: options.seed });
  return { keySet: { issuer: { id: options.issuer.id, name: options.issuer.name }, keys: [key] }, privateKeys: [privateKey] };
}

/**
 * Retires the current key at `now` (its `validUntil`) and adds a new current key valid from
 * `now`. Returns a new key set (the input is not changed) and the new private key. Callers
 * destroy the retired seed: a retired key may not sign again, so keeping it is only a risk
 * (status lists are re-signed with the new key).
 */
export function rotateKey(
  keySet: IssuerKeySet,
  now: Date,
  options: { seed?: Uint8Array } = {},
): { keySet: IssuerKeySet; privateKey: IssuerPrivateKey; retired: string[] } {
  const at = toTimestamp(now, 'now');
  const retired: string[] = [];
  const keys = keySet.keys.map((k) => {
    if (k.validUntil !== null) return k;
    if (Date.parse(at) <= Date.parse(k.validFrom)) throw new CredentialError('invalid_input', 'rotation must come after the current key became valid');
    retired.push(k.kid);
    return { ...k, validUntil: at };
  });
  const { key, privateKey } = generateIssuerKey({ issuerId: keySet.issuer.id, now, seed: options.seed });
  if (keys.some((k) => k.kid === key.kid)) throw new CredentialError('invalid_input', 'the new key is already in the set');
  return { keySet: { issuer: { ...keySet.issuer }, keys: [...keys, key] }, privateKey, retired };
}

/** Marks a key as leaked from `compromisedAt` on (a new key set; the input is not changed). */
export function markKeyCompromised(keySet: IssuerKeySet, kid: string, compromisedAt: Date | string): IssuerKeySet {
  if (!findKey(keySet, kid)) throw new CredentialError('invalid_input', `no key ${kid}`);
  const at = toTimestamp(compromisedAt, 'compromisedAt');
  return { issuer: { ...keySet.issuer }, keys: keySet.keys.map((k) => (k.kid === kid ? { ...k, compromisedAt: at } : k)) };
}

/** The current key (open-ended validity, not compromised) and its private half. */
export function currentSigningKey(keySet: IssuerKeySet, privateKeys: readonly IssuerPrivateKey[]): IssuerPrivateKey {
  const current = keySet.keys.find((k) => k.validUntil === null && !k.compromisedAt);
  const privateKey = current && privateKeys.find((p) => p.kid === current.kid);
  if (!privateKey) throw new CredentialError('no_current_key');
  return privateKey;
}
