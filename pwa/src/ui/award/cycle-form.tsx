/**
 * A new award cycle (coordinators): its year and title in the three languages, the categories
 * (the suggested ones), the dates in Bishkek time, the scoring rubric (scale and weighted
 * criteria, each named in the three languages), the committee (found by name on this device)
 * and the rules (reviewers per nomination, quorum, cap, cooldown). It is made as a draft that
 * only coordinators see, and published from the cycle's page.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AwardDefaults, SearchHit } from '../../engine-client.ts';
import { t, type Key, type Locale } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { AField, FormStatus, awardHref, inLocale, mutate, refusalOf, useAward, type Refusal } from './kit.tsx';

const FROM = `award-committee-${Math.random().toString(36).slice(2)}`;
const L: Locale[] = ['ky', 'ru', 'en'];
const nameOfHit = (h: SearchHit) => h.nameCyrillic || h.nameLatin || h.displayName || '';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
const tri = (key: Key, args?: Record<string, string | number>) => ({ ky: t('ky', key, args), ru: t('ru', key, args), en: t('en', key, args) });

interface Criterion {
  id: string;
  name: Record<Locale, string>;
  weight: string;
}

const DEFAULT_CRITERIA: [Key, number][] = [
  ['award.setup.criterion.impact', 3],
  ['award.setup.criterion.reach', 2],
  ['award.setup.criterion.example', 1],
];

export function CycleForm() {
  const tr = useT();
  const { locale } = useLocale();
  const { engine } = useAward();
  const titleId = useId();
  const [defaults, setDefaults] = useState<AwardDefaults | null>(null);
  const year = new Date().getFullYear();
  const [id] = useState(() => crypto.randomUUID());
  const [v, setV] = useState(() => ({
    year: String(year),
    title: tri('award.setup.defaultTitle', { year }),
    categories: [] as string[],
    nominationsOpen: inDays(0),
    nominationsClose: inDays(60),
    reviewEnd: inDays(90),
    announcement: inDays(105),
    scaleMin: '1',
    scaleMax: '10',
    criteria: DEFAULT_CRITERIA.map(([key, weight], i): Criterion => ({ id: `c${i + 1}`, name: tri(key), weight: String(weight) })),
    committee: [] as { id: string; name: string }[],
    reviewersPerNomination: '2',
    quorum: '3',
    winnerCooldownCycles: '2',
    nominatorCap: '3',
  }));
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  useEffect(() => {
    let live = true;
    void engine.engine['awards.defaults']().then((d) => {
      if (!live) return;
      setDefaults(d);
      setV((x) => (x.categories.length ? x : { ...x, categories: d.categories.map((c) => c.id) }));
    });
    return () => {
      live = false;
    };
  }, [engine]);
  type V = typeof v;
  const set = (next: Partial<V>) => {
    setV((x) => ({ ...x, ...next }));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(next)) for (const f of Object.keys(out)) if (f === k || f.startsWith(`${k}.`) || (k.startsWith('nominations') || k === 'reviewEnd' || k === 'announcement' ? f === 'dates' : false)) delete out[f];
      return out;
    });
    setMessage(null);
  };
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const args = {
      id,
      year: num(v.year),
      title: v.title,
      categories: (defaults?.categories ?? []).filter((c) => v.categories.includes(c.id)),
      nominationsOpen: v.nominationsOpen,
      nominationsClose: v.nominationsClose,
      reviewEnd: v.reviewEnd,
      announcement: v.announcement,
      rubric: { scaleMin: num(v.scaleMin), scaleMax: num(v.scaleMax), criteria: v.criteria.map((c) => ({ id: c.id, name: c.name, weight: num(c.weight) })) },
      committee: v.committee.map((m) => m.id),
      reviewersPerNomination: num(v.reviewersPerNomination),
      quorum: num(v.quorum),
      winnerCooldownCycles: num(v.winnerCooldownCycles),
      nominatorCap: num(v.nominatorCap),
    };
    try {
      await mutate(engine, 'awardCycle.create', args);
      location.hash = awardHref.cycle(id);
    } catch (err) {
      const r = refusalOf(err);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
    }
  };

  const criterion = (i: number, next: Partial<Criterion>) => set({ criteria: v.criteria.map((c, j) => (j === i ? { ...c, ...next } : c)) });
  return (
    <section className="card wide award-form" aria-labelledby={titleId}>
      <a className="back" href={awardHref.home}>
        {tr('award.back')}
      </a>
      <h2 id={titleId}>{tr('award.setup.title')}</h2>
      <p className="hint">{tr('award.setup.intro')}</p>
      <form aria-labelledby={titleId} onSubmit={create} noValidate>
        <fieldset className="award-group">
          <legend>{tr('award.setup.about')}</legend>
          <AField label={tr('award.setup.year')} error={errors.year}>
            {(a) => <input {...a} inputMode="numeric" value={v.year} onChange={(e) => set({ year: e.target.value })} />}
          </AField>
          {L.map((l) => (
            <AField key={l} label={tr('award.setup.titleIn', { lang: tr(`lang.${l}`) })} error={errors[`title.${l}`]}>
              {(a) => <input {...a} lang={l} maxLength={200} value={v.title[l]} onChange={(e) => set({ title: { ...v.title, [l]: e.target.value } })} />}
            </AField>
          ))}
          <fieldset className="checks-list">
            <legend>{tr('award.setup.categories')}</legend>
            {defaults?.categories.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={v.categories.includes(c.id)}
                  onChange={(e) => set({ categories: e.target.checked ? [...v.categories, c.id] : v.categories.filter((x) => x !== c.id) })}
                />
                {inLocale(c.name, locale)}
              </label>
            ))}
            {errors.categories ? <small className="error">{tr(errors.categories)}</small> : null}
          </fieldset>
        </fieldset>

        <fieldset className="award-group">
          <legend>{tr('award.setup.dates')}</legend>
          <p className="hint">{tr('award.setup.datesHint')}</p>
          <div className="pair">
            {(['nominationsOpen', 'nominationsClose', 'reviewEnd', 'announcement'] as const).map((k) => (
              <AField key={k} label={tr(`award.setup.${k}`)} error={errors[k]}>
                {(a) => <input {...a} type="date" value={v[k]} onChange={(e) => set({ [k]: e.target.value })} />}
              </AField>
            ))}
          </div>
          {errors.dates ? <p className="error">{tr(errors.dates)}</p> : null}
        </fieldset>

        <fieldset className="award-group">
          <legend>{tr('award.setup.rubric')}</legend>
          <div className="pair">
            <AField label={tr('award.setup.scaleMin')} error={errors['rubric.scaleMin']}>
              {(a) => <input {...a} type="number" min={0} max={10} value={v.scaleMin} onChange={(e) => set({ scaleMin: e.target.value })} />}
            </AField>
            <AField label={tr('award.setup.scaleMax')} error={errors['rubric.scaleMax']}>
              {(a) => <input {...a} type="number" min={1} max={100} value={v.scaleMax} onChange={(e) => set({ scaleMax: e.target.value })} />}
            </AField>
          </div>
          {v.criteria.map((c, i) => (
            <fieldset key={c.id} className="criterion-row">
              <legend>{tr('award.setup.criterion', { n: i + 1 })}</legend>
              {L.map((l) => (
                <AField key={l} label={tr('award.setup.criterionName', { n: i + 1, lang: tr(`lang.${l}`) })} error={errors[`rubric.criteria.${i}.name.${l}`]}>
                  {(a) => <input {...a} lang={l} maxLength={200} value={c.name[l]} onChange={(e) => criterion(i, { name: { ...c.name, [l]: e.target.value } })} />}
                </AField>
              ))}
              <div className="inline-form">
                <AField label={tr('award.setup.weight', { n: i + 1 })} error={errors[`rubric.criteria.${i}.weight`]}>
                  {(a) => <input {...a} type="number" min={1} max={100} value={c.weight} onChange={(e) => criterion(i, { weight: e.target.value })} />}
                </AField>
                <button type="button" className="secondary" disabled={v.criteria.length <= 1} aria-label={tr('award.setup.removeCriterion', { n: i + 1 })} onClick={() => set({ criteria: v.criteria.filter((_, j) => j !== i) })}>
                  {tr('award.form.remove')}
                </button>
              </div>
            </fieldset>
          ))}
          <button
            type="button"
            className="secondary"
            disabled={v.criteria.length >= 12}
            onClick={() => {
              let n = v.criteria.length + 1;
              while (v.criteria.some((c) => c.id === `c${n}`)) n++;
              set({ criteria: [...v.criteria, { id: `c${n}`, name: { ky: '', ru: '', en: '' }, weight: '1' }] });
            }}
          >
            {tr('award.setup.addCriterion')}
          </button>
          {errors.rubric ? <p className="error">{tr(errors.rubric)}</p> : null}
        </fieldset>

        <Committee members={v.committee} error={errors.committee} onChange={(committee) => set({ committee })} />

        <fieldset className="award-group">
          <legend>{tr('award.setup.rules')}</legend>
          <div className="pair">
            {(['reviewersPerNomination', 'quorum', 'nominatorCap', 'winnerCooldownCycles'] as const).map((k) => (
              <AField key={k} label={tr(`award.setup.${k}`)} error={errors[k]}>
                {(a) => <input {...a} type="number" min={k === 'winnerCooldownCycles' ? 0 : 1} max={k === 'winnerCooldownCycles' ? 10 : 100} value={v[k]} onChange={(e) => set({ [k]: e.target.value })} />}
              </AField>
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">
            {tr('award.setup.create')}
          </button>
        </div>
        <FormStatus message={message} />
      </form>
    </section>
  );
}

function Committee({ members, error, onChange }: { members: { id: string; name: string }[]; error?: Key | undefined; onChange(m: { id: string; name: string }[]): void }) {
  const tr = useT();
  const { engine } = useAward();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const resultsId = useId();
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      engine.engine.search({ text: query, limit: 8 + members.length, from: FROM }).then(
        (r) => live && r && setHits(r.hits),
        () => live && setHits([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, text, members.length]);
  const found = (hits ?? []).filter((h) => !members.some((m) => m.id === h.id)).slice(0, 8);
  return (
    <fieldset className="award-group">
      <legend>{tr('award.setup.committee')}</legend>
      {members.length === 0 ? <p className="hint">{tr('award.setup.committeeNone')}</p> : null}
      <ul className="items members">
        {members.map((m) => (
          <li key={m.id} className="member">
            <span className="member-name">{m.name}</span>
            <button type="button" className="secondary" aria-label={tr('award.setup.removeMember', { name: m.name })} onClick={() => onChange(members.filter((x) => x.id !== m.id))}>
              {tr('award.form.remove')}
            </button>
          </li>
        ))}
      </ul>
      <AField label={tr('award.setup.findMember')} hint={tr('award.form.findMemberHint')} error={error && members.length === 0 ? 'award.setup.committeeRequired' : error}>
        {(a) => <input {...a} type="search" autoComplete="off" aria-controls={resultsId} value={text} onChange={(e) => setText(e.target.value)} />}
      </AField>
      <ul id={resultsId} className="hits" aria-label={tr('award.form.results')}>
        {found.map((h) => {
          const name = nameOfHit(h) || tr('award.nominee.unnamed');
          return (
            <li key={h.id} className="member">
              <span className="member-name">{name}</span>
              <button type="button" className="secondary" aria-label={tr('award.setup.addMemberOf', { name })} onClick={() => onChange([...members, { id: h.id, name }])}>
                {tr('award.setup.addMember')}
              </button>
            </li>
          );
        })}
      </ul>
      {hits && found.length === 0 ? <p className="hint">{tr('award.form.noHits')}</p> : null}
    </fieldset>
  );
}
