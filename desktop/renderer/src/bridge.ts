/**
 * The renderer's only way out: `window.mekendesh` (the preload's bridge in the app, a test
 * transport to the real backend in browser tests). Helpers for its typed calls and errors.
 */
import { CATALOGUES, type MessageKey } from '@mekendesh/i18n';
import type { BridgeError, MekendeshBridge } from '../../src/shared/bridge.ts';

export const bridge = (): MekendeshBridge => window.mekendesh;
type Call = MekendeshBridge['backend']['call'];
/** `window.mekendesh.backend.call`, looked up at each call (the bridge may be replaced in tests). */
export const call = ((...args: unknown[]) => (window.mekendesh.backend.call as (...a: unknown[]) => Promise<unknown>)(...args)) as Call;

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/** The message key for a refused call: `errors.<code>` when the catalogue explains it, else `errors.internal`. */
export function errorKey(err: unknown): MessageKey {
  const code = codeOf(err);
  if (code === 'backend_unavailable') return 'desktop.backend.unavailable';
  return typeof code === 'string' && Object.hasOwn(CATALOGUES.ky, `errors.${code}`) ? (`errors.${code}` as MessageKey) : 'errors.internal';
}

/**
 * Field errors of an `invalid_args` refusal, by field name: the schema's issues
 * (`[{ path: 'patch.email', message }]`) or a mutator's `{ field, reason }`.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (codeOf(err) !== 'invalid_args') return {};
  const detail = (err as BridgeError).detail;
  const out: Record<string, string> = {};
  const list = Array.isArray(detail) ? detail : detail && typeof detail === 'object' ? [detail] : [];
  for (const item of list as { path?: string; field?: string; message?: string; reason?: string }[]) {
    const field = (item.field ?? item.path ?? '').split('.').filter((p) => !/^\d+$/.test(p)).at(-1);
    if (field) out[field] = item.reason ?? item.message ?? 'invalid';
  }
  return out;
}
