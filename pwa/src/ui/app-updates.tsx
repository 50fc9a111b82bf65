import { useSyncExternalStore } from 'react';
import { appInstall } from '../install.ts';
import { useT } from './locale.tsx';

/**
 * "Install the app" while the browser offers it, and "a new version is ready" with a reload
 * button once the service worker has updated (the open page keeps its loaded code until then).
 */
export function AppUpdates() {
  const tr = useT();
  const canInstall = useSyncExternalStore(appInstall.subscribe, appInstall.canInstall);
  const updateReady = useSyncExternalStore(appInstall.subscribe, appInstall.updateReady);
  return (
    <>
      {canInstall ? (
        <button type="button" className="install" onClick={() => void appInstall.install()}>
          {tr('app.install')}
        </button>
      ) : null}
      {updateReady ? (
        <p className="update" role="status">
          {tr('app.updateReady')}{' '}
          <button type="button" onClick={() => window.location.reload()}>
            {tr('app.reload')}
          </button>
        </p>
      ) : null}
    </>
  );
}
