export { canonicalize, isCanonicalJson, CanonicalJsonError, type JsonValue } from './canonical-json.ts';
export {
  EVENT_DOMAIN, GENESIS_HASH, portableSha256, AuditError, EventHasher, hashEvent, eventPreimage, invalidField, isIsoTime,
  type AuditEvent, type AuditEventInput, type AuditHead, type EventFields, type Sha256,
} from './event.ts';
export {
  CHECKPOINT_DOMAIN, checkpointMessage, ed25519Signer, publicKeyJwk, signCheckpoint, parseCheckpoint, verifyCheckpoint,
  type Checkpoint, type CheckpointSigner, type Ed25519PublicJwk, type PublicKeys,
} from './checkpoint.ts';
export {
  ChainVerifier, verifyEvents, verifyJsonl, toJsonlLine, candidateFromObject,
  type VerifyOptions, type VerifyResult, type VerifyOk, type VerifyFailure, type VerifyReason, type EventCandidate,
} from './verify.ts';
export { AUDIT_SCHEMA_SQL } from './schema.ts';
export { AuditLog, type AuditLogOptions } from './audit-log.ts';
export { base64url, fromBase64url } from './encoding.ts';
