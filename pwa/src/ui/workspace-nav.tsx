import { useEffect, useRef, useState } from 'react';
import type { Key } from '../i18n/index.ts';
import { numberFormat } from '@mekendesh/i18n/base';
import { useLocale, useT } from './locale.tsx';

/** The pages of the signed-in area. They live in the URL's hash, so Back, reloads and offline starts keep the page. */
export type Page = 'profile' | 'bank' | 'offers' | 'needs' | 'forMe' | 'engagements' | 'notifications' | 'projects' | 'award';
/** A project's page: its overview (`#/projects/<id>`), notes and task board (`…/work`), history (`…/history`). */
export type ProjectView = 'overview' | 'work' | 'history';
/** The award page's own path (`new`, `nomination/<id>`, `cycle/<id>`, `new-cycle`) is in `award`. */
export type Route = { page: Page; needId?: string; projectId?: string; view?: ProjectView; award?: string };

const PAGES: { page: Page; path: string; label: Key }[] = [
  { page: 'profile', path: 'profile', label: 'nav.profile' },
  { page: 'bank', path: 'bank', label: 'nav.bank' },
  { page: 'offers', path: 'offers', label: 'nav.offers' },
  { page: 'needs', path: 'needs', label: 'nav.needs' },
  { page: 'forMe', path: 'for-me', label: 'nav.forMe' },
  { page: 'engagements', path: 'engagements', label: 'nav.engagements' },
  { page: 'notifications', path: 'notifications', label: 'nav.notifications' },
  { page: 'projects', path: 'projects', label: 'nav.projects' },
  { page: 'award', path: 'award', label: 'nav.award' },
];

export function parseHash(hash: string): Route {
  const [path = '', id, sub, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (path === 'award') return { page: 'award', award: [id, sub, ...rest].filter((x) => x !== undefined).join('/') };
  if (path === 'needs' && id) return { page: 'needs', needId: decodeURIComponent(id) };
  if (path === 'projects' && id) return { page: 'projects', projectId: decodeURIComponent(id), view: sub === 'history' || sub === 'work' ? sub : 'overview' };
  return { page: PAGES.find((p) => p.path === path)?.page ?? 'profile' };
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A project's page, in one of its views (the overview by default). */
export const projectHref = (projectId: string, view: ProjectView = 'overview') =>
  `#/projects/${encodeURIComponent(projectId)}${view === 'overview' ? '' : `/${view}`}`;

export const goTo = (page: Page) => {
  location.hash = `#/${PAGES.find((p) => p.page === page)!.path}`;
};

/** The signed-in area's navigation: plain links (keyboard and Back work), the current one marked. */
export function WorkspaceNav({ route, unread }: { route: Route; unread: number }) {
  const tr = useT();
  const { locale } = useLocale();
  const current = useRef<HTMLAnchorElement | null>(null);
  // On a phone the row scrolls: keep the current page's link in view.
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [route.page]);
  return (
    <nav className="pages" aria-label={tr('nav.label')}>
      <ul>
        {PAGES.map(({ page, path, label }) => (
          <li key={page}>
            <a href={`#/${path}`} aria-current={route.page === page ? 'page' : undefined} ref={route.page === page ? current : undefined}>
              {tr(label)}
              {page === 'notifications' && unread > 0 ? (
                <>
                  {' '}
                  <span className="unread-count" aria-hidden="true">
                    {numberFormat(locale).format(unread)}
                  </span>
                  <span className="sr-only">{` (${tr('notifications.unread', { count: unread })})`}</span>
                </>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
