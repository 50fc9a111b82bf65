import type { SqlDriver, SqlValue } from '@mekendesh/store';
import { canonicalize, CanonicalJsonError, isCanonicalJson, type JsonValue } from './canonical-json.ts';
import { parseCheckpoint, signCheckpoint, verifyCheckpoint, type Checkpoint, type CheckpointSigner } from './checkpoint.ts';
import { AuditError, EventHasher, GENESIS_HASH, invalidField, isIsoTime, type AuditEvent, type AuditEventInput, type AuditHead, type Sha256 } from './event.ts';
import { ChainVerifier, toJsonlLine, type EventCandidate, type VerifyOptions, type VerifyResult } from './verify.ts';

export interface AuditLogOptions {
  /** SHA-256 to use; a Node host may pass node:crypto's (2–3× faster per hash than the portable default; verify about 1.2–1.3× faster overall, since reading rows costs as much). */
  sha256?: Sha256;
  /** Rows read per query while verifying or exporting: memory stays bounded by it. */
  pageSize?: number;
}

const COLUMNS = 'seq, at, actor, kind, subject, data, prev_hash, hash';
const INSERT = `INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const HEAD = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1';
// The first page has no lower bound, so a row below seq 1 (a tampered file) is read, not skipped.
const FIRST_PAGE = `SELECT ${COLUMNS} FROM audit_events ORDER BY seq LIMIT ?`;
const NEXT_PAGE = `SELECT ${COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`;
const MAX_LIMIT = 10_000;

function candidateFromRow(r: SqlValue[]): EventCandidate {
  const data = r[5];
  return {
    seq: typeof r[0] === 'bigint' ? Number(r[0]) : r[0],
    at: r[1],
    actor: r[2],
    kind: r[3],
    subject: r[4],
    // Stored canonical, hashed as stored; anything else would hash differently once exported
    // (the export re-canonicalises), so it is malformed here already.
    dataJson: typeof data === 'string' && isCanonicalJson(data) ? data : undefined,
    prevHash: r[6],
    hash: r[7],
  };
}

function eventFromRow(r: SqlValue[]): AuditEvent {
  return {
    seq: Number(r[0]),
    at: r[1] as string,
    actor: r[2] as string | null,
    kind: r[3] as string,
    subject: r[4] as string | null,
    data: JSON.parse(r[5] as string) as JsonValue,
    prevHash: r[6] as string,
    hash: r[7] as string,
  };
}

const clampLimit = (limit: number) => Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit) || 1));

/**
 * The audit log over a database that has {@link AUDIT_SCHEMA_SQL}. Holds no state of its own
 * (the head is read, not cached): a rolled-back transaction or another connection writing the
 * same file cannot leave it pointing at a hash that is not in the table.
 */
export class AuditLog {
  private readonly hasher: EventHasher;
  private readonly sha256: Sha256 | undefined;
  private readonly pageSize: number;

  constructor(
    private readonly db: SqlDriver,
    options: AuditLogOptions = {},
  ) {
    this.sha256 = options.sha256;
    this.hasher = new EventHasher(options.sha256);
    this.pageSize = clampLimit(options.pageSize ?? 2_000);
  }

  /**
   * Appends one event. Call it inside the transaction that makes the change it records, so both
   * commit or neither does; outside one it runs in its own. Throws {@link AuditError}
   * `audit_invalid_event` for input the log would not accept.
   */
  append(event: AuditEventInput): AuditHead {
    const bad = invalidField(event);
    if (bad) throw new AuditError('audit_invalid_event', `invalid ${bad}`, { field: bad });
    let dataJson: string;
    try {
      dataJson = canonicalize(event.data === undefined ? {} : event.data);
    } catch (err) {
      if (!(err instanceof CanonicalJsonError)) throw err;
      throw new AuditError('audit_invalid_event', err.message, { field: 'data', path: err.path, why: err.why });
    }
    const { at, actor, kind, subject } = event;
    const write = (): AuditHead => {
      // Read inside the write transaction: the write lock makes head + insert atomic.
      const head = this.head();
      const seq = head.seq + 1;
      const hash = this.hasher.hash(head.hash, { seq, at, actor, kind, subject }, dataJson);
      this.db.run(INSERT, [seq, at, actor, kind, subject, dataJson, head.hash, hash]);
      return { seq, hash };
    };
    return this.db.inTransaction ? write() : this.db.transaction(write);
  }

  /** The last event's seq and hash; `{ seq: 0, hash: GENESIS_HASH }` when empty. */
  head(): AuditHead {
    const row = this.db.values(HEAD)[0];
    return row ? { seq: Number(row[0]), hash: row[1] as string } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Up to `limit` (≤ 10,000) events from `fromSeq` on, in order. */
  events(fromSeq = 1, limit = 100): AuditEvent[] {
    return this.db.values(NEXT_PAGE, [fromSeq - 1, clampLimit(limit)]).map(eventFromRow);
  }

  /** Up to `limit` events about `subject` from `fromSeq` on, in order (the history of one nomination). */
  eventsFor(subject: string, fromSeq = 1, limit = 100): AuditEvent[] {
    return this.db
      .values(`SELECT ${COLUMNS} FROM audit_events WHERE subject = ? AND seq >= ? ORDER BY seq LIMIT ?`, [subject, fromSeq, clampLimit(limit)])
      .map(eventFromRow);
  }

  /**
   * Verifies the chain from the genesis (or from `options.from`), reading it in pages, and holds
   * it to the given checkpoints. Returns the first bad event, never throws on a bad log.
   */
  verify(options: VerifyOptions = {}): VerifyResult {
    const v = new ChainVerifier({ ...options, sha256: options.sha256 ?? this.sha256 });
    if (v.failed) return v.result();
    let cursor: number | undefined;
    const from = options.from;
    if (from && from.seq > 0) {
      // The trusted point must still be there: the events after it only prove their own links.
      const row = this.db.values('SELECT hash FROM audit_events WHERE seq = ?', [from.seq])[0];
      if (!row) return { ok: false, seq: from.seq, reason: 'truncated', count: 0 };
      if (row[0] !== from.hash) return { ok: false, seq: from.seq, reason: 'checkpoint_mismatch', count: 0 };
      cursor = from.seq;
    }
    for (;;) {
      const rows = cursor === undefined ? this.db.values(FIRST_PAGE, [this.pageSize]) : this.db.values(NEXT_PAGE, [cursor, this.pageSize]);
      for (const r of rows) if (!v.push(candidateFromRow(r))) return v.result();
      if (rows.length < this.pageSize) return v.result();
      cursor = Number(rows[rows.length - 1]![0]);
    }
  }

  /**
   * Signs the current head and stores the checkpoint. First checks this key's stored
   * checkpoints and verifies the log from the latest (or the genesis), so it never signs a log
   * that was altered since; throws {@link AuditError} `audit_chain_invalid` (detail: the
   * failure) if it was, and `audit_empty` for an empty log. Returns the existing checkpoint
   * when the head is already signed by this key.
   *
   * Stored checkpoints are for convenience; their protection comes from copies kept elsewhere
   * ({@link checkpoints}), since whoever holds the file can delete these rows.
   */
  checkpoint(signer: CheckpointSigner, at: string): Checkpoint {
    if (!isIsoTime(at)) throw new AuditError('audit_invalid_event', 'at must be an ISO 8601 UTC time', { field: 'at' });
    const keys = new Map([[signer.kid, signer.publicKey]]);
    let last: Checkpoint | undefined;
    for (const cp of this.checkpoints()) {
      if (cp.kid !== signer.kid) continue;
      // A row under our kid that our key did not sign can only have been written by someone
      // else: the log was tampered with, even if its chain is consistent again.
      if (!verifyCheckpoint(cp as unknown, keys)) {
        const failure = { ok: false, seq: cp.seq, reason: 'checkpoint_invalid', count: 0, checkpoint: cp } as const;
        throw new AuditError('audit_chain_invalid', `stored checkpoint ${cp.seq} is not signed by ${cp.kid}`, failure);
      }
      if (!last || cp.seq > last.seq) last = cp;
    }
    const checked = this.verify(last ? { from: last } : {});
    if (!checked.ok) throw new AuditError('audit_chain_invalid', `audit log fails verification at ${checked.seq}: ${checked.reason}`, checked);
    if (checked.head.seq === 0) throw new AuditError('audit_empty', 'nothing to checkpoint');
    if (last && last.seq === checked.head.seq) return last;
    const cp = signCheckpoint(checked.head, at, signer);
    this.db.run('INSERT INTO audit_checkpoints (seq, hash, at, kid, signature) VALUES (?, ?, ?, ?, ?)', [cp.seq, cp.hash, cp.at, cp.kid, cp.signature]);
    return cp;
  }

  /** Stored checkpoints by seq (rows that are not well formed are left out: verify them as exported copies). */
  checkpoints(): Checkpoint[] {
    return this.db
      .all<Record<string, SqlValue>>('SELECT seq, hash, at, kid, signature FROM audit_checkpoints ORDER BY seq, kid')
      .map((r) => parseCheckpoint({ ...r, seq: Number(r.seq) }))
      .filter((cp): cp is Checkpoint => cp !== undefined);
  }

  /** The log as JSONL lines (without newlines), read in pages: verify them with `verifyJsonl`. */
  *exportJsonl(): Generator<string> {
    let cursor = 0;
    for (;;) {
      const rows = this.db.values(NEXT_PAGE, [cursor, this.pageSize]);
      for (const r of rows) yield toJsonlLine(eventFromRow(r));
      if (rows.length < this.pageSize) return;
      cursor = Number(rows[rows.length - 1]![0]);
    }
  }
}
