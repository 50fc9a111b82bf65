import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Need } from '@mekendesh/core';
import type { NeedDetail, NeedFields, NeedSummary, RankedProfile, TransferContext as Who } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useT } from './locale.tsx';
import { Checks, Field, FormMessage, Picked, Reasons, issuesOf, newId, useCtx, useDates, useLabels, useLive, usePickerGroups, type Issues } from './transfer-kit.tsx';

const EMPTY: NeedFields = {
  organisation: '', title: '', description: null, sector: '' as never, region: '' as never, settlement: null, skills: [], formats: [],
  languages: [], duration: null, startDate: null, endDate: null, targetGroup: null, country: null,
};
const fieldsOf = (n: Need): NeedFields => ({
  organisation: n.organisation, title: n.title, description: n.description, sector: n.sector, region: n.region, settlement: n.settlement,
  skills: n.skills, formats: n.formats, languages: n.languages, duration: n.duration, startDate: n.startDate, endDate: n.endDate,
  targetGroup: n.targetGroup, country: n.country,
});

export const needHref = (id: string) => `#/needs/${encodeURIComponent(id)}`;

/** Where and when, in one line: "Osh region, Kashkaldak · 1 May 2027 – 30 Jun 2027". */
function useNeedFacts() {
  const tr = useT();
  const { label } = useLabels();
  const dates = useDates();
  return (n: Need) =>
    [
      n.organisation,
      label(n.sector),
      [label(n.region), n.settlement ? label(n.settlement) : null].filter(Boolean).join(', '),
      n.duration ? tr(`availability.${n.duration}`) : null,
      n.startDate || n.endDate ? [n.startDate ? dates.day(n.startDate) : '…', n.endDate ? dates.day(n.endDate) : '…'].join(' – ') : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

function NeedList({ needs, empty }: { needs: NeedSummary[] | null; empty: Key }) {
  const tr = useT();
  const facts = useNeedFacts();
  if (needs && needs.length === 0) return <p className="hint">{tr(empty)}</p>;
  return (
    <ul className="items">
      {needs?.map((n) => (
        <li key={n.id} className="item">
          <a href={needHref(n.id)}>{n.title}</a>
          {n.status === 'closed' ? <span className="badge closed"> {tr('transfer.status.closed')}</span> : null}
          <p className="meta">{facts(n)}</p>
        </li>
      ))}
    </ul>
  );
}

/** Open needs from home; for home partners and embassy staff also their own needs and the form to post one. */
export function NeedsScreen({ who }: { who: Who }) {
  const tr = useT();
  const { engine } = useCtx();
  const [open] = useLive(['needs'], useCallback(() => engine.engine.needs({ scope: 'open' }), [engine]));
  const [mine] = useLive(['needs'], useCallback(() => engine.engine.needs({ scope: 'mine' }), [engine]));
  const [posting, setPosting] = useState<string | null>(null);
  const titleId = useId();
  const mineId = useId();
  return (
    <>
      <section className="card wide" aria-labelledby={titleId}>
        <h2 id={titleId}>{tr('needs.title')}</h2>
        <NeedList needs={open?.filter((n) => !n.mine) ?? null} empty="needs.empty" />
      </section>
      {who.canPostNeeds ? (
        <section className="card wide" aria-labelledby={mineId}>
          <h2 id={mineId}>{tr('needs.mine')}</h2>
          {posting ? (
            <NeedForm key={posting} id={posting} need={null} onDone={() => setPosting(null)} />
          ) : (
            <button type="button" onClick={() => setPosting(newId())}>
              {tr('needs.post')}
            </button>
          )}
          <NeedList needs={mine} empty="needs.mineEmpty" />
        </section>
      ) : (
        <p className="hint">{tr('needs.whoPosts')}</p>
      )}
    </>
  );
}

/** Every field of a need; for a new need with the id drawn when the form opened. */
function NeedForm({ id, need, onDone }: { id: string; need: Need | null; onDone(): void }) {
  const tr = useT();
  const { engine, reference } = useCtx();
  const { item } = useLabels();
  const groups = usePickerGroups();
  const [values, setValues] = useState<NeedFields>(need ? fieldsOf(need) : EMPTY);
  const [issues, setIssues] = useState<Issues>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const formId = useId();

  const set = <F extends keyof NeedFields>(field: F, v: NeedFields[F]) => {
    setValues((x) => ({ ...x, [field]: v }));
    setIssues((x) => ({ ...x, [field]: undefined }));
    setMessage(null);
  };
  const text = (v: string | null) => v?.trim() || null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: NeedFields = {
      ...values,
      organisation: values.organisation.trim(),
      title: values.title.trim(),
      description: text(values.description),
      targetGroup: text(values.targetGroup),
      // An empty choice is "not chosen": the worker names the field as required.
      sector: (values.sector || null) as never,
      region: (values.region || null) as never,
    };
    try {
      if (need) await engine.engine.updateNeed({ id, patch: fields });
      else await engine.engine.createNeed({ id, fields });
      onDone();
    } catch (err) {
      const found = issuesOf(err);
      if (found) setIssues(found);
      setMessage({ kind: 'error', text: found ? 'transfer.fixErrors' : errorKey(err) });
    }
  };

  const settlements = reference.settlements.filter((s) => s.region === values.region);
  return (
    <form className="subform" aria-labelledby={formId} onSubmit={submit} noValidate>
      <h3 id={formId}>{tr(need ? 'needs.edit' : 'needs.post')}</h3>
      <Field label={tr('needs.organisation')} issue={issues.organisation} hint={tr('needs.organisationHint')}>
        {(a) => <input {...a} maxLength={200} value={values.organisation} onChange={(e) => set('organisation', e.target.value)} />}
      </Field>
      <Field label={tr('needs.titleField')} issue={issues.title}>
        {(a) => <input {...a} maxLength={160} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={tr('needs.description')} issue={issues.description}>
        {(a) => <textarea {...a} rows={3} maxLength={4000} value={values.description ?? ''} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Field label={tr('needs.sector')} issue={issues.sector}>
        {(a) => (
          <select {...a} value={values.sector ?? ''} onChange={(e) => set('sector', e.target.value as never)}>
            <option value="">{tr('transfer.choose')}</option>
            {reference.sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {item(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={tr('needs.region')} issue={issues.region}>
        {(a) => (
          <select
            {...a}
            value={values.region ?? ''}
            onChange={(e) => {
              const region = e.target.value;
              setValues((x) => ({ ...x, region: region as never, settlement: reference.settlements.some((s) => s.id === x.settlement && s.region === region) ? x.settlement : null }));
              setIssues((x) => ({ ...x, region: undefined }));
            }}
          >
            <option value="">{tr('transfer.choose')}</option>
            {reference.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {item(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={tr('needs.settlement')} issue={issues.settlement}>
        {(a) => (
          <select {...a} value={values.settlement ?? ''} disabled={!values.region} onChange={(e) => set('settlement', e.target.value || null)}>
            <option value="">{tr(values.region ? 'needs.wholeRegion' : 'needs.chooseRegionFirst')}</option>
            {settlements.map((s) => (
              <option key={s.id} value={s.id}>
                {item(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Picked label={tr('needs.skills')} addLabel={tr('transfer.addSkill')} groups={groups.skills} value={values.skills} onChange={(v) => set('skills', v)} issue={issues.skills} />
      <Checks label={tr('needs.formats')} options={reference.formats.map((f) => ({ value: f, label: tr(`format.${f}`) }))} value={values.formats} onChange={(v) => set('formats', v as NeedFields['formats'])} issue={issues.formats} />
      <Picked label={tr('needs.languages')} addLabel={tr('transfer.addLanguage')} groups={groups.languages} value={values.languages} onChange={(v) => set('languages', v)} issue={issues.languages} />
      <Field label={tr('needs.duration')} issue={issues.duration}>
        {(a) => (
          <select {...a} value={values.duration ?? ''} onChange={(e) => set('duration', (e.target.value || null) as NeedFields['duration'])}>
            <option value="">{tr('transfer.none')}</option>
            {reference.availability.map((v) => (
              <option key={v} value={v}>
                {tr(`availability.${v}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="pair">
        <Field label={tr('needs.startDate')} issue={issues.startDate}>
          {(a) => <input {...a} type="date" value={values.startDate ?? ''} onChange={(e) => set('startDate', e.target.value || null)} />}
        </Field>
        <Field label={tr('needs.endDate')} issue={issues.endDate}>
          {(a) => <input {...a} type="date" value={values.endDate ?? ''} onChange={(e) => set('endDate', e.target.value || null)} />}
        </Field>
      </div>
      <Field label={tr('needs.targetGroup')} issue={issues.targetGroup} hint={tr('needs.targetGroupHint')}>
        {(a) => <input {...a} maxLength={300} value={values.targetGroup ?? ''} onChange={(e) => set('targetGroup', e.target.value)} />}
      </Field>
      <Field label={tr('needs.country')} issue={issues.country} hint={tr('needs.countryHint')}>
        {(a) => (
          <select {...a} value={values.country ?? ''} onChange={(e) => set('country', e.target.value || null)}>
            <option value="">{tr('transfer.none')}</option>
            {reference.countries.map((c) => (
              <option key={c.id} value={c.id}>
                {item(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit">{tr(need ? 'transfer.saveChanges' : 'needs.publish')}</button>
        <button type="button" onClick={onDone}>
          {tr('transfer.cancel')}
        </button>
        <FormMessage message={message} />
      </div>
    </form>
  );
}

/**
 * One need: its fields; for its poster the members who match, best first, with the reasons,
 * and a proposal button each; for a member how they match and "Express interest".
 */
export function NeedScreen({ id }: { id: string }) {
  const tr = useT();
  const { engine } = useCtx();
  const { label, join } = useLabels();
  const facts = useNeedFacts();
  const [detail] = useLive(
    ['needs', 'profiles', 'engagements'],
    useCallback(() => engine.engine.needDetail({ id }).catch(() => 'missing' as const), [engine, id]),
  );
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();

  if (detail === null) return null;
  if (detail === 'missing') {
    return (
      <section className="card wide">
        <p>{tr('needs.missing')}</p>
        <a href="#/needs">{tr('needs.back')}</a>
      </section>
    );
  }
  const { need } = detail;
  const close = (reopen: boolean) => {
    setError(null);
    engine.engine.closeNeed({ id, reopen }).catch((err: unknown) => setError(errorKey(err)));
  };
  return (
    <>
      <section className="card wide" aria-labelledby={titleId}>
        <p>
          <a href="#/needs">{tr('needs.back')}</a>
        </p>
        <h2 id={titleId}>
          {need.title} {need.status === 'closed' ? <span className="badge closed">{tr('transfer.status.closed')}</span> : null}
        </h2>
        <p className="meta">{facts(need)}</p>
        {need.description ? <p>{need.description}</p> : null}
        <dl className="facts">
          {need.skills.length > 0 ? (
            <>
              <dt>{tr('needs.skills')}</dt>
              <dd>{join(need.skills.map(label))}</dd>
            </>
          ) : null}
          {need.formats.length > 0 ? (
            <>
              <dt>{tr('needs.formats')}</dt>
              <dd>{join(need.formats.map((f) => tr(`format.${f}`)))}</dd>
            </>
          ) : null}
          {need.languages.length > 0 ? (
            <>
              <dt>{tr('needs.languages')}</dt>
              <dd>{join(need.languages.map(label))}</dd>
            </>
          ) : null}
          {need.targetGroup ? (
            <>
              <dt>{tr('needs.targetGroup')}</dt>
              <dd>{need.targetGroup}</dd>
            </>
          ) : null}
          {need.country ? (
            <>
              <dt>{tr('needs.country')}</dt>
              <dd>{label(need.country)}</dd>
            </>
          ) : null}
        </dl>
        {need.mine ? (
          editing ? (
            <NeedForm id={need.id} need={need} onDone={() => setEditing(false)} />
          ) : (
            <div className="actions">
              <button type="button" onClick={() => setEditing(true)}>
                {tr('needs.edit')}
              </button>
              <button type="button" onClick={() => close(need.status === 'closed')}>
                {tr(need.status === 'open' ? 'needs.close' : 'needs.reopen')}
              </button>
            </div>
          )
        ) : (
          <Interest detail={detail} />
        )}
        {error ? (
          <p className="error" role="alert">
            {tr(error)}
          </p>
        ) : null}
      </section>
      {need.mine ? <Matches detail={detail} /> : null}
    </>
  );
}

/** A member's side of a need: why it matches them, and "Express interest" with a message. */
function Interest({ detail }: { detail: NeedDetail }) {
  const tr = useT();
  const { engine } = useCtx();
  const [draft] = useState(newId);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Key | null>(null);
  const titleId = useId();
  const current = detail.engagements.find((e) => ['proposed', 'accepted', 'in_progress'].includes(e.status)) ?? detail.engagements[0];
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await engine.engine.propose({ id: draft, needId: detail.need.id, message: message.trim() || null });
    } catch (err) {
      setError(issuesOf(err) ? 'transfer.issue.too_long' : errorKey(err));
    }
  };
  return (
    <div className="interest">
      <h3 id={titleId}>{tr('needs.yourMatch')}</h3>
      {detail.myMatch ? <Reasons reasons={detail.myMatch.reasons} label={tr('needs.yourMatch')} /> : <p className="hint">{tr('needs.noMatchForYou')}</p>}
      {current ? (
        <p role="status">
          {tr('needs.interestStatus', { status: tr(`engagement.status.${current.status}`) })} <a href="#/engagements">{tr('nav.engagements')}</a>
        </p>
      ) : detail.need.status === 'open' ? (
        <form onSubmit={send} aria-label={tr('needs.interest')}>
          <Field label={tr('needs.message')}>
            {(a) => <textarea {...a} rows={2} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          <button type="submit">{tr('needs.interest')}</button>
          {error ? (
            <p className="error" role="alert">
              {tr(error)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

/** For the poster: members who match, best first, with the reasons and a proposal button. */
function Matches({ detail }: { detail: NeedDetail }) {
  const tr = useT();
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('needs.matches')}</h2>
      <p className="hint" role="status">
        {tr('needs.matchCount', { count: detail.matches.length })}
      </p>
      <ol className="items">
        {detail.matches.map((m, i) => (
          <MatchItem key={m.person.id} rank={i + 1} needId={detail.need.id} open={detail.need.status === 'open'} match={m} />
        ))}
      </ol>
    </section>
  );
}

function MatchItem({ rank, needId, open, match }: { rank: number; needId: string; open: boolean; match: RankedProfile }) {
  const tr = useT();
  const { engine } = useCtx();
  const [draft] = useState(newId);
  const [error, setError] = useState<Key | null>(null);
  const name = match.person.name ?? tr('transfer.someone');
  return (
    <li className="item">
      <article aria-label={name}>
        <h3>
          <span className="rank">{tr('needs.rank', { rank })}</span> {name}
        </h3>
        <Reasons reasons={match.reasons} label={tr('needs.whyMatch', { name })} />
        {match.engagement ? (
          <p>{tr('needs.interestStatus', { status: tr(`engagement.status.${match.engagement.status}`) })}</p>
        ) : open ? (
          <button
            type="button"
            aria-label={tr('needs.proposeTo', { name })}
            onClick={() => {
              setError(null);
              engine.engine.propose({ id: draft, needId, memberId: match.person.id }).catch((err: unknown) => setError(errorKey(err)));
            }}
          >
            {tr('needs.propose')}
          </button>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {tr(error)}
          </p>
        ) : null}
      </article>
    </li>
  );
}

/** "Needs for me": open needs that match the member's profile, best first, with the reasons. */
export function ForMeScreen() {
  const tr = useT();
  const { engine } = useCtx();
  const facts = useNeedFacts();
  const [found] = useLive(['needs', 'profiles'], useCallback(() => engine.engine.needsForMe(), [engine]));
  const titleId = useId();
  return (
    <section className="card wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{tr('forMe.title')}</h2>
      <p className="hint" role="status">
        {found ? tr('forMe.count', { count: found.length }) : ''}
      </p>
      {found && found.length === 0 ? <p className="hint">{tr('forMe.empty')}</p> : null}
      <ul className="items">
        {found?.map(({ need, reasons }) => (
          <li key={need.id} className="item">
            <article aria-label={need.title}>
              <h3>
                <a href={needHref(need.id)}>{need.title}</a>
              </h3>
              <p className="meta">{facts(need)}</p>
              <Reasons reasons={reasons} label={tr('needs.whyMatch', { name: need.title })} />
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
