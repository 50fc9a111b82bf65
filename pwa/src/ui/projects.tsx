import { useCallback, useId } from 'react';
import type { MyProject } from '../engine-client.ts';
import { useT } from './locale.tsx';
import { NewProjectForm } from './project/lazy.tsx';
import { useCtx, useLabels, useLive } from './transfer-kit.tsx';
import { projectHref } from './workspace-nav.tsx';

/**
 * The account's projects (those it is a member of), from the local store: title, status, the
 * account's role and the place. Each opens the project's workspace (notes, task board, history).
 */
export function ProjectsScreen() {
  const tr = useT();
  const { engine } = useCtx();
  const [list] = useLive(['projects', 'project_members'], useCallback(() => engine.engine['projects.list'](), [engine]));
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('projects.title')}</h2>
      <NewProjectForm engine={engine} onCreated={(id) => (location.hash = projectHref(id))} />
      {list && list.length === 0 ? <p className="hint">{tr('projects.empty')}</p> : null}
      <ul className="items">
        {list?.map((p) => (
          <li key={p.id} className="item">
            <ProjectItem p={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProjectItem({ p }: { p: MyProject }) {
  const tr = useT();
  const { label } = useLabels();
  const titleId = useId();
  const place = [label(p.region), p.settlement ? label(p.settlement) : null].filter(Boolean).join(', ');
  return (
    <article aria-labelledby={titleId}>
      <h3 id={titleId}>
        <a href={projectHref(p.id)}>{p.title}</a>
      </h3>
      {p.summary ? <p>{p.summary}</p> : null}
      <dl className="facts">
        <dt>{tr('projects.status')}</dt>
        <dd>
          <span className={`badge ${p.status}`}>{tr(`project.status.${p.status}`)}</span>
        </dd>
        <dt>{tr('projects.yourRole')}</dt>
        <dd>{tr(`project.role.${p.role}`)}</dd>
        <dt>{tr('projects.place')}</dt>
        <dd>{place}</dd>
        {p.organisation ? (
          <>
            <dt>{tr('projects.organisation')}</dt>
            <dd>{p.organisation}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}
