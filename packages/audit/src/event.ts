import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalize, type JsonValue } from './canonical-json.ts';
import { Utf8Writer } from './encoding.ts';

/**
 * One audit event and how it is hashed.
 *
 *   hash = hex(SHA-256(UTF-8("mekendesh-audit-event-v1\n" + prev_hash + "\n" + JCS(body))))
 *   body = { actor, at, data, kind, seq, subject }
 *
 * `prev_hash` is the previous event's hash in lowercase hex; the first event's is 64 zeros.
 * The domain line keeps these digests from ever colliding with another SHA-256 use of ours,
 * so the all-zero genesis needs no separation of its own; the fixed-length hex and the newline
 * make the concatenation unambiguous. `seq` is inside the hash, so an event cannot move.
 * An auditor can recompute one event with a shell:
 *   printf 'mekendesh-audit-event-v1\n%s\n%s' "$prev" "$body" | sha256sum
 */

export const EVENT_DOMAIN = 'mekendesh-audit-event-v1';
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller records. `actor` is an account id, or null for the system. */
export interface AuditEventInput {
  /** ISO 8601 UTC, as `Date.prototype.toISOString` writes it. */
  at: string;
  actor: string | null;
  /** Dotted lowercase, e.g. `nomination.submitted`. */
  kind: string;
  /** The object the event is about (a nomination id), or null. */
  subject: string | null;
  /** Any plain JSON (see `canonicalize`); `{}` when omitted. */
  data?: JsonValue;
}

/** A stored event. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string | null;
  kind: string;
  subject: string | null;
  data: JsonValue;
  prevHash: string;
  hash: string;
}

/** The last event of a log (seq 0 and {@link GENESIS_HASH} for an empty one). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** A SHA-256 implementation: the default is @noble/hashes; a host may inject a native one. */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/** The default SHA-256 (pure JavaScript, runs anywhere), for hosts and benchmarks that compare. */
export const portableSha256: Sha256 = sha256;

/** Invalid input to `append`, a refused checkpoint, an empty log. */
export class AuditError extends Error {
  constructor(
    readonly code: 'audit_invalid_event' | 'audit_empty' | 'audit_chain_invalid' | 'audit_invalid_signer',
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}

export const HASH_RE = /^[0-9a-f]{64}$/;
const AT_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;
const KIND_RE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;
const LONE_SURROGATE = /\p{Surrogate}/u;
/** Ids, not prose: bounded so one event stays a few hundred bytes. */
const MAX_ID = 200;

/** An ISO 8601 UTC time with a real calendar date (Date.parse would take 2026-02-30). */
export function isIsoTime(at: unknown): at is string {
  if (typeof at !== 'string') return false;
  const m = AT_RE.exec(at);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isId = (v: unknown): v is string | null =>
  v === null || (typeof v === 'string' && v.length > 0 && v.length <= MAX_ID && !LONE_SURROGATE.test(v));

/**
 * The field of `e` that `append` would refuse, or undefined when all are fine. The verifier uses
 * the same rules: anything `append` cannot write is `malformed` in a log.
 */
export function invalidField(e: { at: unknown; actor: unknown; kind: unknown; subject: unknown }): string | undefined {
  if (!isIsoTime(e.at)) return 'at';
  if (!isId(e.actor)) return 'actor';
  if (typeof e.kind !== 'string' || e.kind.length > MAX_ID || !KIND_RE.test(e.kind)) return 'kind';
  if (!isId(e.subject)) return 'subject';
  return undefined;
}

export type EventFields = Pick<AuditEvent, 'seq' | 'at' | 'actor' | 'kind' | 'subject'>;

/**
 * The hashed text: domain, previous hash, and the JCS body spliced from its parts (the keys are
 * fixed, already in JCS order) so `data`, stored canonical, is not serialised twice.
 */
export function eventPreimage(prevHash: string, e: EventFields, dataJson: string): string {
  return (
    `${EVENT_DOMAIN}\n${prevHash}\n` +
    `{"actor":${canonicalize(e.actor)},"at":${canonicalize(e.at)},"data":${dataJson},"kind":${canonicalize(e.kind)},` +
    `"seq":${e.seq},"subject":${canonicalize(e.subject)}}`
  );
}

/**
 * {@link eventPreimage} for fields already checked by {@link invalidField}: `at` and `kind` are
 * then plain ASCII that JSON writes verbatim between quotes, so they skip the serialiser.
 */
export function checkedPreimage(prevHash: string, e: EventFields, dataJson: string): string {
  return (
    `${EVENT_DOMAIN}\n${prevHash}\n` +
    `{"actor":${e.actor === null ? 'null' : canonicalize(e.actor)},"at":"${e.at}","data":${dataJson},"kind":"${e.kind}",` +
    `"seq":${e.seq},"subject":${e.subject === null ? 'null' : canonicalize(e.subject)}}`
  );
}

/** Hashes events with one reused UTF-8 buffer. */
export class EventHasher {
  private readonly utf8 = new Utf8Writer();
  constructor(private readonly digest: Sha256 = portableSha256) {}
  /** The hash of an event whose fields passed {@link invalidField}. */
  hash(prevHash: string, e: EventFields, dataJson: string): string {
    return bytesToHex(this.digest(this.utf8.encode(checkedPreimage(prevHash, e, dataJson))));
  }
}

/** The hash of one event (`dataJson` = canonical JSON of its data). */
export function hashEvent(prevHash: string, e: EventFields, dataJson: string, digest: Sha256 = portableSha256): string {
  return bytesToHex(digest(new TextEncoder().encode(eventPreimage(prevHash, e, dataJson))));
}
