/**
 * The roster as an ARIA table, virtualised: rows have a fixed height, the body is as tall as
 * every row together, and only the rows in view (plus a few either side) are in the DOM, each
 * with its `aria-rowindex` (the header row is 1), so 50,000 people scroll like 50.
 *
 * From the keyboard, as in a spreadsheet: on a row's name or checkbox, ↑ and ↓ move to the same
 * control one row up or down, Page Up and Page Down by a screenful, Ctrl+Home and Ctrl+End to
 * the first and last person; the table scrolls along (rows out of view are rendered first).
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import type { RosterRow, SortColumn } from '@mekendesh/roster';
import type { Key } from '../i18n/index.ts';
import { useFormat, useT } from './locale.tsx';

export const ROW_HEIGHT = 36;
const OVERSCAN = 8;

type Column = { id: 'name' | 'phone' | 'email' | 'city' | 'role' | 'tags' | 'groups' | 'standing' | 'renewalDate'; label: Key; sort: SortColumn | null };
export const COLUMNS: Column[] = [
  { id: 'name', label: 'field.name', sort: 'name' },
  { id: 'phone', label: 'field.phone', sort: 'phone' },
  { id: 'email', label: 'field.email', sort: 'email' },
  { id: 'city', label: 'field.city', sort: 'city' },
  { id: 'role', label: 'field.role', sort: 'role' },
  { id: 'tags', label: 'field.tags', sort: null },
  { id: 'groups', label: 'field.groups', sort: null },
  { id: 'standing', label: 'field.standing', sort: 'standing' },
  { id: 'renewalDate', label: 'field.renewalDate', sort: 'renewalDate' },
];

export interface Sort {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

export function RosterTable(props: {
  total: number;
  rowAt(i: number): RosterRow | undefined;
  ensure(start: number, end: number): void;
  sort: Sort;
  onSort(sort: Sort): void;
  selected: ReadonlySet<string>;
  onToggle(id: string, on: boolean): void;
  allSelected: boolean;
  onToggleAll(on: boolean): void;
  onOpen(id: string): void;
  queryKey: string;
}) {
  const tr = useT();
  const fmt = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const { total, ensure } = props;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A new query starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [props.queryKey]);

  const start = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(total, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => ensure(start, Math.max(end, start + 1)), [start, end, ensure]);

  /** Where keyboard focus goes once that row is rendered and loaded. */
  const pendingFocus = useRef<{ index: number; part: 'select' | 'name' } | null>(null);
  useEffect(() => {
    const want = pendingFocus.current;
    if (!want || !scroller.current) return;
    const row = scroller.current.querySelector<HTMLElement>(`.rbody [aria-rowindex="${want.index + 2}"]:not([aria-busy])`);
    const target = row?.querySelector<HTMLElement>(want.part === 'select' ? '.c-select input' : '.c-name button');
    if (target) {
      pendingFocus.current = null;
      target.focus({ preventScroll: true });
    }
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    const row = el.closest<HTMLElement>('[aria-rowindex]');
    if (!row || !scroller.current) return;
    const index = Number(row.getAttribute('aria-rowindex')) - 2;
    const page = Math.max(1, Math.floor(view.height / ROW_HEIGHT) - 1);
    let next: number;
    if (e.key === 'ArrowDown') next = index + 1;
    else if (e.key === 'ArrowUp') next = index - 1;
    else if (e.key === 'PageDown') next = index + page;
    else if (e.key === 'PageUp') next = index - page;
    else if (e.key === 'Home' && e.ctrlKey) next = 0;
    else if (e.key === 'End' && e.ctrlKey) next = total - 1;
    else return;
    e.preventDefault();
    next = Math.max(0, Math.min(total - 1, next));
    if (next === index) return;
    pendingFocus.current = { index: next, part: el.closest('.c-select') ? 'select' : 'name' };
    // Scroll the row into view (below the sticky header), which renders and loads it.
    const sc = scroller.current;
    const head = sc.querySelector<HTMLElement>('.rhead')?.offsetHeight ?? ROW_HEIGHT;
    const top = next * ROW_HEIGHT;
    if (top < sc.scrollTop) sc.scrollTop = top;
    else if (top + ROW_HEIGHT > sc.scrollTop + sc.clientHeight - head) sc.scrollTop = top + ROW_HEIGHT - sc.clientHeight + head;
    setView({ top: sc.scrollTop, height: sc.clientHeight });
  };

  const onScroll = (e: UIEvent<HTMLDivElement>) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight });

  const rows = [];
  for (let i = start; i < end; i++) {
    const row = props.rowAt(i);
    const top = i * ROW_HEIGHT;
    rows.push(
      row ? (
        <div role="row" key={row.id} aria-rowindex={i + 2} data-selected={props.selected.has(row.id) || undefined} className="rrow" style={{ transform: `translateY(${top}px)` }}>
          <div role="cell" className="c-select">
            <input
              type="checkbox"
              checked={props.selected.has(row.id)}
              onChange={(e) => props.onToggle(row.id, e.target.checked)}
              aria-label={tr('roster.selectOne', { name: row.name || tr('roster.noName') })}
            />
          </div>
          <div role="cell" className="c-name">
            <button type="button" className="link" onClick={() => props.onOpen(row.id)}>
              {row.name || tr('roster.noName')}
            </button>
          </div>
          <div role="cell">{row.phone}</div>
          <div role="cell">{row.email}</div>
          <div role="cell">{row.city}</div>
          <div role="cell">{tr(`role.${row.role}`)}</div>
          <div role="cell">{row.tags.join(', ')}</div>
          <div role="cell">{row.groups.join(', ')}</div>
          <div role="cell">
            <span className={`standing s-${row.standing}`}>{tr(`standing.${row.standing}`)}</span>
          </div>
          <div role="cell">{fmt.date(row.renewalDate)}</div>
        </div>
      ) : (
        <div role="row" key={`loading-${i}`} aria-rowindex={i + 2} aria-busy="true" className="rrow" style={{ transform: `translateY(${top}px)` }}>
          <div role="cell" className="c-loading">
            {tr('shell.loading')}
          </div>
        </div>
      ),
    );
  }

  return (
    <div className="rtable-scroll" ref={scroller} onScroll={onScroll} tabIndex={-1}>
      <div role="table" aria-label={tr('roster.table')} aria-rowcount={total + 1} aria-colcount={COLUMNS.length + 1} className="rtable">
        <div role="rowgroup" className="rhead">
          <div role="row" aria-rowindex={1} className="rrow head">
            <div role="columnheader" className="c-select">
              <input
                type="checkbox"
                checked={props.allSelected}
                disabled={total === 0}
                onChange={(e) => props.onToggleAll(e.target.checked)}
                aria-label={tr('roster.selectAll', { count: total, n: fmt.num(total) })}
              />
            </div>
            {COLUMNS.map((c) => {
              const active = c.sort !== null && props.sort.column === c.sort;
              return (
                <div role="columnheader" key={c.id} aria-sort={c.sort === null ? undefined : active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  {c.sort ? (
                    <button
                      type="button"
                      className="sort"
                      onClick={() => props.onSort({ column: c.sort!, dir: active && props.sort.dir === 'asc' ? 'desc' : 'asc' })}
                    >
                      {tr(c.label)}
                      <span aria-hidden="true">{active ? (props.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    tr(c.label)
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="rbody" style={{ height: `${total * ROW_HEIGHT}px` }} onKeyDown={onKeyDown}>
          {rows}
        </div>
      </div>
    </div>
  );
}
