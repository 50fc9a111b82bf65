import { canonicalize } from './canonical-json.ts';
import { verifyCheckpoint, type Checkpoint, type PublicKeys } from './checkpoint.ts';
import { EventHasher, GENESIS_HASH, HASH_RE, invalidField, type AuditEvent, type AuditHead, type Sha256 } from './event.ts';

/**
 * Verification of a chain of events, one event at a time, so a live table (paged) and an
 * exported JSONL file (streamed) share one set of rules and memory stays bounded.
 */

/**
 * - `malformed`: a field `append` could not have written (types, time, kind, hash spelling,
 *   data not canonical JSON), or an unreadable JSONL line;
 * - `seq_gap`: the event is not the next integer (one deleted, moved, duplicated); `seq` is
 *   the one expected;
 * - `chain_broken`: its `prev_hash` is not the previous event's hash (events swapped, removed
 *   and renumbered, spliced from another log);
 * - `hash_mismatch`: its content does not give its hash (edited in place);
 * - `checkpoint_mismatch`: a trusted checkpoint names another hash for this seq (the chain was
 *   recomputed after a change, or another log);
 * - `truncated`: the log ends before a trusted checkpoint; `seq` is the first missing event;
 * - `checkpoint_invalid`: a checkpoint given to trust is not signed by the key its kid names.
 */
export type VerifyReason = 'malformed' | 'seq_gap' | 'chain_broken' | 'hash_mismatch' | 'checkpoint_mismatch' | 'truncated' | 'checkpoint_invalid';

export interface VerifyOk {
  ok: true;
  /** Events checked (after `from`, when given). */
  count: number;
  head: AuditHead;
  /** Trusted checkpoints the chain was found to match. */
  checkpoints: number;
}

export interface VerifyFailure {
  ok: false;
  /** The first bad event (see {@link VerifyReason}). */
  seq: number;
  reason: VerifyReason;
  /** Events that checked out before it. */
  count: number;
  /** The checkpoint involved, for the checkpoint reasons. */
  checkpoint?: Checkpoint;
}

export type VerifyResult = VerifyOk | VerifyFailure;

export interface VerifyOptions {
  /**
   * Checkpoints to hold the log to. Each must verify under `keys`. The ones before `from` are
   * not checked (that part of the log is trusted, not read); the one at `from`, if any, must
   * name `from.hash`.
   */
  checkpoints?: Iterable<Checkpoint>;
  keys?: PublicKeys;
  /**
   * A point already trusted (e.g. a checkpoint verified earlier): start after it instead of at
   * the genesis, so a periodic check reads only what was appended since.
   */
  from?: AuditHead;
  sha256?: Sha256;
}

/** An event as read, nothing checked yet; `dataJson` is its data in canonical JSON, undefined when it has none. */
export interface EventCandidate {
  seq: unknown;
  at: unknown;
  actor: unknown;
  kind: unknown;
  subject: unknown;
  dataJson: string | undefined;
  prevHash: unknown;
  hash: unknown;
}

export class ChainVerifier {
  private expected: number;
  private prev: string;
  private count = 0;
  private matched = 0;
  private failure: VerifyFailure | undefined;
  private readonly pending = new Map<number, Checkpoint[]>();
  private readonly hasher: EventHasher;

