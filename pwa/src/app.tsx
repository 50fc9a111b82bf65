import { useCallback, useEffect, useState } from 'react';
import type { Account } from '@mekendesh/core';
import type { SyncStatus } from '@mekendesh/sync';
import { ApiError, api } from './api.ts';
import type { Engine } from './engine-client.ts';
import { AuthForm } from './ui/auth-form.tsx';
import { LanguageSwitcher } from './ui/language-switcher.tsx';
import { LocaleProvider, useT } from './ui/locale.tsx';
import { ProfileForm, type Fixing } from './ui/profile-form.tsx';
import { RejectedList } from './ui/rejected-list.tsx';
import { SearchPanel } from './ui/search-panel.tsx';
import { StatusBar } from './ui/status-bar.tsx';
import { StorageNote } from './ui/storage-note.tsx';

/** The account last signed in on this device, so the app opens its local data without a network. */
const LAST_ACCOUNT = 'mk.lastAccount';
type KnownAccount = Pick<Account, 'id' | 'displayName'>;

export const readLastAccount = (): KnownAccount | null => {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_ACCOUNT) ?? 'null') as KnownAccount | null;
    return v && typeof v.id === 'string' ? v : null;
  } catch {
    return null;
  }
};
const writeLastAccount = (a: KnownAccount | null) => {
  try {
    if (a) localStorage.setItem(LAST_ACCOUNT, JSON.stringify({ id: a.id, displayName: a.displayName }));
    else localStorage.removeItem(LAST_ACCOUNT);
  } catch {
    // private mode: the app still works, only not offline at start-up
  }
};

type Screen =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice: 'auth.network' | null }
  | { kind: 'signed-in'; account: KnownAccount };

export function App({ engine }: { engine: Engine }) {
  return (
    <LocaleProvider>
      <Shell engine={engine} />
    </LocaleProvider>
  );
}

function Shell({ engine }: { engine: Engine }) {
  const tr = useT();
  const [screen, setScreen] = useState<Screen>({ kind: 'checking' });

  useEffect(() => {
    let cancelled = false;
    api.session().then(
      ({ account }) => !cancelled && setScreen({ kind: 'signed-in', account }),
      (err: unknown) => {
        if (cancelled) return;
        // Offline at start-up: local-first, so open the last account's data anyway.
        const last = readLastAccount();
        const network = err instanceof ApiError && err.code === 'network';
        if (network && last) setScreen({ kind: 'signed-in', account: last });
        else {
          // main.tsx may have opened the last account's data early: signed out, close it.
          if (!network) void engine.engine.close().catch(() => {});
          setScreen({ kind: 'signed-out', notice: network ? 'auth.network' : null });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [engine]);

  const signedIn = useCallback((account: Account) => {
    writeLastAccount(account);
    setScreen({ kind: 'signed-in', account });
  }, []);

  const signOut = useCallback(async () => {
    await engine.engine.close().catch(() => {});
    await api.signOut().catch(() => {});
    writeLastAccount(null);
    setScreen({ kind: 'signed-out', notice: null });
  }, [engine]);

  return (
    <>
      <header className="top">
        <h1>{tr('app.name')}</h1>
        <LanguageSwitcher />
        {screen.kind === 'signed-in' ? (
          <button type="button" onClick={() => void signOut()}>
            {tr('auth.signOut')}
          </button>
        ) : null}
      </header>
      {screen.kind === 'checking' ? <p className="loading">{tr('shell.loading')}</p> : null}
      {screen.kind === 'signed-out' ? (
        <main>
          <AuthForm onSignedIn={signedIn} notice={screen.notice ? tr(screen.notice) : null} />
        </main>
      ) : null}
      {screen.kind === 'signed-in' ? <Workspace engine={engine} account={screen.account} /> : null}
    </>
  );
}

/** Everything after sign-in: the sync status, the profile and the skills bank, over the local engine. */
function Workspace({ engine, account }: { engine: Engine; account: KnownAccount }) {
  const tr = useT();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [fixing, setFixing] = useState<Fixing | null>(null);
  const stopFixing = useCallback(() => setFixing(null), []);

  useEffect(() => {
    let cancelled = false;
    const off = engine.onEvent((e) => {
      if (e.type === 'status' && !cancelled) setStatus(e.status);
    });
    engine.engine.open({ accountId: account.id }).then(
      (s) => !cancelled && setStatus((prev) => prev ?? s),
      () => !cancelled && setFailed(true),
    );
    const online = () => void engine.engine.poke().catch(() => {});
    const hidden = () => {
      if (document.visibilityState === 'hidden') void engine.engine.flush().catch(() => {});
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      cancelled = true;
      off();
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [engine, account.id]);

  if (failed) {
    return (
      <main>
        <p className="error" role="alert">
          {tr('engine.failed')}
        </p>
      </main>
    );
  }
  return (
    <>
      <StatusBar status={status} />
      <StorageNote />
      {status ? (
        <main className="workspace">
          <RejectedList engine={engine} rejected={status.rejected} onEdit={setFixing} />
          <ProfileForm engine={engine} fixing={fixing} onFixDone={stopFixing} />
          <SearchPanel engine={engine} />
        </main>
      ) : null}
    </>
  );
}
