/**
 * The screens the desktop shares with the PWA (profile, skills bank, offers, needs, engagements,
 * notifications): the PWA's own components, over the backend's `app.*` handlers (the same
 * engine, on the same open account as the roster). The PWA's styles apply inside this area only
 * (scoped at build time, `vite.config.ts`), and the language is the desktop's.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SyncStatus } from '@mekendesh/sync';
import { LinksProvider, LocaleProvider as SharedLocale, SharedPages, type Engine, type EngineEvent, type Fixing, type Links } from '@mekendesh/pwa/shared';
import '@mekendesh/pwa/style.css';
import { bridge, call } from '../bridge.ts';
import { useLocale } from './locale.tsx';

type AnyCall = (method: string, arg?: unknown) => Promise<unknown>;

/** The engine as the shared screens expect it, each call going to the backend as `app.<name>`. */
export function backendEngine(): Engine {
  const cache = new Map<string, (arg?: unknown) => Promise<unknown>>();
  const engine = new Proxy(
    {},
    {
      get(_, name) {
        // Not a thenable, and nothing but handler names.
        if (typeof name !== 'string' || name === 'then') return undefined;
        let fn = cache.get(name);
        if (!fn) {
          fn = (arg?: unknown) => (window.mekendesh.backend.call as unknown as AnyCall)(`app.${name}`, arg);
          cache.set(name, fn);
        }
        return fn;
      },
    },
  ) as Engine['engine'];
  return {
    engine,
    onEvent: (listener: (event: EngineEvent) => void) => bridge().backend.onEvent(listener),
    terminate: () => {},
  };
}

/**
 * Server links in the desktop: public pages with the server's origin (they open in the system
 * browser, main allowing https only), private documents saved by the backend with the session
 * token, at a place the user picks in main's save dialog.
 */
function useDesktopLinks(): Links {
  const [origin, setOrigin] = useState('');
  useEffect(() => {
    let live = true;
    void bridge()
      .appInfo()
      .then((info) => live && setOrigin(info.serverOrigin))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return useMemo(
    () => ({
      origin,
      async saveFile(path: string, suggestedName: string) {
        const file = await bridge().dialogs.saveFile(suggestedName);
        if (!file) return null;
        return call('saveServerFile', { path, file });
      },
    }),
    [origin],
  );
}

export function SharedArea({ status }: { status: SyncStatus | null }) {
  const { locale, setLocale } = useLocale();
  const engine = useMemo(backendEngine, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  const [fixing, setFixing] = useState<Fixing | null>(null);
  const stopFixing = useCallback(() => setFixing(null), []);
  const links = useDesktopLinks();
  return (
    <div className="shared-app">
      <SharedLocale value={value}>
        <LinksProvider value={links}>
          {status ? <SharedPages engine={engine} status={status} fixing={fixing} onFix={setFixing} onFixDone={stopFixing} /> : null}
        </LinksProvider>
      </SharedLocale>
    </div>
  );
}
