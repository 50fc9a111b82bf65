import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalize } from './canonical-json.ts';
import { base64url, fromBase64url } from './encoding.ts';
import { AuditError, HASH_RE, isIsoTime, type AuditHead } from './event.ts';

/**
 * Signed checkpoints: "at time `at`, the log's event `seq` had hash `hash`", signed with Ed25519
 * by key `kid`. Since each hash covers every event before it, a checkpoint kept outside the
 * database (published, mailed to the jury, stored by an auditor) pins the whole prefix: an
 * attacker holding the file can recompute the chain, but not the signature, so a rewritten or
 * truncated log no longer matches it.
 *
 * Signed bytes: UTF-8("mekendesh-audit-checkpoint-v1\n" + JCS({ at, hash, kid, seq })). The
 * domain line keeps a checkpoint signature from being valid for anything else the same key
 * signs; `kid` is inside so a signature cannot be re-attributed to another key id.
 */

export const CHECKPOINT_DOMAIN = 'mekendesh-audit-checkpoint-v1';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  kid: string;
  /** Ed25519 signature, base64url without padding (86 characters). */
  signature: string;
}

/**
 * Signs checkpoints. `sign` gets the exact bytes (so the key can live in an HSM or another
 * process); `publicKey` lets the log check its own earlier checkpoints before signing a new one.
 */
export interface CheckpointSigner {
  kid: string;
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** An Ed25519 public key as a JWK (RFC 8037). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
}

/** Trusted keys by kid: raw 32-byte keys or JWKs. */
export type PublicKeys = ReadonlyMap<string, Uint8Array | Ed25519PublicJwk>;

const KID_RE = /^[A-Za-z0-9._:-]{1,100}$/;

/** The bytes a checkpoint's signature covers. */
export function checkpointMessage(cp: Omit<Checkpoint, 'signature'>): Uint8Array {
  return new TextEncoder().encode(`${CHECKPOINT_DOMAIN}\n${canonicalize({ at: cp.at, hash: cp.hash, kid: cp.kid, seq: cp.seq })}`);
}

/** A signer over a 32-byte Ed25519 seed (RFC 8032 secret key). The seed is copied. */
export function ed25519Signer(kid: string, seed: Uint8Array): CheckpointSigner {
  if (!KID_RE.test(kid)) throw new AuditError('audit_invalid_signer', 'kid must be 1–100 of [A-Za-z0-9._:-]');
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new AuditError('audit_invalid_signer', 'an Ed25519 seed is 32 bytes');
  const secret = Uint8Array.from(seed);
  return { kid, publicKey: ed25519.getPublicKey(secret), sign: (message) => ed25519.sign(message, secret) };
}

/** The public half of a key as a JWK, for publishing next to exported checkpoints. */
export function publicKeyJwk(publicKey: Uint8Array, kid?: string): Ed25519PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey), ...(kid === undefined ? {} : { kid }) };
}

/** Signs `head` as of `at`. Pure: {@link AuditLog.checkpoint} also verifies and stores it. */
export function signCheckpoint(head: AuditHead, at: string, signer: CheckpointSigner): Checkpoint {
  if (!Number.isSafeInteger(head.seq) || head.seq < 1 || !HASH_RE.test(head.hash)) throw new AuditError('audit_empty', 'nothing to checkpoint');
  if (!isIsoTime(at)) throw new AuditError('audit_invalid_event', 'at must be an ISO 8601 UTC time');
  if (!KID_RE.test(signer.kid)) throw new AuditError('audit_invalid_signer', 'kid must be 1–100 of [A-Za-z0-9._:-]');
  const body = { seq: head.seq, hash: head.hash, at, kid: signer.kid };
  const signature = signer.sign(checkpointMessage(body));
  if (!(signature instanceof Uint8Array) || signature.length !== 64) throw new AuditError('audit_invalid_signer', 'an Ed25519 signature is 64 bytes');
  return { ...body, signature: base64url(signature) };
}

/** `value` as a Checkpoint when it has the right shape (from JSON, a table, a request), else undefined. */
export function parseCheckpoint(value: unknown): Checkpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return undefined;
  if (typeof v.hash !== 'string' || !HASH_RE.test(v.hash)) return undefined;
  if (!isIsoTime(v.at)) return undefined;
  if (typeof v.kid !== 'string' || !KID_RE.test(v.kid)) return undefined;
  if (typeof v.signature !== 'string' || v.signature.length !== 86) return undefined;
  return { seq: v.seq as number, hash: v.hash, at: v.at, kid: v.kid, signature: v.signature };
}

function rawKey(key: Uint8Array | Ed25519PublicJwk | undefined): Uint8Array | undefined {
  if (key instanceof Uint8Array) return key.length === 32 ? key : undefined;
  if (!key || key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string') return undefined;
  const raw = fromBase64url(key.x);
  return raw?.length === 32 ? raw : undefined;
}

/**
 * True when `cp` is well formed and signed by the key its kid names in `keys`. Unknown kids,
 * malformed keys or signatures are false, never an exception. Strict RFC 8032 verification
 * (not ZIP 215): non-canonical encodings are refused, so a signature has one valid spelling.
 */
export function verifyCheckpoint(cp: unknown, keys: PublicKeys): cp is Checkpoint {
  const c = parseCheckpoint(cp);
  if (!c) return false;
  const key = rawKey(keys.get(c.kid));
  const sig = fromBase64url(c.signature);
  if (!key || sig?.length !== 64) return false;
  try {
    return ed25519.verify(sig, checkpointMessage(c), key, { zip215: false });
  } catch {
    return false;
  }
}
