import type { SyncStatus } from '@mekendesh/sync';
import { useLocale, useT } from './locale.tsx';
import { errorKey } from './errors.ts';

/**
 * What the user sees of sync, always on screen: the state, how many changes wait to be sent,
 * and when the last sync succeeded. `offline` reads "saved on this device only": the change is
 * safe locally and goes out when the server can be reached.
 */
export function StatusBar({ status }: { status: SyncStatus | null }) {
  const tr = useT();
  const { locale } = useLocale();
  if (!status) {
    return (
      <section className="status" role="status" aria-label={tr('status.label')}>
        {tr('engine.opening')}
      </section>
    );
  }
  // A change waiting for its (debounced) push is not "all synced" yet.
  const state = status.state === 'idle' && status.pending > 0 ? 'syncing' : status.state;
  const last = status.lastSyncAt ? formatTime(locale, new Date(status.lastSyncAt)) : null;
  const rejected = status.rejected[0];
  return (
    <section className="status" role="status" aria-label={tr('status.label')} data-state={state}>
      <strong className="state">{tr(`sync.${state}`)}</strong>
      <span className="pending">{tr('sync.pending', { count: status.pending })}</span>
      <span className="last">{last ? tr('status.lastSync', { time: last }) : tr('status.never')}</span>
      {rejected ? <span className="error">{tr(errorKey({ code: rejected.error }))}</span> : null}
      {/* A whole round refused (e.g. storage_full while storing a pull): say why; it is retried. */}
      {!rejected && status.state === 'error' && status.lastError ? (
        <span className="error">{tr(errorKey({ code: status.lastError }))}</span>
      ) : null}
    </section>
  );
}

/**
 * Time only for today, date and time otherwise, in the UI language's conventions. Browsers
 * without Kyrgyz locale data (Chromium builds trimmed to fewer locales) get Russian
 * conventions, as used in Kyrgyzstan, instead of the default US ones.
 */
function formatTime(locale: string, date: Date): string {
  const today = new Date().toDateString() === date.toDateString();
  const locales = locale === 'ky' ? ['ky', 'ru'] : [locale];
  return new Intl.DateTimeFormat(locales, today ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
