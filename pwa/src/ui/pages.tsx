import { Suspense, lazy, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SyncStatus } from '@mekendesh/sync';
import type { Engine, ProfileReference, TransferContext as Who } from '../engine-client.ts';
import { EngagementsScreen, NotificationsScreen } from './engagements.tsx';
import { ForMeScreen, NeedScreen, NeedsScreen } from './needs.tsx';
import { useT } from './locale.tsx';
import { OffersScreen, OthersOffers } from './offers.tsx';
import { ProfileForm, type Fixing } from './profile-form.tsx';
import { ProjectsScreen } from './projects.tsx';
import { RejectedList } from './rejected-list.tsx';
import { SearchPanel } from './search-panel.tsx';
import { ScreenContext } from './transfer-kit.tsx';
import { WorkspaceNav, goTo, useRoute } from './workspace-nav.tsx';

/** A project's workspace brings the editor, Yjs and the board: a chunk of its own, loaded when opened. */
const WorkspaceScreen = lazy(() => import('./workspace/workspace-screen.tsx'));
/** The award's screens, their strings and styles: a chunk of their own, loaded when the page opens. */
const AwardScreen = lazy(() => import('./award/award-screen.tsx'));

/**
 * The pages of the signed-in area behind one navigation: profile, skills bank, offers, needs,
 * needs for me, engagements, notifications (with the unread count), projects and their
 * workspaces (notes, task board, history), and the Mykty Mekendesh award. Every page reads and writes
 * the local store through the engine, so all of it works offline. Both apps show them: the PWA
 * over its worker, the desktop over its backend (`desktop/renderer/src/ui/shared-area.tsx`).
 */
export function SharedPages({
  engine,
  status,
  fixing,
  onFix,
  onFixDone,
  profileExtras,
}: {
  engine: Engine;
  status: SyncStatus;
  fixing: Fixing | null;
  onFix(f: Fixing): void;
  onFixDone(): void;
  /** More on the profile page (the PWA's "My associations"; the desktop has its own screens). */
  profileExtras?: ReactNode;
}) {
  const tr = useT();
  const route = useRoute();
  const [reference, setReference] = useState<ProfileReference | null>(null);
  const [who, setWho] = useState<Who | null>(null);

  useEffect(() => {
    let cancelled = false;
    void engine.engine.reference().then((r) => !cancelled && setReference(r));
    const load = () => void engine.engine.transferContext().then((w) => !cancelled && setWho(w), () => {});
    load();
    // Roles arrive with the account row; the unread count follows the notifications.
    const off = engine.onEvent((e) => {
      if (e.type === 'changes' && (e.tables.includes('accounts') || e.tables.includes('notifications'))) load();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [engine]);

  // Opening a page is the moment fresh data matters: sync now rather than at the next round.
  // Focus moves to the new page (not on the first render), so screen readers start reading it.
  const mainRef = useRef<HTMLElement | null>(null);
  const firstPage = useRef(true);
  useEffect(() => {
    void engine.engine.poke().catch(() => {});
    if (firstPage.current) firstPage.current = false;
    else mainRef.current?.focus({ preventScroll: false });
  }, [engine, route.page, route.needId, route.projectId, route.view, route.award]);

  const ctx = useMemo(() => (reference ? { engine, reference } : null), [engine, reference]);
  if (!ctx || !who) return null;
  const edit = (f: Fixing) => {
    onFix(f);
    goTo('profile');
  };
  return (
    <ScreenContext.Provider value={ctx}>
      <WorkspaceNav route={route} unread={who.unread} />
      <main className="workspace" ref={mainRef} tabIndex={-1}>
        <RejectedList engine={engine} rejected={status.rejected} onEdit={edit} />
        {route.page === 'profile' ? (
          <>
            <ProfileForm engine={engine} fixing={fixing} onFixDone={onFixDone} />
            {profileExtras}
          </>
        ) : null}
        {route.page === 'bank' ? <SearchPanel engine={engine} /> : null}
        {route.page === 'offers' ? (
          <>
            <OffersScreen />
            <OthersOffers />
          </>
        ) : null}
        {route.page === 'needs' ? route.needId ? <NeedScreen key={route.needId} id={route.needId} /> : <NeedsScreen who={who} /> : null}
        {route.page === 'forMe' ? <ForMeScreen /> : null}
        {route.page === 'engagements' ? <EngagementsScreen /> : null}
        {route.page === 'notifications' ? <NotificationsScreen /> : null}
        {route.page === 'projects' ? (
          route.projectId ? (
            <Suspense fallback={<p className="loading">{tr('projects.loading')}</p>}>
              <WorkspaceScreen key={route.projectId} projectId={route.projectId} view={route.view ?? 'overview'} accountId={who.accountId} />
            </Suspense>
          ) : (
            <ProjectsScreen />
          )
        ) : null}
        {route.page === 'award' ? (
          <Suspense fallback={<p className="loading">{tr('shell.loading')}</p>}>
            <AwardScreen engine={engine} path={route.award ?? ''} />
          </Suspense>
        ) : null}
      </main>
    </ScreenContext.Provider>
  );
}
