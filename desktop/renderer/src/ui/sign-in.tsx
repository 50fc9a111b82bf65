import { useId, useState, type FormEvent } from 'react';
import { call, errorKey } from '../bridge.ts';
import type { StoredSession } from '../app.tsx';
import { useT } from './locale.tsx';

/** Email and password → the server's token; the account's database then opens (and works offline from then on). */
export function SignIn({ onSignedIn }: { onSignedIn(session: StoredSession): Promise<void> }) {
  const tr = useT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { account, token } = await call('signIn', { email: String(form.get('email')).trim(), password: String(form.get('password')) });
      await onSignedIn({ accountId: account.id, token });
    } catch (err) {
      const detail = (err as { detail?: { network?: boolean } }).detail;
      setError(detail?.network ? tr('signIn.network') : tr(errorKey(err)));
      setBusy(false);
    }
  };
  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{tr('signIn.title')}</h2>
      <p className="hint">{tr('signIn.explain')}</p>
      <div className="field">
        <label htmlFor={`${id}-email`}>{tr('signIn.email')}</label>
        <input id={`${id}-email`} name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{tr('signIn.password')}</label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {tr('signIn.submit')}
      </button>
    </form>
  );
}
