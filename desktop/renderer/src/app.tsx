/**
 * The desktop renderer: sign-in (or the stored session, which opens offline too), then the
 * leader's workspace — always-visible sync status, the association picker and its screens.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '@mekendesh/sync';
import type { ManagedAssociation } from '../../src/backend/leader.ts';
import { bridge, call, errorKey } from './bridge.ts';
import { Associations } from './ui/associations.tsx';
import { Approvals } from './ui/approvals.tsx';
import { Backup } from './ui/backup.tsx';
import { Conflicts } from './ui/conflicts.tsx';
import { Invitations } from './ui/invitations.tsx';
import { LanguageSwitcher } from './ui/language-switcher.tsx';
import { useT } from './ui/locale.tsx';
import { Roles } from './ui/roles.tsx';
import { Roster } from './ui/roster.tsx';
import { SharedArea } from './ui/shared-area.tsx';
import { SignIn } from './ui/sign-in.tsx';
import { StatusBar } from './ui/status-bar.tsx';
import { Transfer } from './ui/transfer.tsx';

/** What the credential store keeps: the account to open and its session token. */
export interface StoredSession {
  accountId: string;
  token: string;
}

const parseStored = (raw: string | null): StoredSession | null => {
  try {
    const v = raw ? (JSON.parse(raw) as Partial<StoredSession>) : null;
    return v && typeof v.accountId === 'string' && typeof v.token === 'string' ? { accountId: v.accountId, token: v.token } : null;
  } catch {
    return null;
  }
};

type Page = 'roster' | 'approvals' | 'roles' | 'invitations' | 'conflicts' | 'backup' | 'transfer';
const PAGES: Page[] = ['roster', 'approvals', 'roles', 'invitations', 'conflicts', 'backup', 'transfer'];

export function App() {
  const tr = useT();
  const [booting, setBooting] = useState(true);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [unprotected, setUnprotected] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(
    () =>
      bridge().backend.onEvent((event) => {
        if (event.type === 'status') setStatus(event.status);
        else setVersion((v) => v + 1);
      }),
    [],
  );

  const open = useCallback(async (session: StoredSession) => {
    setStatus(await call('open', session));
    setAccountId(session.accountId);
  }, []);

  // At start: a stored session opens its account's database directly (no network needed).
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const info = await bridge().appInfo();
        if (live) setUnprotected(!info.credentialsProtected);
        const stored = parseStored(await bridge().credentials.get());
        if (stored && live) await open(stored);
      } catch (err) {
        if (live) setFatal(tr(errorKey(err)));
      } finally {
        if (live) setBooting(false);
      }
    })();
    return () => {
      live = false;
    };
    // Runs once: `tr` only words a startup error, a language switch must not reopen the account.
  }, [open]);

  const signedIn = async (session: StoredSession) => {
    const { persisted } = await bridge().credentials.set(JSON.stringify(session));
    setUnprotected(!persisted);
    await open(session);
  };

  const signOut = async () => {
    await call('close');
    await bridge().credentials.clear();
    setAccountId(null);
    setStatus(null);
  };

  return (
    <>
      <header className="top">
        <h1>{tr('app.name')}</h1>
        <LanguageSwitcher />
        {accountId ? (
          <button type="button" onClick={() => void signOut()}>
            {tr('auth.signOut')}
          </button>
        ) : null}
      </header>
      {unprotected ? (
        <p className="warning" role="note">
          {tr('desktop.credentials.unprotected')}
        </p>
      ) : null}
      {fatal ? (
        <p className="error" role="alert">
          {fatal}
        </p>
      ) : null}
      {booting ? (
        <main>
          <p>{tr('shell.loading')}</p>
        </main>
      ) : accountId ? (
        <Workspace key={accountId} status={status} version={version} />
      ) : (
        <main>
          <SignIn onSignedIn={signedIn} />
        </main>
      )}
    </>
  );
}

/**
 * The two areas of the app: the associations the leader runs (roster and the desktop screens),
 * and what every member has, shared with the PWA (profile, skills bank, offers, needs…).
 */
type Area = 'associations' | 'app';

function Workspace({ status, version }: { status: SyncStatus | null; version: number }) {
  const tr = useT();
  const [area, setArea] = useState<Area>('associations');
  const [association, setAssociation] = useState<ManagedAssociation | null>(null);
  const [page, setPage] = useState<Page>('roster');
  const refused = status?.rejected.length ?? 0;
  return (
    <>
      <StatusBar status={status} onSyncNow={() => void call('syncNow').catch(() => {})} />
      <nav className="areas" aria-label={tr('area.label')}>
        <ul>
          {(['associations', 'app'] as const).map((a) => (
            <li key={a}>
              <button type="button" aria-current={area === a ? 'page' : undefined} onClick={() => setArea(a)}>
                {tr(`area.${a}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {area === 'app' ? (
        <SharedArea status={status} />
      ) : association ? (
        <div className="leader-workspace">
          <nav className="sections" aria-label={tr('nav.label')}>
            <p className="assoc-name">
              <strong>{association.name}</strong>
              <button type="button" className="link" onClick={() => setAssociation(null)}>
                {tr('nav.switchAssociation')}
              </button>
            </p>
            <ul>
              {PAGES.map((p) => (
                <li key={p}>
                  <button type="button" aria-current={page === p ? 'page' : undefined} onClick={() => setPage(p)}>
                    {tr(`nav.${p}`)}
                    {p === 'conflicts' && refused > 0 ? <span className="badge"> {refused}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main>
            {page === 'roster' ? <Roster association={association} version={version} /> : null}
            {page === 'approvals' ? <Approvals association={association} version={version} /> : null}
            {page === 'roles' ? <Roles association={association} version={version} /> : null}
            {page === 'invitations' ? <Invitations association={association} version={version} /> : null}
            {page === 'conflicts' ? <Conflicts status={status} /> : null}
            {page === 'backup' ? <Backup /> : null}
            {page === 'transfer' ? <Transfer association={association} version={version} /> : null}
          </main>
        </div>
      ) : (
        <main>
          <Associations version={version} onOpen={setAssociation} />
        </main>
      )}
    </>
  );
}
