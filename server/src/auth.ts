import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_VISIBILITY, EMPTY_PROFILE_FIELDS, fail, type Account, type AccountRole, type Locale } from '@mekendesh/core';
import { redeemInvitation } from '@mekendesh/store';
import type { ServerStore } from './storage/server-store.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export type SessionKind = 'cookie' | 'token';

export interface Session {
  accountId: string;
  kind: SessionKind;
  expiresAt: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Accounts and sessions. Session tokens are 256 random bits; only their SHA-256 is stored,
 * so a leaked database does not leak live sessions.
 */
export class AuthService {
  /** A real hash of a random password: verifying against it costs as much as a real check. */
  private dummyHash: Promise<string>;

  constructor(
    private readonly store: ServerStore,
    private readonly opts: { sessionTtlMs: number; scryptLogN: number },
  ) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'), opts.scryptLogN);
  }

  /** Creates an account with its profile; redeems an invitation code when one is given. */
  async signUp(input: {
    email: string;
    password: string;
    displayName: string;
    locale: Locale;
    invitationCode?: string | undefined;
    roles?: AccountRole[];
  }): Promise<Account> {
    const hash = await hashPassword(input.password, this.opts.scryptLogN);
    const { db, records } = this.store;
    return db.transaction(() => {
      if (db.get('SELECT 1 FROM credentials WHERE email = ?', [input.email])) fail('email_taken');
      const now = this.store.now();
      const id = globalThis.crypto.randomUUID();
      const account: Account = {
        id,
        email: input.email,
        displayName: input.displayName,
        roles: [...new Set<AccountRole>(['member', ...(input.roles ?? [])])],
        locale: input.locale,
        createdAt: now,
        updatedAt: now,
      };
      db.run('INSERT INTO credentials (account_id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, input.email, hash, now]);
      records.put('accounts', account);
      records.put('profiles', { id, ...EMPTY_PROFILE_FIELDS, visibility: DEFAULT_VISIBILITY, createdAt: now, updatedAt: now });
      if (input.invitationCode) {
        redeemInvitation(records, input.invitationCode, records.viewer(id), now, globalThis.crypto.randomUUID());
      }
      return account;
    });
  }

  /** Checks credentials. Takes the same time whether or not the email exists. */
  async signIn(email: string, password: string): Promise<Account> {
    const row = this.store.db.get<{ account_id: string; password_hash: string | null; status: string }>(
      'SELECT account_id, password_hash, status FROM credentials WHERE email = ?',
      [email],
    );
    const ok = await verifyPassword(password, row?.password_hash ?? (await this.dummyHash));
    if (!row || !row.password_hash || !ok) fail('invalid_credentials');
    if (row.status !== 'active') fail('account_disabled');
    const account = this.store.records.get('accounts', row.account_id);
    if (!account) fail('invalid_credentials');
    return account;
  }

  /** Starts a session; returns the secret token (cookie value or bearer token). */
  createSession(accountId: string, kind: SessionKind, userAgent: string | null): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const now = this.store.clockNow();
    const expiresAt = new Date(now.getTime() + this.opts.sessionTtlMs).toISOString();
    this.store.db.run(
      'INSERT INTO sessions (token_hash, account_id, kind, created_at, expires_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [sha256(token), accountId, kind, now.toISOString(), expiresAt, now.toISOString(), userAgent?.slice(0, 200) ?? null],
    );
    return { token, expiresAt };
  }

  /** Resolves a token to its session: `unauthenticated` when unknown, `session_expired` when past its time. */
  resolveSession(token: string): Session {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) fail('unauthenticated');
    const hash = sha256(token);
    const row = this.store.db.get<{ account_id: string; kind: SessionKind; expires_at: string; status: string | null }>(
      `SELECT s.account_id, s.kind, s.expires_at, c.status FROM sessions s
         LEFT JOIN credentials c ON c.account_id = s.account_id WHERE s.token_hash = ?`,
      [hash],
    );
    if (!row) fail('unauthenticated');
    if (row.expires_at <= this.store.now()) {
      this.store.db.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
      fail('session_expired');
    }
    if (row.status !== 'active') fail('account_disabled');
    return { accountId: row.account_id, kind: row.kind, expiresAt: row.expires_at };
  }

  signOut(token: string): void {
    this.store.db.run('DELETE FROM sessions WHERE token_hash = ?', [sha256(token)]);
  }

  /** Ends every session of the account, on every device. */
  signOutEverywhere(accountId: string): number {
    return this.store.db.run('DELETE FROM sessions WHERE account_id = ?', [accountId]).changes;
  }

  /** Creates the first (or another) coordinator; used by the CLI. */
  async createCoordinator(email: string, password: string, displayName: string): Promise<Account> {
    return this.signUp({ email, password, displayName, locale: 'ky', roles: ['coordinator'] });
  }
}
