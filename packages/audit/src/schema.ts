import { GENESIS_HASH } from './event.ts';

/**
 * Tables of the audit log, for a server migration (`IF NOT EXISTS`, so tests and tools can run
 * it on a database that already has them).
 *
 * The triggers keep honest code honest: no UPDATE or DELETE, and an INSERT only at the head
 * (seq = last + 1, prev_hash = last hash), which also closes `INSERT OR REPLACE` (it could only
 * replace a row whose seq the trigger already refused). They do not stop someone holding the
 * file, who can drop them; the hash chain and signed checkpoints kept elsewhere detect that.
 *
 * - `seq` is the rowid (INTEGER PRIMARY KEY): reading the head is one B-tree descent.
 * - `data` is canonical JSON text, exactly the bytes spliced into the hash.
 * - `audit_events_subject` serves "the history of nomination X" without a scan.
 * - `audit_checkpoints`: one row per (seq, kid), append-only too, and only for a hash the log
 *   actually has at that seq.
 */
export const AUDIT_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS audit_events (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor TEXT,
  kind TEXT NOT NULL,
  subject TEXT,
  data TEXT NOT NULL CHECK (json_valid(data)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX IF NOT EXISTS audit_events_subject ON audit_events(subject, seq);

CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_at_head BEFORE INSERT ON audit_events
WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_events), 0) + 1
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_events WHERE seq = NEW.seq - 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'audit_not_at_head'); END;

CREATE TABLE IF NOT EXISTS audit_checkpoints (
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  kid TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (seq, kid)
) STRICT;

CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoints_known_hash BEFORE INSERT ON audit_checkpoints
WHEN NEW.hash IS NOT (SELECT hash FROM audit_events WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'audit_checkpoint_unknown'); END;
`;
