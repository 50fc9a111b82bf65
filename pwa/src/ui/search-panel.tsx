import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Engine, Facet, Filters, SearchAnswer, SearchHit } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { CompatriotPage } from './compatriot-view.tsx';
import { numberFormat } from '@mekendesh/i18n/base';
import { useLocale, useT } from './locale.tsx';
import { useReference, type LabelOf, type Reference } from './reference.ts';

/** This tab, for the engine all tabs share: only this tab's newer searches make its older ones moot. */
const TAB = Math.random().toString(36).slice(2);

const LIMIT = 20;
const FACET_ORDER: readonly Facet[] = ['country', 'homeRegion', 'sector', 'language', 'availability', 'format'];
/** Facets whose values read best in reference order (a scale, a map); the others by count. */
const FIXED_ORDER: ReadonlySet<Facet> = new Set(['homeRegion', 'availability', 'format']);
/** Wide enough for the filters to stand beside the results rather than fold above them. */
const WIDE = '(min-width: 48rem)';

const selectedCount = (filters: Filters) => Object.values(filters).reduce((n, v) => n + (v?.length ?? 0), 0);

/**
 * The skills bank: searches the local index in the worker as the user types (names, skills
 * and places, in Cyrillic or Latin), narrowed by facets whose counts show where each choice
 * leads, and again when synced changes arrive. A hit opens that compatriot's profile; going
 * back keeps the query and the filters.
 */
