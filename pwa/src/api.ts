/**
 * The account calls the UI makes itself (the worker only syncs). Same origin, so the session
 * cookie (HttpOnly, set by the server) is all the authentication there is.
 */
import type { Account, Membership, ReasonCode } from '@mekendesh/core';
import type { Locale } from './i18n/index.ts';
import { isErrorCode } from './ui/errors.ts';

/** A refused call (`code` from the server), or `network` when the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly code: ReasonCode | 'network') {
    super(code);
    this.name = 'ApiError';
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('network');
  }
  const json = (await res.json().catch(() => null)) as ({ ok?: boolean; error?: unknown } & T) | null;
  if (res.ok && json?.ok) return json;
  throw new ApiError(isErrorCode(json?.error) ? json.error : res.status >= 500 ? 'internal' : 'bad_request');
}

export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  locale: Locale;
  /** Joins the association that issued it, in the same transaction as the sign-up. */
  invitationCode?: string;
}

export const api = {
  signUp: (input: SignUpInput) => call<{ account: Account }>('POST', '/api/auth/sign-up', input),
  signIn: (input: { email: string; password: string }) => call<{ account: Account }>('POST', '/api/auth/sign-in', input),
  session: () => call<{ account: Account }>('GET', '/api/auth/session'),
  signOut: () => call<unknown>('POST', '/api/auth/sign-out', {}),
  /** Joins the association that issued `code` (active at once, or pending its leader's approval). */
  redeemInvitation: (code: string) => call<{ membership: Membership }>('POST', '/api/invitations/redeem', { code }),
};

/** Invitation codes as the server draws them: 10 of A–Z and 2–9 without look-alikes (I, O, 0, 1). */
const INVITATION_CODE = /^[A-HJ-NP-Z2-9]{10}$/;

/** A code as typed (lower case, spaces, dashes) in its canonical form, or null when it cannot be one. */
export function normaliseInvitationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return INVITATION_CODE.test(code) ? code : null;
};
