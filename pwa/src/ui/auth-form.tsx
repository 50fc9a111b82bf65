import { useId, useState, type FormEvent } from 'react';
import type { Account } from '@mekendesh/core';
import { ApiError, api, normaliseInvitationCode } from '../api.ts';
import { errorKey } from './errors.ts';
import { useLocale, useT } from './locale.tsx';

/** An invitation link (`/?invite=CODE`) fills in the code. */
const linkedInvitation = (): string => {
  try {
    return new URLSearchParams(window.location.search).get('invite') ?? '';
  } catch {
    return '';
  }
};

/**
 * Sign-up and sign-in in one form; sign-up asks for a name too, and takes an invitation code
 * (optional) to join an association at once. The server does both in one transaction: a
 * refused code refuses the sign-up with its reason, and nothing is created.
 */
export function AuthForm({
  onSignedIn,
  notice,
  initialMode,
}: {
  onSignedIn(account: Account): void;
  notice?: string | null;
  initialMode?: 'sign-up' | 'sign-in';
}) {
  const tr = useT();
  const { locale } = useLocale();
  const [invitation, setInvitation] = useState(linkedInvitation);
  const [mode, setMode] = useState<'sign-up' | 'sign-in'>(initialMode ?? 'sign-up');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), email: useId(), password: useId(), hint: useId(), name: useId(), error: useId(), code: useId(), codeHint: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const code = mode === 'sign-up' && invitation.trim() !== '' ? normaliseInvitationCode(invitation) : null;
    if (mode === 'sign-up' && invitation.trim() !== '' && !code) {
      setError(tr('join.badCode'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { account } =
        mode === 'sign-up'
          ? await api.signUp({ email, password, displayName, locale, ...(code ? { invitationCode: code } : {}) })
          : await api.signIn({ email, password });
      onSignedIn(account);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'network' ? tr('auth.network') : tr(errorKey(err)));
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'sign-up' ? tr('auth.signUp') : tr('auth.signIn');
  return (
    <form className="card auth" aria-labelledby={ids.title} onSubmit={submit} aria-describedby={error ? ids.error : undefined}>
      <h2 id={ids.title}>{title}</h2>
      {notice ? <p className="notice">{notice}</p> : null}
      {mode === 'sign-up' ? (
        <div className="field">
          <label htmlFor={ids.name}>{tr('auth.displayName')}</label>
          <input id={ids.name} autoComplete="name" required maxLength={120} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={ids.email}>{tr('auth.email')}</label>
        <input id={ids.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{tr('auth.password')}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'sign-up' ? 10 : 1}
          aria-describedby={mode === 'sign-up' ? ids.hint : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {mode === 'sign-up' ? (
          <small id={ids.hint} className="hint">
            {tr('auth.passwordHint')}
          </small>
        ) : null}
      </div>
      {mode === 'sign-up' ? (
        <div className="field">
          <label htmlFor={ids.code}>{tr('auth.invitationCode')}</label>
          <input
            id={ids.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={14}
            aria-describedby={ids.codeHint}
            value={invitation}
            onChange={(e) => setInvitation(e.target.value)}
          />
          <small id={ids.codeHint} className="hint">
            {tr('auth.invitationHint')}
          </small>
        </div>
      ) : null}
      {error ? (
        <p id={ids.error} className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {title}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setMode(mode === 'sign-up' ? 'sign-in' : 'sign-up');
          setError(null);
        }}
      >
        {mode === 'sign-up' ? tr('auth.haveAccount') : tr('auth.noAccount')}
      </button>
    </form>
  );
}