export function SearchPanel({ engine }: { engine: Engine }) {
  const tr = useT();
  const { locale } = useLocale();
  const reference = useReference(engine);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [result, setResult] = useState<SearchAnswer | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const seq = useRef(0);
  /** The hit last opened, to give it the focus back. */
  const returnTo = useRef<string | null>(null);
  const titleId = useId();
  const inputId = useId();
  const listId = useId();

  const run = useCallback(
    async (query: string, chosen: Filters) => {
      const mine = ++seq.current;
      const r = await engine.engine.search({ text: query, filters: chosen, limit: LIMIT, from: TAB }).catch(() => null);
      // Answers can overtake each other: keep only the latest query's.
      if (r && mine === seq.current) setResult(r);
    },
    [engine],
  );

  useEffect(() => {
    void run(text, filters);
  }, [run, text, filters]);
  useEffect(
    () =>
      engine.onEvent((e) => {
        if (e.type === 'changes' && e.tables.includes('profiles')) void run(text, filters);
      }),
    [engine, run, text, filters],
  );

  const toggle = useCallback((facet: Facet, value: string, on: boolean) => {
    setFilters((f) => {
      const current = f[facet] ?? [];
      const next = on ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);
      const out = { ...f };
      if (next.length > 0) out[facet] = next;
      else delete out[facet];
      return out;
    });
  }, []);

  // The facets (a hundred checkboxes) follow at a lower priority: the hits show first.
  const facetResult = useDeferredValue(result);
  const labelOf = useMemo(() => (reference ? reference.labelOf(locale) : null), [reference, locale]);
  const number = useMemo(() => numberFormat(locale), [locale]);

  // A profile is a step in the browser's history, so a phone's Back button returns to the results.
  useEffect(() => {
    const pop = (e: PopStateEvent) => {
      const id = (e.state as { compatriot?: unknown } | null)?.compatriot;
      setOpened(typeof id === 'string' ? id : null);
    };
    window.addEventListener('popstate', pop);
    return () => window.removeEventListener('popstate', pop);
  }, []);
  const open = useCallback((id: string) => {
    returnTo.current = id;
    history.pushState({ compatriot: id }, '');
    setOpened(id);
  }, []);
  const back = useCallback(() => {
    if ((history.state as { compatriot?: unknown } | null)?.compatriot) history.back();
    else setOpened(null);
  }, []);
  useEffect(() => {
    if (opened || !returnTo.current) return;
    document.getElementById(`hit-${returnTo.current}`)?.focus();
  }, [opened]);

  if (opened && labelOf) {
    return (
      <section className="card search wide" aria-labelledby={titleId}>
        <h2 id={titleId}>{tr('search.title')}</h2>
        <CompatriotPage engine={engine} id={opened} labelOf={labelOf} onBack={back} />
      </section>
    );
  }

  const name = (h: SearchHit) => [h.nameCyrillic, h.nameLatin].filter(Boolean).join(' · ') || h.displayName || tr('search.unnamed');
  const summary = (h: SearchHit) =>
    labelOf ? [[h.city, h.country && labelOf('country', h.country)].filter(Boolean).join(', '), h.sectors.map((s) => labelOf('sector', s)).join(', ')].filter(Boolean).join(' · ') : '';
  const chosen = selectedCount(filters);
  return (
    <section className="card search wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('search.title')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{tr('search.label')}</label>
        <input id={inputId} type="search" autoComplete="off" aria-controls={listId} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="bank">
        {facetResult && reference && labelOf ? (
          <Facets result={facetResult} filters={filters} chosen={chosen} labelOf={labelOf} number={number} reference={reference} onToggle={toggle} onClear={() => setFilters({})} />
        ) : null}
        <div className="results">
          <p role="status" className="count">
            {result ? tr('search.results', { count: result.total }) : ''}
            {result && result.total > result.hits.length ? ` · ${tr('search.shown', { count: result.hits.length })}` : ''}
          </p>
          <ul id={listId} className="hits" aria-label={tr('search.results.label')}>
            {result?.hits.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="link hit"
                  id={`hit-${h.id}`}
                  onClick={() => open(h.id)}
                >
                  {name(h)}
                </button>
                {summary(h) ? <small className="hint"> {summary(h)}</small> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

/**
 * The facet filters: one group of checkboxes per facet, each value with the number of
 * profiles it would give (over the text and the other facets' choices). Folded on a phone,
 * a side column on wider screens.
 */
function Facets({
  result,
  filters,
  chosen,
  labelOf,
  number,
  reference,
  onToggle,
  onClear,
}: {
  result: SearchAnswer;
  filters: Filters;
  chosen: number;
  labelOf: LabelOf;
  number: Intl.NumberFormat;
  reference: Reference;
  onToggle(facet: Facet, value: string, on: boolean): void;
  onClear(): void;
}) {
  const tr = useT();
  const { locale } = useLocale();
  const baseId = useId();
  const [open, setOpen] = useState(() => typeof matchMedia !== 'function' || matchMedia(WIDE).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(WIDE);
    const follow = () => setOpen(mq.matches);
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, []);
  const collator = useMemo(() => new Intl.Collator(locale), [locale]);

  const groups = FACET_ORDER.map((facet) => {
    const counts = result.facets[facet];
    const picked = filters[facet] ?? [];
    // Values that would give someone, and those chosen even when they now give no one.
    let values = reference.order[facet].filter((v) => (counts[v] ?? 0) > 0 || picked.includes(v));
    if (!FIXED_ORDER.has(facet)) {
      values = [...values].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || collator.compare(labelOf(facet, a), labelOf(facet, b)));
    }
    return { facet, values, counts, picked };
  }).filter((g) => g.values.length > 0);

  return (
    <details className="facets" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {tr('search.filters')}
        {chosen > 0 ? ` (${number.format(chosen)})` : ''}
      </summary>
      {chosen > 0 ? (
        <button type="button" className="link" onClick={onClear}>
          {tr('search.clear')}
        </button>
      ) : null}
      {groups.map(({ facet, values, counts, picked }) => (
        <fieldset key={facet}>
          <legend>{tr(`facet.${facet}` as Key)}</legend>
          <ul className="facet-values">
            {values.map((v) => {
              const id = `${baseId}-${facet}-${v}`;
              return (
                <li key={v} className="check">
                  <input id={id} type="checkbox" checked={picked.includes(v)} aria-describedby={`${id}-n`} onChange={(e) => onToggle(facet, v, e.target.checked)} />
                  <label htmlFor={id}>{labelOf(facet, v)}</label>
                  <span id={`${id}-n`} className="n">
                    {number.format(counts[v] ?? 0)}
                  </span>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </details>
  );
}
