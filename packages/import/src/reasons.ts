/**
 * Reason codes of the import. Strings, like the rest of the platform's reasons; each has a
 * message in @mekendesh/i18n: `import.error.<code>` for a refused file, `import.reason.<code>`
 * for a row's issue (a test checks all three catalogues).
 */

/** Why a whole file is refused before any row is looked at. */
export const FILE_REASONS = ['import_bad_type', 'import_too_large', 'import_empty', 'import_unreadable'] as const;
export type FileReason = (typeof FILE_REASONS)[number];

/** Why one value (or a whole row) cannot be imported. */
export const ROW_REASONS = [
  'name_required',
  'name_too_long',
  'bad_phone',
  /** Excel wrote the number in exponent form (9.96555E+11): digits are lost, nothing to recover. */
  'phone_truncated',
  'bad_email',
  'bad_date',
  'unknown_country',
  'unknown_region',
  'unknown_settlement',
  'unknown_language',
  'unknown_skill',
  'unknown_role',
  'label_too_long',
  'too_many_items',
  'text_too_long',
  'invalid_value',
] as const;
export type RowReason = (typeof ROW_REASONS)[number];

/** Files larger than this are refused (`import_too_large`): a roster of 200,000 people fits in far less. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Rows beyond this are refused (`import_too_large`), counting the header. */
export const MAX_ROWS = 200_000;

/** The i18n key of a file reason. */
export const fileReasonKey = (reason: FileReason) => `import.error.${reason.replace(/^import_/, '')}` as const;
/** The i18n key of a row reason. */
export const rowReasonKey = (reason: RowReason) => `import.reason.${reason}` as const;
