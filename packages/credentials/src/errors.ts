/**
 * Reason codes of this package. They are codes, not sentences: the apps translate them
 * (`errors.<code>` in @mekendesh/i18n), so nothing here is user-visible text.
 */

/** Why a compact JWS did not verify. A revoked credential is not a failure: see `status`. */
export type VerifyFailureReason =
  | 'malformed'
  | 'bad_signature'
  | 'unknown_key'
  | 'key_not_valid_at_issue'
  | 'key_compromised'
  | 'not_yet_valid'
  | 'expired'
  | 'wrong_issuer';

/** Why building, signing or a status-list operation was refused. */
export type CredentialErrorCode =
  | 'invalid_input'
  | 'contact_details_present'
  | 'no_current_key'
  | 'status_list_malformed'
  | 'status_list_too_short'
  | 'status_list_too_large'
  | 'status_index_out_of_range';

/** Thrown by the builders, the signer, key management and the status-list codec. */
export class CredentialError extends Error {
  readonly code: CredentialErrorCode;
  constructor(code: CredentialErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'CredentialError';
    this.code = code;
  }
}
