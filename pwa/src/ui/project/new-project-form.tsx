/**
 * "New project": who owns it (an association the account manages, or the account itself as a
 * home partner), then its description and budget. Created on this device at once (offline
 * too) and sent when online; the account becomes its owner. Hidden, with the reason, for
 * accounts that may not create one.
 */
import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Engine } from '../../engine-client.ts';
import type { Key } from '../../i18n/index.ts';
import { useT } from '../locale.tsx';
import { PField, Status, mutate, refusalOf, useCurrencies, useEngineLive, useProjectReference, type Refusal } from './kit.tsx';
import { BUDGET_FIELDS, EMPTY_PROJECT, ProjectFieldsEditor, fieldsOf, type ProjectValues } from './project-fields.tsx';
import '../../i18n/project.ts';
import './project.css';

const PARTNER = 'partner';
const newId = () => crypto.randomUUID();

export default function NewProjectForm({ engine, onCreated }: { engine: Engine; onCreated(id: string): void }) {
  const tr = useT();
  const owners = useEngineLive(engine, ['accounts', 'memberships', 'associations'], useCallback(() => engine.engine['projects.owners'](), [engine]));
  const labels = useProjectReference(engine);
  const currencies = useCurrencies(engine);
  const [open, setOpen] = useState(false);
  // Ids drawn once per form: a retried save cannot make a second project.
  const [ids, setIds] = useState(() => ({ id: newId(), memberId: newId() }));
  const [owner, setOwner] = useState('');
  const [values, setValues] = useState<ProjectValues>(EMPTY_PROJECT);
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const titleId = useId();

  if (!owners || !labels) return null;
  const choices = [...owners.associations.map((a) => ({ value: a.id, label: a.name })), ...(owners.partner ? [{ value: PARTNER, label: tr('project.new.asPartner') }] : [])];
  if (choices.length === 0) {
    return (
      <section className="project-new" aria-labelledby={titleId}>
        <h3 id={titleId}>{tr('project.new.title')}</h3>
        <p className="hint">{tr('project.new.cannot')}</p>
      </section>
    );
  }
  const chosen = owner || choices[0]!.value;

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
    const { status: _draft, ...fields } = built.fields;
    try {
      await mutate(engine, 'project.create', {
        ...ids,
        ...fields,
        associationId: chosen === PARTNER ? null : chosen,
        partnerId: chosen === PARTNER ? owners.accountId : null,
      });
      const created = ids.id;
      setIds({ id: newId(), memberId: newId() });
      setValues(EMPTY_PROJECT);
      setOpen(false);
      onCreated(created);
    } catch (err) {
      const r = refusalOf(err, BUDGET_FIELDS);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
    }
  };

  if (!open) {
    return (
      <section className="project-new" aria-labelledby={titleId}>
        <h3 id={titleId}>{tr('project.new.title')}</h3>
        <p className="hint">{tr('project.new.intro')}</p>
        <button type="button" onClick={() => setOpen(true)}>
          {tr('project.new.open')}
        </button>
      </section>
    );
  }
  return (
    <section className="project-new" aria-labelledby={titleId}>
      <h3 id={titleId}>{tr('project.new.title')}</h3>
      <form aria-labelledby={titleId} onSubmit={submit} noValidate>
        <PField label={tr('project.new.owner')} hint={tr('project.new.ownerHint')}>
          {(a) => (
            <select {...a} value={chosen} onChange={(e) => setOwner(e.target.value)}>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </PField>
        <ProjectFieldsEditor values={values} onChange={change} errors={errors} labels={labels} currencies={currencies} withStatus={false} />
        <div className="actions">
          <button type="submit">{tr('project.new.create')}</button>
          <button type="button" onClick={() => setOpen(false)}>
            {tr('transfer.cancel')}
          </button>
          <Status message={message} />
        </div>
      </form>
    </section>
  );
}
