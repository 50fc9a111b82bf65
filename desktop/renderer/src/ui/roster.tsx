/**
 * The roster screen: search, facet filters with counts, the virtualised table with sorting and
 * selection ("select all matching" takes every id of the query), bulk changes on the selection,
 * and the member form for a new or an opened entry.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { AssociationRole, RosterStanding } from '@mekendesh/core';
import type { ManagedAssociation } from '../../../src/backend/leader.ts';
import { call, errorKey } from '../bridge.ts';
import type { Key } from '../i18n/index.ts';
import { useFormat, useT } from './locale.tsx';
import { MemberForm } from './member-form.tsx';
import { useRosterWindow, type Filters } from './roster-data.ts';
import { RosterTable, type Sort } from './roster-table.tsx';
import { ExportPanel } from './transfer.tsx';

// Values only: the UI bundle takes no runtime code from core (zod and reference data stay in the backend).
const ROSTER_STANDINGS: RosterStanding[] = ['new', 'current', 'grace', 'expired'];
const ASSOCIATION_ROLES: AssociationRole[] = ['leader', 'secretary', 'member'];

type View = { kind: 'table' } | { kind: 'detail'; id: string } | { kind: 'add' };

export function Roster({ association, version }: { association: ManagedAssociation; version: number }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [view, setView] = useState<View>({ kind: 'table' });
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<Sort>({ column: 'name', dir: 'asc' });
  const [facets, setFacets] = useState<{ standing: string[]; roles: string[]; tags: string[]; groups: string[] }>({ standing: [], roles: [], tags: [], groups: [] });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);

  // Instant search, lightly debounced so typing a word is one query, not five.
  useEffect(() => {
    const t = setTimeout(() => setText(typed.trim()), 120);
    return () => clearTimeout(t);
  }, [typed]);

  const query = useMemo<Filters>(
    () => ({
      ...(text ? { text } : {}),
      ...(facets.standing.length ? { standing: facets.standing as Filters['standing'] } : {}),
      ...(facets.roles.length ? { roles: facets.roles as Filters['roles'] } : {}),
      ...(facets.tags.length ? { tags: facets.tags } : {}),
      ...(facets.groups.length ? { groups: facets.groups } : {}),
      sort,
    }),
    [text, facets, sort],
  );
  const win = useRosterWindow(association.id, query, version);

  const toggleFacet = (facet: keyof typeof facets, value: string, on: boolean) =>
    setFacets((f) => ({ ...f, [facet]: on ? [...f[facet], value] : f[facet].filter((v) => v !== value) }));

  // The header checkbox shows checked at once while every matching id is fetched.
  const [selectingAll, setSelectingAll] = useState(false);
  const selectAll = async (on: boolean) => {
    if (!on) return setSelected(new Set());
    const { sort: _s, ...filters } = query;
    setSelectingAll(true);
    try {
      setSelected(new Set(await call('rosterIds', { associationId: association.id, query: filters })));
    } finally {
      setSelectingAll(false);
    }
  };

  if (view.kind !== 'table') {
    return (
      <MemberForm
        association={association}
        id={view.kind === 'detail' ? view.id : null}
        onDone={() => setView({ kind: 'table' })}
      />
    );
  }

  const counts = win.counts;
  const facetGroup = (facet: keyof typeof facets, legend: Key, options: [string, string, number][]) => (
    <fieldset className="facet">
      <legend>{tr(legend)}</legend>
      {options.length === 0 ? <span className="hint">{tr('roster.facetNone')}</span> : null}
      {options.map(([value, label, count]) => (
        <label key={value} className="check">
          <input type="checkbox" checked={facets[facet].includes(value)} onChange={(e) => toggleFacet(facet, value, e.target.checked)} />
          <span>{label}</span> <span className="count">({fmt.num(count)})</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <section className="roster" aria-labelledby={`${id}-h`}>
      <div className="roster-top">
        <h2 id={`${id}-h`}>{tr('roster.title')}</h2>
        <div className="field inline">
          <label htmlFor={`${id}-q`}>{tr('roster.search')}</label>
          <input id={`${id}-q`} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={`${id}-total`} />
        </div>
        <p id={`${id}-total`} className="total" role="status">
          {win.loaded ? tr('roster.total', { count: win.total, n: fmt.num(win.total) }) : tr('shell.loading')}
        </p>
        <button type="button" onClick={() => setView({ kind: 'add' })}>
          {tr('roster.add')}
        </button>
        <button type="button" aria-expanded={exporting} onClick={() => setExporting((v) => !v)}>
          {tr('roster.export')}
        </button>
      </div>
      {exporting ? <ExportPanel association={association} {...(selected.size > 0 ? { ids: [...selected] } : { query })} /> : null}
      {win.error ? (
        <p className="error" role="alert">
          {tr(errorKey(win.error))}
        </p>
      ) : null}
      <div className="roster-body">
        <aside className="facets" aria-label={tr('roster.filters')}>
          {counts ? (
            <>
              {facetGroup('standing', 'field.standing', ROSTER_STANDINGS.map((s) => [s, tr(`standing.${s}`), counts.standing[s]]))}
              {facetGroup('roles', 'field.role', ASSOCIATION_ROLES.map((r) => [r, tr(`role.${r}`), counts.roles[r]]))}
              {facetGroup('tags', 'field.tags', counts.tags.slice(0, 30).map(([t, n]) => [t, t, n]))}
              {facetGroup('groups', 'field.groups', counts.groups.slice(0, 30).map(([g, n]) => [g, g, n]))}
            </>
          ) : null}
        </aside>
        <div className="roster-main">
          {selected.size > 0 ? (
            <BulkBar associationId={association.id} ids={[...selected]} onClear={() => setSelected(new Set())} />
          ) : (
            <p className="hint bulk-hint">{tr('roster.selectHint')}</p>
          )}
          <RosterTable
            total={win.total}
            rowAt={win.rowAt}
            ensure={win.ensure}
            sort={sort}
            onSort={setSort}
            selected={selected}
            onToggle={(rowId, on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) next.add(rowId);
                else next.delete(rowId);
                return next;
              })
            }
            allSelected={selectingAll || (win.total > 0 && selected.size >= win.total)}
            onToggleAll={(on) => void selectAll(on)}
            onOpen={(rowId) => setView({ kind: 'detail', id: rowId })}
            queryKey={JSON.stringify(query)}
          />
        </div>
      </div>
    </section>
  );
}

/** One change applied to every selected entry: a tag or a group added or removed, or a renewal date. */
function BulkBar({ associationId, ids, onClear }: { associationId: string; ids: string[]; onClear(): void }) {
  const tr = useT();
  const fmt = useFormat();
  const id = useId();
  const [label, setLabel] = useState('');
  const [date, setDate] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (change: Record<string, unknown>) => {
    try {
      const { changed } = await call('rosterBulk', { associationId, ids, ...change });
      setMessage({ ok: true, text: tr('bulk.done', { count: changed, n: fmt.num(changed) }) });
    } catch (err) {
      setMessage({ ok: false, text: tr(errorKey(err)) });
    }
  };
  const l = label.trim();
  return (
    <div className="bulk" role="group" aria-label={tr('bulk.label')}>
      <strong>{tr('roster.selected', { count: ids.length, n: fmt.num(ids.length) })}</strong>
      <button type="button" className="link" onClick={onClear}>
        {tr('roster.clearSelection')}
      </button>
      <span className="bulk-set">
        <label htmlFor={`${id}-label`}>{tr('bulk.tagOrGroup')}</label>
        <input id={`${id}-label`} value={label} maxLength={40} onChange={(e) => setLabel(e.target.value)} />
        <button type="button" disabled={!l} onClick={() => void run({ addTags: [l] })}>
          {tr('bulk.addTag')}
        </button>
        <button type="button" disabled={!l} onClick={() => void run({ removeTags: [l] })}>
          {tr('bulk.removeTag')}
        </button>
        <button type="button" disabled={!l} onClick={() => void run({ addGroups: [l] })}>
          {tr('bulk.addGroup')}
        </button>
        <button type="button" disabled={!l} onClick={() => void run({ removeGroups: [l] })}>
          {tr('bulk.removeGroup')}
        </button>
      </span>
      <span className="bulk-set">
        <label htmlFor={`${id}-date`}>{tr('field.renewalDate')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <button type="button" disabled={!date} onClick={() => void run({ renewalDate: date })}>
          {tr('bulk.setRenewal')}
        </button>
      </span>
      {message ? (
        <span className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
