/**
 * Error reason codes. Every rejection the server or a mutator produces carries one of
 * these; clients translate them with the `errors.<code>` keys of @mekendesh/i18n.
 */
export const REASON_CODES = [
  'bad_json',
  'bad_request',
  'invalid_args',
  'unknown_mutation',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'client_mismatch',
  'out_of_order',
  'batch_too_large',
  'rate_limited',
  'email_taken',
  'invalid_credentials',
  'weak_password',
  'account_disabled',
  'invitation_invalid',
  'invitation_expired',
  'invitation_exhausted',
  'already_member',
  'last_leader',
  'unknown_reference',
  'schema_too_new',
  'storage_full',
  'internal',
  'amount_not_positive',
  'unknown_currency',
  'purpose_required',
  'progress_out_of_range',
  'last_owner',
  'receipt_too_large',
  'receipt_bad_type',
  'read_only',
  'workspace_message_too_large',
  'workspace_malformed',
  'nomination_window_not_open',
  'nomination_window_closed',
  'nominee_not_eligible',
  'nomination_cap_reached',
  'self_nomination',
  'statement_required',
  'nomination_wrong_status',
  'unknown_category',
  'reviewer_recused',
  'reviewer_not_assigned',
  'reviewer_not_on_committee',
  'reviewer_conflicted',
  'scores_incomplete',
  'score_out_of_range',
  'review_already_submitted',
  'quorum_not_met',
  'cycle_dates_invalid',
  'rubric_invalid',
  'cycle_locked',
  'not_committee_member',
  'consent_required',
  'link_invalid',
  'link_used',
  'evidence_too_large',
  'evidence_bad_type',
  'evidence_not_found',
] as const;

/** A machine-readable reason for a rejected request or mutation. */
export type ReasonCode = (typeof REASON_CODES)[number];

/** HTTP status that fits each reason code. */
export const REASON_STATUS: Record<ReasonCode, number> = {
  bad_json: 400,
  bad_request: 400,
  invalid_args: 400,
  unknown_mutation: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  client_mismatch: 403,
  out_of_order: 409,
  batch_too_large: 413,
  rate_limited: 429,
  email_taken: 409,
  invalid_credentials: 401,
  weak_password: 400,
  account_disabled: 403,
  invitation_invalid: 404,
  invitation_expired: 410,
  invitation_exhausted: 410,
  already_member: 409,
  last_leader: 409,
  unknown_reference: 400,
  schema_too_new: 500,
  storage_full: 507,
  internal: 500,
  amount_not_positive: 400,
  unknown_currency: 400,
  purpose_required: 400,
  progress_out_of_range: 400,
  last_owner: 409,
  receipt_too_large: 413,
  receipt_bad_type: 415,
  read_only: 403,
  workspace_message_too_large: 413,
  workspace_malformed: 400,
  nomination_window_not_open: 409,
  nomination_window_closed: 409,
  nominee_not_eligible: 409,
  nomination_cap_reached: 409,
  self_nomination: 400,
  statement_required: 400,
  nomination_wrong_status: 409,
  unknown_category: 400,
  reviewer_recused: 403,
  reviewer_not_assigned: 403,
  reviewer_not_on_committee: 400,
  reviewer_conflicted: 409,
  scores_incomplete: 400,
  score_out_of_range: 400,
  review_already_submitted: 409,
  quorum_not_met: 409,
  cycle_dates_invalid: 400,
  rubric_invalid: 400,
  cycle_locked: 409,
  not_committee_member: 403,
  consent_required: 409,
  link_invalid: 404,
  link_used: 410,
  evidence_too_large: 413,
  evidence_bad_type: 415,
  evidence_not_found: 400,
};

/** Returns true when `value` is a known reason code. */
export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);
}

/** A domain rejection: thrown by mutators and services, carried to the client as its code. */
export class DomainError extends Error {
  readonly code: ReasonCode;
  /** Optional machine-readable detail (e.g. the failing field paths); never user text. */
  readonly detail: unknown;
  constructor(code: ReasonCode, detail?: unknown) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
  }
}

/** Shorthand for throwing a DomainError. */
export function fail(code: ReasonCode, detail?: unknown): never {
  throw new DomainError(code, detail);
}
