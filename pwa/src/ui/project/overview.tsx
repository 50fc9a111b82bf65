/**
 * A project's overview: its description (edited by owners and editors), the public page
 * switch (owners), money per currency with pledges and expenses, milestones, progress updates
 * and members. Everything reads and writes this device's store through the engine, so it works
 * offline; receipts alone need the server. Viewers see it all, read only. Loaded with the
 * project page (`lazy.tsx`).
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { Project, TableName } from '@mekendesh/core';
import { formatDate } from '@mekendesh/i18n/base';
import type { Engine, ProjectRecords } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { ConfirmButton, PCheck, ScopeContext, Status, mutate, refusalOf, useCurrencies, useEngineLive, useMoney, useProjectReference, useScope, type ProjectScope, type Refusal } from './kit.tsx';
import { MembersPart } from './members.tsx';
import { MoneyPart } from './money-part.tsx';
import { MilestonesPart, UpdatesPart } from './progress-part.tsx';
import { BUDGET_FIELDS, ProjectFieldsEditor, fieldsOf, valuesOf, type ProjectValues } from './project-fields.tsx';
import '../../i18n/project.ts';
import { PublicLink } from '../links.tsx';
import './project.css';

const TABLES: TableName[] = ['projects', 'project_members', 'pledges', 'expenses', 'milestones', 'project_updates', 'profiles', 'accounts'];

export default function ProjectOverview({ engine, projectId, onDeleted }: { engine: Engine; projectId: string; onDeleted?: () => void }) {
  const tr = useT();
  const { locale } = useLocale();
  const records = useEngineLive(engine, TABLES, useCallback(() => engine.engine['projects.records']({ id: projectId }), [engine, projectId]));
  const labels = useProjectReference(engine);
  const currencies = useCurrencies(engine);
  const money = useMoney(currencies);
  const scope: ProjectScope | null = useMemo(
    () =>
      records && labels
        ? {
            engine,
            projectId,
            accountId: records.accountId,
            canEdit: records.role === 'owner' || records.role === 'editor',
            isOwner: records.role === 'owner',
            currencies,
            money,
            day: (d: string) => formatDate(locale, d),
            labels,
          }
        : null,
    [engine, projectId, records, labels, currencies, money, locale],
  );
  if (records === undefined || !labels) return <p className="loading">{tr('project.loading')}</p>;
  if (!records || !scope) return <p className="hint">{tr('project.missing')}</p>;
  return (
    <ScopeContext.Provider value={scope}>
      <div className="project-overview">
        {scope.canEdit ? null : <p className="hint">{tr('project.readOnly')}</p>}
        <DescriptionPart project={records.project} onDeleted={onDeleted} />
        <PublicPart project={records.project} />
        <MoneyPart records={records} />
        <MilestonesPart milestones={records.milestones} />
        <UpdatesPart updates={records.updates} />
        <MembersPart members={records.members} />
      </div>
    </ScopeContext.Provider>
  );
}

function DescriptionPart({ project, onDeleted }: { project: Project; onDeleted?: (() => void) | undefined }) {
  const tr = useT();
  const { engine, canEdit, isOwner, labels, money, currencies } = useScope();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();
  const place = [labels.label(project.region), project.settlement ? labels.label(project.settlement) : null].filter(Boolean).join(', ');
  const remove = () => {
    setError(null);
    mutate(engine, 'project.delete', { id: project.id }).then(
      () => (onDeleted ? onDeleted() : (location.hash = '#/projects')),
      (err: unknown) => setError(refusalOf(err).message),
    );
  };
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.about')}</h3>
      {editing ? (
        <DescriptionForm project={project} onDone={() => setEditing(false)} />
      ) : (
        <>
          {project.summary ? <p className="summary">{project.summary}</p> : <p className="hint">{tr('project.noSummary')}</p>}
          <dl className="facts">
            <dt>{tr('project.field.title')}</dt>
            <dd>{project.title}</dd>
            <dt>{tr('project.field.status')}</dt>
            <dd>
              <span className={`badge ${project.status}`}>{tr(`project.status.${project.status}`)}</span>
            </dd>
            <dt>{tr('project.field.sector')}</dt>
            <dd>{labels.label(project.sector)}</dd>
            <dt>{tr('project.place')}</dt>
            <dd>{place}</dd>
            {project.organisation ? (
              <>
                <dt>{tr('project.field.organisation')}</dt>
                <dd>{project.organisation}</dd>
              </>
            ) : null}
            <dt>{tr('project.field.budget')}</dt>
            <dd>{project.budgetAmount !== null && project.budgetCurrency ? money(project.budgetAmount, project.budgetCurrency) : tr('project.noBudget')}</dd>
          </dl>
          {canEdit ? (
            <div className="actions">
              <button type="button" onClick={() => setEditing(true)} disabled={currencies.length === 0}>
                {tr('project.editAbout')}
              </button>
              {isOwner ? (
                <ConfirmButton
                  label={tr('project.deleteProject', { title: project.title })}
                  question={tr('project.deleteProjectQuestion')}
                  confirm={tr('project.confirmDelete')}
                  onConfirm={remove}
                />
              ) : null}
            </div>
          ) : null}
          {error ? (
            <p className="error" role="alert">
              {tr(error)}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function DescriptionForm({ project, onDone }: { project: Project; onDone(): void }) {
  const tr = useT();
  const { engine, labels, currencies } = useScope();
  const [values, setValues] = useState<ProjectValues>(() => valuesOf(project, currencies));
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const formId = useId();
  const change = (next: Partial<ProjectValues>) => {
    setValues((v) => ({ ...v, ...next }));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(next)) delete out[k === 'budget' ? 'budgetAmount' : k];
      return out;
    });
    setMessage(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = fieldsOf(values, currencies);
    if ('budgetIssue' in built) {
      setErrors({ budgetAmount: built.budgetIssue });
      setMessage({ kind: 'error', text: 'transfer.fixErrors' });
      return;
    }
    try {
      await mutate(engine, 'project.update', { id: project.id, patch: built.fields });
      onDone();
    } catch (err) {
      const r = refusalOf(err, BUDGET_FIELDS);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
    }
  };
  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h4 id={formId}>{tr('project.editAbout')}</h4>
      <ProjectFieldsEditor values={values} onChange={change} errors={errors} labels={labels} currencies={currencies} withStatus />
      <div className="actions">
        <button type="submit">{tr('transfer.saveChanges')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <Status message={message} />
      </div>
    </form>
  );
}

/** The public page: owners switch it on and off; everyone sees whether it is on, with the link. */
function PublicPart({ project }: { project: Project }) {
  const tr = useT();
  const { engine, isOwner } = useScope();
  const [error, setError] = useState<Key | null>(null);
  // The switch shows the choice at once; the record follows when the engine reports the change.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const isPublic = chosen ?? project.isPublic;
  useEffect(() => {
    if (chosen === project.isPublic) setChosen(null);
  }, [chosen, project.isPublic]);
  const titleId = useId();
  const href = `/projects/${encodeURIComponent(project.id)}`;
  const set = (next: boolean) => {
    setError(null);
    setChosen(next);
    mutate(engine, 'project.setPublic', { id: project.id, isPublic: next }).catch((err: unknown) => {
      setChosen(null);
      setError(refusalOf(err).message);
    });
  };
  return (
    <section className="project-part" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.public.title')}</h3>
      {isOwner ? (
        <PCheck label={tr('project.public.switch')} hint={tr('project.public.hint')} checked={isPublic} onChange={set} />
      ) : (
        <p>{tr(isPublic ? 'project.public.on' : 'project.public.off')}</p>
      )}
      {isPublic ? (
        <p>
          <PublicLink path={href} newTab>{tr('project.public.open')}</PublicLink>{' '}
          <span className="hint">{tr('project.public.afterSync')}</span>
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
    </section>
  );
}

export type { ProjectRecords };
