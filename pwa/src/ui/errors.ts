import { CATALOGUES, type MessageKey } from '@mekendesh/i18n/base';
import type { ReasonCode } from '@mekendesh/core';

/**
 * True for a reason code the catalogue can explain. Checked against the catalogue rather than
 * `isReasonCode` from core: the UI bundle imports no value from core (zod and the reference
 * data stay in the worker), and every reason code has an `errors.<code>` message (tested in i18n).
 */
export const isErrorCode = (code: unknown): code is ReasonCode =>
  typeof code === 'string' && Object.hasOwn(CATALOGUES.ky, `errors.${code}`);

/** The message key for anything thrown by the API or the engine: `errors.<code>`, else `errors.internal`. */
export function errorKey(err: unknown): MessageKey {
  const code = (err as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? `errors.${code}` : 'errors.internal';
}
