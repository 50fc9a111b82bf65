import type { Migration } from '../types.ts';

/**
 * The audit log of the award (and of anything else that must be accountable): append-only
 * events, hash-chained, and signed checkpoints. The text is `AUDIT_SCHEMA_SQL` of
 * @mekendesh/audit as it was when this migration landed (a server test checks they agree);
 * migrations never change, so it is copied, not imported.
 */
export const s0007_audit: Migration = {
  id: 7,
  name: 'audit',
  up(db) {
    db.exec(`
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
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_events WHERE seq = NEW.seq - 1), '0000000000000000000000000000000000000000000000000000000000000000')
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
`);
  },
};
