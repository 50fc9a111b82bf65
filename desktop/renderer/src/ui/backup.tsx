import { useId, useState } from 'react';
import { bridge, call, errorKey } from '../bridge.ts';
import { useFormat, useT } from './locale.tsx';

/**
 * A copy of this account's database where the leader chooses (SQLite's online backup, while
 * the app keeps working), and restoring one: checked first, then sync catches up.
 */
export function Backup() {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (fn: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const text = await fn();
      if (text) setMessage({ ok: true, text });
    } catch (err) {
      const reason = (err as { detail?: { reason?: string } }).detail?.reason;
      setMessage({ ok: false, text: reason === 'other_account' ? tr('backup.otherAccount') : reason === 'not_a_backup' ? tr('backup.notABackup') : tr(errorKey(err)) });
    } finally {
      setBusy(false);
    }
  };

  const backup = () =>
    run(async () => {
      const file = await bridge().dialogs.saveBackup();
      if (!file) return null;
      const { bytes } = await call('backup', { file });
      return tr('backup.done', { file, size: fmt.num(Math.ceil(bytes / 1024)) });
    });
  const pick = () =>
    run(async () => {
      const file = await bridge().dialogs.openBackup();
      if (file) setConfirm(file);
      return null;
    });
  const restore = (file: string) =>
    run(async () => {
      setConfirm(null);
      await call('restore', { file });
      return tr('backup.restored');
    });

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{tr('backup.title')}</h2>
      <p className="hint">{tr('backup.explain')}</p>
      <p className="actions">
        <button type="button" disabled={busy} onClick={() => void backup()}>
          {tr('backup.backup')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void pick()}>
          {tr('backup.restore')}
        </button>
      </p>
      {confirm ? (
        <div role="alert" className="confirm">
          <p>{tr('backup.confirm', { file: confirm })}</p>
          <button type="button" onClick={() => void restore(confirm)}>
            {tr('backup.restoreYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            {tr('common.cancel')}
          </button>
        </div>
      ) : null}
      {message ? (
        <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
