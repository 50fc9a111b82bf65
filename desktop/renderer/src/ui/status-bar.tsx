import type { SyncStatus } from '@mekendesh/sync';
import { errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';

/** Sync, always on screen: the state, how many changes wait to be sent, when the last sync succeeded. */
export function StatusBar({ status, onSyncNow }: { status: SyncStatus | null; onSyncNow?: () => void }) {
  const tr = useT();
  const fmt = useFormat();
  if (!status) {
    return (
      <section className="status" role="status" aria-label={tr('status.label')}>
        {tr('shell.loading')}
      </section>
    );
  }
  // A change waiting for its (debounced) push is not "all synced" yet.
  const state = status.state === 'idle' && status.pending > 0 ? 'syncing' : status.state;
  return (
    <section className="status" role="status" aria-label={tr('status.label')} data-state={state}>
      <strong className="state">{tr(`sync.${state}`)}</strong>
      <span className="pending">{tr('sync.pending', { count: status.pending })}</span>
      <span className="last">{status.lastSyncAt ? tr('status.lastSync', { time: fmt.when(status.lastSyncAt) }) : tr('status.never')}</span>
      {status.rejected.length > 0 ? <span className="error">{tr('status.refused', { count: status.rejected.length })}</span> : null}
      {status.rejected.length === 0 && status.state === 'error' && status.lastError ? <span className="error">{tr(errorKey({ code: status.lastError }))}</span> : null}
      {onSyncNow ? (
        <button type="button" className="link" onClick={onSyncNow}>
          {tr('status.syncNow')}
        </button>
      ) : null}
    </section>
  );
}
