import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Engine, SearchHit } from '../engine-client.ts';
import { useT } from './locale.tsx';

const LIMIT = 20;

/**
 * The skills bank: searches the local index in the worker as the user types (names, skills
 * and places, in Cyrillic or Latin), and again when synced changes arrive.
 */
export function SearchPanel({ engine }: { engine: Engine }) {
  const tr = useT();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ total: number; hits: SearchHit[] } | null>(null);
  const seq = useRef(0);
  const titleId = useId();
  const inputId = useId();
  const listId = useId();

  const run = useCallback(
    async (query: string) => {
      const mine = ++seq.current;
      const r = await engine.engine.search({ text: query, limit: LIMIT }).catch(() => null);
      // Answers can overtake each other: keep only the latest query's.
      if (r && mine === seq.current) setResult(r);
    },
    [engine],
  );

  useEffect(() => {
    void run(text);
  }, [run, text]);
  useEffect(
    () =>
      engine.onEvent((e) => {
        if (e.type === 'changes' && e.tables.includes('profiles')) void run(text);
      }),
    [engine, run, text],
  );

  const name = (h: SearchHit) => [h.nameCyrillic, h.nameLatin].filter(Boolean).join(' · ') || h.displayName || tr('search.unnamed');
  return (
    <section className="card search" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('search.title')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{tr('search.label')}</label>
        <input id={inputId} type="search" autoComplete="off" aria-controls={listId} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <p role="status" className="count">
        {result ? tr('search.results', { count: result.total }) : ''}
      </p>
      <ul id={listId} aria-labelledby={titleId}>
        {result?.hits.map((h) => <li key={h.id}>{name(h)}</li>)}
      </ul>
    </section>
  );
}