  constructor(options: VerifyOptions = {}) {
    const start = options.from ?? { seq: 0, hash: GENESIS_HASH };
    if (!Number.isSafeInteger(start.seq) || start.seq < 0 || !HASH_RE.test(start.hash)) throw new TypeError('from must be { seq >= 0, hash: 64 hex }');
    this.expected = start.seq + 1;
    this.prev = start.hash;
    this.hasher = new EventHasher(options.sha256);
    for (const cp of options.checkpoints ?? []) {
      if (!options.keys) throw new TypeError('checkpoints need the public keys to check them against');
      if (!verifyCheckpoint(cp, options.keys)) {
        // Checkpoints may come from a file or a request: not even the seq is certain.
        const seq = (cp as { seq?: unknown } | null)?.seq;
        this.failure ??= { ok: false, seq: Number.isSafeInteger(seq) ? (seq as number) : 0, reason: 'checkpoint_invalid', count: 0, checkpoint: cp };
        continue;
      }
      if (cp.seq < start.seq) continue;
      if (cp.seq === start.seq) {
        if (cp.hash !== start.hash) this.failure ??= { ok: false, seq: cp.seq, reason: 'checkpoint_mismatch', count: 0, checkpoint: cp };
        else this.matched++;
        continue;
      }
      const at = this.pending.get(cp.seq);
      if (at) at.push(cp);
      else this.pending.set(cp.seq, [cp]);
    }
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  private fail(seq: number, reason: VerifyReason, checkpoint?: Checkpoint): false {
    this.failure = { ok: false, seq, reason, count: this.count, ...(checkpoint ? { checkpoint } : {}) };
    return false;
  }

  /** Checks the next event; false once the log has failed (stop feeding it). */
  push(c: EventCandidate): boolean {
    if (this.failure) return false;
    const seq = this.expected;
    if (!Number.isSafeInteger(c.seq)) return this.fail(seq, 'malformed');
    if (c.seq !== seq) return this.fail(seq, 'seq_gap');
    if (c.dataJson === undefined || typeof c.prevHash !== 'string' || typeof c.hash !== 'string' || invalidField(c) !== undefined) {
      return this.fail(seq, 'malformed');
    }
    // The hash spellings are checked only on a mismatch: equal to a hash we hold or computed,
    // they are well formed, and two regexes per event are a tenth of verification time.
    if (c.prevHash !== this.prev) return this.fail(seq, HASH_RE.test(c.prevHash) ? 'chain_broken' : 'malformed');
    const e = c as EventCandidate & { at: string; actor: string | null; kind: string; subject: string | null };
    if (this.hasher.hash(this.prev, { seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject }, c.dataJson) !== c.hash) {
      return this.fail(seq, HASH_RE.test(c.hash) ? 'hash_mismatch' : 'malformed');
    }
    const cps = this.pending.get(seq);
    if (cps) {
      for (const cp of cps) {
        if (cp.hash !== c.hash) return this.fail(seq, 'checkpoint_mismatch', cp);
        this.matched++;
      }
      this.pending.delete(seq);
    }
    this.count++;
    this.prev = c.hash;
    this.expected = seq + 1;
    return true;
  }

  /** The outcome once every event has been pushed. */
  result(): VerifyResult {
    if (this.failure) return this.failure;
    // Whatever is still pending lies beyond the last event: the log was cut short of it.
    let first: Checkpoint | undefined;
    for (const [seq, cps] of this.pending) if (!first || seq < first.seq) first = cps[0];
    if (first) return { ok: false, seq: this.expected, reason: 'truncated', count: this.count, checkpoint: first };
    return { ok: true, count: this.count, head: { seq: this.expected - 1, hash: this.prev }, checkpoints: this.matched };
  }
}

/** Canonical JSON of `data` when it is JSON, else undefined (reported as malformed). */
function dataJsonOf(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}

/** A parsed event object (an exported line) as a candidate. */
export function candidateFromObject(value: unknown): EventCandidate {
  const v = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  return {
    seq: v.seq,
    at: v.at,
    actor: v.actor,
    kind: v.kind,
    subject: v.subject,
    dataJson: 'data' in v ? dataJsonOf(v.data) : undefined,
    prevHash: v.prevHash,
    hash: v.hash,
  };
}

/** Verifies events given as objects ({@link AuditEvent}'s shape), e.g. parsed from an export. */
export function verifyEvents(events: Iterable<unknown>, options: VerifyOptions = {}): VerifyResult {
  const v = new ChainVerifier(options);
  for (const e of events) if (!v.push(candidateFromObject(e))) break;
  return v.result();
}

/**
 * Verifies an export, one JSON event per line (blank lines ignored), from any line source:
 * an array, or a file read line by line by the host.
 */
export async function verifyJsonl(lines: Iterable<string> | AsyncIterable<string>, options: VerifyOptions = {}): Promise<VerifyResult> {
  const v = new ChainVerifier(options);
  for await (const line of lines) {
    const text = line.trim();
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!v.push(candidateFromObject(value))) break;
  }
  return v.result();
}

/** One export line: the event in canonical JSON (so exports of the same log are byte-identical). */
export function toJsonlLine(e: AuditEvent): string {
  return canonicalize({ seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash });
}
