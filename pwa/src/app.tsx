import { useCallback, useEffect, useRef, useState } from 'react';
import type { Account } from '@mekendesh/core';
import type { SyncStatus } from '@mekendesh/sync';
import { ApiError, api } from './api.ts';
import type { Engine } from './engine-client.ts';
import { AppUpdates } from './ui/app-updates.tsx';
import { Associations } from './ui/associations.tsx';
import { DeviceData } from './ui/device-data.tsx';
import { AuthForm } from './ui/auth-form.tsx';
import { LanguageSwitcher } from './ui/language-switcher.tsx';
import { LocaleProvider, useT } from './ui/locale.tsx';
import { SharedPages } from './ui/pages.tsx';
import type { Fixing } from './ui/profile-form.tsx';
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

/**
 * Set when sign-out could not reach the server (offline): the session cookie is HttpOnly, so
 * only the server can end it. Until it has, the app does not resume that session by itself
 * and tries the sign-out again at every start.
 */
const PENDING_SIGN_OUT = 'mk.pendingSignOut';
const flag = {
  get: () => {
    try {
      return localStorage.getItem(PENDING_SIGN_OUT) === '1';
    } catch {
      return false;
    }
  },
  set: (on: boolean) => {
    try {
      if (on) localStorage.setItem(PENDING_SIGN_OUT, '1');
      else localStorage.removeItem(PENDING_SIGN_OUT);
    } catch {
      // private mode: nothing to remember
    }
  },
};

type Screen =
  | { kind: 'checking' }
  /** `left`: the account just signed out here, whose data the user may remove from the device. */
  | { kind: 'signed-out'; notice: 'auth.network' | null; left?: KnownAccount }
  /** `session` counts sign-ins, so signing in again as the same account reopens (and resumes) it. */
  | { kind: 'signed-in'; account: KnownAccount; session: number };

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
  const [check, setCheck] = useState(0);
  const sessions = useRef(0);
  const signingOut = useRef(false);

  // Who is signed in: asked at start-up, and again when another tab signs in or out.
  useEffect(() => {
    let cancelled = false;
    if (flag.get()) {
      // A sign-out made offline: finish it first, and never resume that session.
      void api.signOut().then(
        () => flag.set(false),
        (err: unknown) => {
          // No session any more (401) also means done; only a network failure keeps the flag.
          if (!(err instanceof ApiError && err.code === 'network')) flag.set(false);
        },
      );
      setScreen({ kind: 'signed-out', notice: null });
      return;
    }
    api.session().then(
      ({ account }) => !cancelled && setScreen({ kind: 'signed-in', account, session: sessions.current }),
      (err: unknown) => {
        if (cancelled) return;
        // Offline at start-up: local-first, so open the last account's data anyway.
        const last = readLastAccount();
        const network = err instanceof ApiError && err.code === 'network';
        if (network && last) setScreen({ kind: 'signed-in', account: last, session: sessions.current });
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
  }, [check, engine]);

  const signedIn = useCallback((account: Account) => {
    flag.set(false);
    writeLastAccount(account);
    sessions.current++;
    setScreen({ kind: 'signed-in', account, session: sessions.current });
  }, []);

  /** Another tab opened another account, or signed out: find out who is signed in now. */
  const recheck = useCallback(() => {
    if (!signingOut.current) setCheck((n) => n + 1);
  }, []);

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      // The server first, so other tabs that hear the engine close find the session gone.
      await api.signOut().then(
        () => flag.set(false),
        (err: unknown) => flag.set(err instanceof ApiError && err.code === 'network'),
      );
      writeLastAccount(null);
      await engine.engine.close().catch(() => {});
      setScreen((prev) => ({ kind: 'signed-out', notice: null, ...(prev.kind === 'signed-in' ? { left: prev.account } : {}) }));
    } finally {
      signingOut.current = false;
    }
  }, [engine]);

  return (
    <>
      <header className="top">
        <h1>{tr('app.name')}</h1>
        <AppUpdates />
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
          {screen.left ? <DeviceData engine={engine} account={screen.left} /> : null}
        </main>
      ) : null}
      {screen.kind === 'signed-in' ? (
        <Workspace
          key={screen.account.id}
          engine={engine}
          account={screen.account}
          session={screen.session}
          onSignedIn={signedIn}
          onAccountChanged={recheck}
        />
      ) : null}
    </>
  );
}

/** Everything after sign-in: the sync status and the pages, over the local engine. */
function Workspace({
  engine,
  account,
  session,
  onSignedIn,
  onAccountChanged,
}: {
  engine: Engine;
  account: KnownAccount;
  session: number;
  onSignedIn(account: Account): void;
  onAccountChanged(): void;
}) {
  const tr = useT();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [fixing, setFixing] = useState<Fixing | null>(null);
  const stopFixing = useCallback(() => setFixing(null), []);

  useEffect(() => {
    let cancelled = false;
    const off = engine.onEvent((e) => {
      if (cancelled) return;
      if (e.type === 'status') setStatus(e.status);
      // The tabs share one engine: another tab switched it to another account, or signed out.
      if (e.type === 'account' && e.accountId !== account.id) onAccountChanged();
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
  }, [engine, account.id, session, onAccountChanged]);

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
      {status?.state === 'signed_out' ? (
        <section className="reauth" aria-label={tr('auth.signIn')}>
          <AuthForm initialMode="sign-in" onSignedIn={onSignedIn} notice={tr('auth.sessionEnded')} />
        </section>
      ) : null}
      {status ? (
        <SharedPages engine={engine} status={status} fixing={fixing} onFix={setFixing} onFixDone={stopFixing} profileExtras={<Associations engine={engine} />} />
      ) : null}
    </>
  );
}
