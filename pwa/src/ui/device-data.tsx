import { useEffect, useId, useState } from 'react';
import type { Engine } from '../engine-client.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';

type State =
  | { kind: 'checking' }
  | { kind: 'stored'; unsent: number; confirming: boolean; error: string | null }
  | { kind: 'removed' }
  | { kind: 'none' };

/**
 * Shown after sign-out: the account's data stays on the device so the app works offline, and
 * on a shared or borrowed phone the user can remove it. Unsent changes are named before they
 * are lost, and removing them needs a second, explicit confirmation.
 */
export function DeviceData({ engine, account }: { engine: Engine; account: { id: string; displayName: string } }) {
  const tr = useT();
  const titleId = useId();
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    let cancelled = false;
    engine.engine.localData({ accountId: account.id }).then(
      ({ stored, unsent }) => !cancelled && setState(stored ? { kind: 'stored', unsent, confirming: false, error: null } : { kind: 'none' }),
      () => !cancelled && setState({ kind: 'none' }),
    );
    return () => {
      cancelled = true;
    };
  }, [engine, account.id]);

  if (state.kind === 'checking' || state.kind === 'none') return null;
  if (state.kind === 'removed') {
    return (
      <p className="card notice" role="status">
        {tr('device.removed')}
      </p>
    );
  }
  const remove = async () => {
    if (state.unsent > 0 && !state.confirming) {
      setState({ ...state, confirming: true });
      return;
    }
    try {
      await engine.engine.forget({ accountId: account.id });
      setState({ kind: 'removed' });
    } catch (err) {
      setState({ ...state, error: tr(errorKey(err)) });
    }
  };
  return (
    <section className="card device" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('device.title')}</h2>
      <p>{tr('device.explain', { name: account.displayName })}</p>
      {state.unsent > 0 ? (
        <p className="error">
          {tr('device.unsent')} {tr('sync.pending', { count: state.unsent })}
        </p>
      ) : null}
      {state.error ? (
        <p className="error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button type="button" onClick={() => void remove()}>
        {state.confirming ? tr('device.removeAnyway') : tr('device.remove')}
      </button>{' '}
      {state.confirming ? (
        <button type="button" onClick={() => setState({ ...state, confirming: false })}>
          {tr('device.keep')}
        </button>
      ) : null}
    </section>
  );
}
