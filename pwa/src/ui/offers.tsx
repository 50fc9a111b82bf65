import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Offer } from '@mekendesh/core';
import type { OfferFields } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';
import { Checks, Field, FormMessage, Picked, issuesOf, newId, useCtx, useLabels, useLive, usePickerGroups, type Issues } from './transfer-kit.tsx';

const EMPTY: OfferFields = { title: '', description: null, sectors: [], skills: [], formats: [], availability: null, languages: [], regions: [] };
const fieldsOf = (o: Offer): OfferFields => ({
  title: o.title, description: o.description, sectors: o.sectors, skills: o.skills, formats: o.formats,
  availability: o.availability, languages: o.languages, regions: o.regions,
});

/** "My offers": what the member offers to teach or do at home; create, edit, close and reopen. */
export function OffersScreen() {
  const tr = useT();
  const { engine } = useCtx();
  const { label, join } = useLabels();
  const [offers] = useLive(['offers'], useCallback(() => engine.engine.myOffers(), [engine]));
  /** null: no form; 'new': a new offer (with its id drawn once); else the offer being edited. */
  const [editing, setEditing] = useState<{ id: string; offer: Offer | null } | null>(null);
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();

  const close = (o: Offer, reopen: boolean) => {
    setError(null);
    engine.engine.closeOffer({ id: o.id, reopen }).catch((err: unknown) => setError(errorKey(err)));
  };

  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('offers.title')}</h2>
      <p className="hint">{tr('offers.intro')}</p>
      {editing ? (
        <OfferForm key={editing.id} id={editing.id} offer={editing.offer} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing({ id: newId(), offer: null })}>
          {tr('offers.new')}
        </button>
      )}
      {error ? (
        <p className="error" role="alert">
          {tr(error)}
        </p>
      ) : null}
      {offers && offers.length === 0 ? <p className="hint">{tr('offers.empty')}</p> : null}
      <ul className="items">
        {offers?.map((o) => (
          <li key={o.id}>
            <article className="item" aria-label={o.title}>
              <h3>
                {o.title} <span className={`badge ${o.status}`}>{tr(`transfer.status.${o.status}`)}</span>
              </h3>
              {o.description ? <p>{o.description}</p> : null}
              <p className="meta">
                {[...o.skills.map(label), ...o.formats.map((f) => tr(`format.${f}`))].join(' · ')}
                {o.regions.length > 0 ? ` · ${join(o.regions.map(label))}` : ''}
              </p>
              <div className="actions">
                <button type="button" aria-label={tr('transfer.editOf', { title: o.title })} onClick={() => setEditing({ id: o.id, offer: o })}>
                  {tr('transfer.edit')}
                </button>
                {o.status === 'open' ? (
                  <button type="button" aria-label={tr('transfer.closeOf', { title: o.title })} onClick={() => close(o, false)}>
                    {tr('transfer.close')}
                  </button>
                ) : (
                  <button type="button" aria-label={tr('transfer.reopenOf', { title: o.title })} onClick={() => close(o, true)}>
                    {tr('transfer.reopen')}
                  </button>
                )}
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Open offers of other members, newest first: what home partners and everyone else can browse. */
export function OthersOffers() {
  const tr = useT();
  const { engine } = useCtx();
  const { label, join } = useLabels();
  const [offers] = useLive(['offers', 'profiles'], useCallback(() => engine.engine.openOffers(), [engine]));
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('offers.others')}</h2>
      {offers && offers.length === 0 ? <p className="hint">{tr('offers.othersEmpty')}</p> : null}
      <ul className="items">
        {offers?.map((o) => (
          <li key={o.id}>
            <article className="item" aria-label={o.title}>
              <h3>{o.title}</h3>
              <p>{o.member.name ?? tr('transfer.someone')}</p>
              {o.description ? <p>{o.description}</p> : null}
              <p className="meta">
                {[...o.skills.map(label), ...o.formats.map((f) => tr(`format.${f}`)), ...(o.availability ? [tr(`availability.${o.availability}`)] : [])].join(' · ')}
                {o.regions.length > 0 ? ` · ${join(o.regions.map(label))}` : ''}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfferForm({ id, offer, onDone }: { id: string; offer: Offer | null; onDone(): void }) {
  const tr = useT();
  const { engine, reference } = useCtx();
  const { item } = useLabels();
  const groups = usePickerGroups();
  const [values, setValues] = useState<OfferFields>(offer ? fieldsOf(offer) : EMPTY);
  const [issues, setIssues] = useState<Issues>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const formId = useId();

  const set = <F extends keyof OfferFields>(field: F, v: OfferFields[F]) => {
    setValues((x) => ({ ...x, [field]: v }));
    setIssues((x) => ({ ...x, [field]: undefined }));
    setMessage(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: OfferFields = { ...values, title: values.title.trim(), description: values.description?.trim() || null };
    try {
      if (offer) await engine.engine.updateOffer({ id, patch: fields });
      else await engine.engine.createOffer({ id, fields });
      onDone();
    } catch (err) {
      const found = issuesOf(err);
      if (found) setIssues(found);
      setMessage({ kind: 'error', text: found ? 'transfer.fixErrors' : errorKey(err) });
    }
  };

  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h3 id={formId}>{tr(offer ? 'offers.edit' : 'offers.new')}</h3>
      <Field label={tr('offers.titleField')} issue={issues.title}>
        {(a) => <input {...a} maxLength={160} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={tr('offers.description')} issue={issues.description}>
        {(a) => <textarea {...a} rows={3} maxLength={4000} value={values.description ?? ''} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Picked label={tr('offers.skills')} addLabel={tr('transfer.addSkill')} groups={groups.skills} value={values.skills} onChange={(v) => set('skills', v)} issue={issues.skills} />
      <Checks label={tr('offers.sectors')} options={reference.sectors.map((s) => ({ value: s.id, label: item(s) }))} value={values.sectors} onChange={(v) => set('sectors', v)} issue={issues.sectors} />
      <Checks label={tr('offers.formats')} options={reference.formats.map((f) => ({ value: f, label: tr(`format.${f}`) }))} value={values.formats} onChange={(v) => set('formats', v as OfferFields['formats'])} issue={issues.formats} />
      <Field label={tr('offers.availability')} issue={issues.availability}>
        {(a) => (
          <select {...a} value={values.availability ?? ''} onChange={(e) => set('availability', (e.target.value || null) as OfferFields['availability'])}>
            <option value="">{tr('transfer.none')}</option>
            {reference.availability.map((v) => (
              <option key={v} value={v}>
                {tr(`availability.${v}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Picked label={tr('offers.languages')} addLabel={tr('transfer.addLanguage')} groups={groups.languages} value={values.languages} onChange={(v) => set('languages', v)} issue={issues.languages} />
      <Checks
        label={tr('offers.regions')}
        hint={tr('offers.regionsHint')}
        options={reference.regions.map((r) => ({ value: r.id, label: item(r) }))}
        value={values.regions}
        onChange={(v) => set('regions', v)}
        issue={issues.regions}
      />
      <div className="actions">
        <button type="submit">{tr(offer ? 'transfer.saveChanges' : 'offers.create')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}
