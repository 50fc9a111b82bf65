import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, api, normaliseInvitationCode } from '../api.ts';
import type { Engine, MyMembership } from '../engine-client.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';

/**
 * "My associations": the memberships that synced to this device, and joining another
 * association with an invitation code. Joining needs the server (the code is checked and
 * counted there); the new membership then arrives with the next pull, so the engine is poked.
 */
export function Associations({ engine }: { engine: Engine }) {
  const tr = useT();
  const ids = { title: useId(), code: useId(), hint: useId(), message: useId(), list: useId() };
  const [memberships, setMemberships] = useState<MyMembership[] | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const load = useCallback(() => {
    void engine.engine.memberships().then(setMemberships, () => setMemberships([]));
  }, [engine]);
  useEffect(() => {
    load();
    return engine.onEvent((e) => {
      if (e.type === 'changes' && (e.tables.includes('memberships') || e.tables.includes('associations'))) load();
    });
  }, [engine, load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const canonical = normaliseInvitationCode(code);
    if (!canonical) {
      setMessage({ text: tr('join.badCode'), error: true });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const { membership } = await api.redeemInvitation(canonical);
      setMessage({ text: tr(membership.status === 'active' ? 'join.active' : 'join.pending'), error: false });
      setCode('');
      void engine.engine.poke().catch(() => {});
    } catch (err) {
      setMessage({ text: err instanceof ApiError && err.code === 'network' ? tr('join.network') : tr(errorKey(err)), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card associations" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{tr('memberships.title')}</h2>
      {memberships && memberships.length === 0 ? <p>{tr('memberships.none')}</p> : null}
      {memberships && memberships.length > 0 ? (
        <ul id={ids.list} aria-labelledby={ids.title} className="memberships">
          {memberships.map((m) => (
            <li key={m.id}>
              <strong>{m.associationName ?? tr('memberships.unknown')}</strong>
              {m.city ? <span>{` · ${m.city}`}</span> : null}
              <span className="tag">{tr(`membership.status.${m.status}`)}</span>
              {m.status === 'active' && m.role !== 'member' ? <span className="tag">{tr(`membership.role.${m.role}`)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} aria-label={tr('join.title')} aria-describedby={message ? ids.message : undefined}>
        <h3>{tr('join.title')}</h3>
        <div className="field">
          <label htmlFor={ids.code}>{tr('join.code')}</label>
          <input
            id={ids.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={14}
            aria-describedby={ids.hint}
            aria-invalid={message?.error ? true : undefined}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <small id={ids.hint} className="hint">
            {tr('auth.invitationHint')}
          </small>
        </div>
        {message ? (
          <p id={ids.message} className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
        <button type="submit" disabled={busy || code.trim() === ''}>
          {tr('join.submit')}
        </button>
      </form>
    </section>
  );
}
