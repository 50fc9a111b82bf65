/**
 * The nomination form (embassy staff and association leaders): the cycle and its window, the
 * category, the nominee (a member found by name on this device, or someone outside the
 * platform), the statement in its language, evidence links, the nominee's work on the platform,
 * and evidence files. "Save draft" works offline and says so; "Submit" shows why it cannot
 * (the window, the cap, the nominee, the statement), from this device's check or later from the
 * server's. Files need the server.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { Locale } from '@mekendesh/i18n/base';
import type { CycleSummary, NominationDetail, NomineeEvidence, SearchHit } from '../../engine-client.ts';
import { LOCALES, type Key } from '../../i18n/index.ts';
import { useLocale, useT } from '../locale.tsx';
import { useReference } from '../reference.ts';
import { EvidenceFiles } from './evidence-files.tsx';
import { AField, AWARD_TABLES, Confirm, FormStatus, WindowLine, awardHref, inLocale, mutate, offlineNow, reasonKey, refusalOf, useAward, useAwardLive, useFormats, type Refusal } from './kit.tsx';

const FROM = `award-nominee-${Math.random().toString(36).slice(2)}`;
const nameOfHit = (h: SearchHit) => h.nameCyrillic || h.nameLatin || h.displayName || '';

interface Values {
  cycleId: string;
  categoryId: string;
  /** '' for embassy staff, else the association's id. */
  nominateAs: string;
  nomineeKind: 'member' | 'outside';
  nomineeAccountId: string | null;
  nomineeName: string;
  nomineeCountry: string;
  nomineeCity: string;
  statement: string;
  statementLang: Locale;
  links: { url: string; title: string }[];
  refs: { kind: 'project' | 'engagement'; id: string }[];
}

type Message = { kind: 'saved' | 'error'; text: Key; args?: Record<string, string | number> } | null;

function valuesOf(d: NominationDetail | null, cycles: CycleSummary[], initialCycleId: string | undefined, asDefault: string, locale: Locale): Values {
  if (d) {
    const n = d.nomination;
    return {
      cycleId: n.cycleId,
      categoryId: n.categoryId,
      nominateAs: n.associationId ?? '',
      nomineeKind: n.nomineeAccountId ? 'member' : 'outside',
      nomineeAccountId: n.nomineeAccountId,
      nomineeName: n.nomineeName,
      nomineeCountry: n.nomineeCountry ?? '',
      nomineeCity: n.nomineeCity ?? '',
      statement: n.statement,
      statementLang: n.statementLang,
      links: n.evidenceLinks.map((l) => ({ url: l.url, title: l.title })),
      refs: n.evidenceRefs,
    };
  }
  const cycle = cycles.find((c) => c.id === initialCycleId) ?? cycles[0];
  return {
    cycleId: cycle?.id ?? '',
    categoryId: cycle?.categories[0]?.id ?? '',
    nominateAs: asDefault,
    nomineeKind: 'member',
    nomineeAccountId: null,
    nomineeName: '',
    nomineeCountry: '',
    nomineeCity: '',
    statement: '',
    statementLang: locale,
    links: [],
    refs: [],
  };
}

/** The form for a new nomination, or for a draft (`detail`) of the account's own. */
export function NominationForm({ initialCycleId, detail = null }: { initialCycleId?: string | undefined; detail?: NominationDetail | null }) {
  const tr = useT();
  const { engine } = useAward();
  const [cycles] = useAwardLive(engine, ['award_cycles'], useCallback(() => engine.engine['awards.cycles'](), [engine]));
  const open = useMemo(() => cycles?.filter((c) => c.published && (c.window !== 'after' || c.id === detail?.nomination.cycleId)), [cycles, detail]);
  if (!open) return <p className="loading">{tr('award.loading')}</p>;
  if (open.length === 0) {
    return (
      <section className="card wide">
        <a className="back" href={awardHref.home}>
          {tr('award.back')}
        </a>
        <p className="hint">{tr('award.form.noCycle')}</p>
      </section>
    );
  }
  return <Form cycles={open} initialCycleId={initialCycleId} detail={detail} />;
}

function Form({ cycles, initialCycleId, detail }: { cycles: CycleSummary[]; initialCycleId: string | undefined; detail: NominationDetail | null }) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine, who } = useAward();
  const reference = useReference(engine);
  const [id] = useState(() => detail?.nomination.id ?? crypto.randomUUID());
  const [created, setCreated] = useState(detail !== null);
  const asDefault = who.embassy ? '' : (who.associations[0]?.id ?? '');
  const [v, setV] = useState<Values>(() => valuesOf(detail, cycles, initialCycleId, asDefault, locale));
  const [errors, setErrors] = useState<Refusal['fields']>({});
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const cycle = cycles.find((c) => c.id === v.cycleId) ?? cycles[0]!;
  // The files the server lists on it (they arrive with the next pull after an upload).
  const [saved] = useAwardLive(engine, ['nominations'], useCallback(() => (created ? engine.engine['awards.nomination']({ id }) : Promise.resolve(null)), [engine, id, created]));

  const set = (next: Partial<Values>, clear: string[] = Object.keys(next)) => {
    setV((x) => ({ ...x, ...next }));
    setErrors((e) => {
      const out = { ...e };
      for (const k of clear) for (const f of Object.keys(out)) if (f === k || f.startsWith(`${k}.`)) delete out[f];
      return out;
    });
    setMessage(null);
  };

  const fields = () => {
    const outside = v.nomineeKind === 'outside';
    return {
      categoryId: v.categoryId,
      nomineeAccountId: outside ? null : v.nomineeAccountId,
      nomineeName: v.nomineeName.trim(),
      nomineeCountry: v.nomineeCountry || null,
      nomineeCity: v.nomineeCity.trim() || null,
      statement: v.statement,
      statementLang: v.statementLang,
      evidenceLinks: v.links.filter((l) => l.url.trim() || l.title.trim()).map((l) => ({ url: l.url.trim(), title: l.title.trim() || l.url.trim() })),
      evidenceRefs: outside ? [] : v.refs,
    };
  };

  /** Saves the draft (creates it the first time); returns whether it is saved and whether only on this device. */
  const save = async (): Promise<{ ok: boolean; offline: boolean }> => {
    if (v.nomineeKind === 'member' && !v.nomineeAccountId) {
      setErrors({ nominee: 'award.form.chooseMember' });
      setMessage({ kind: 'error', text: 'transfer.fixErrors' });
      return { ok: false, offline: false };
    }
    // Rows left wholly empty are dropped (the last ones, as a rule), so an issue's index is its row's.
    const f = fields();
    try {
      const r = created
        ? await mutate(engine, 'nomination.update', { id, patch: f })
        : await mutate(engine, 'nomination.create', { id, cycleId: v.cycleId, associationId: v.nominateAs || null, ...f });
      if (!created) {
        setCreated(true);
        // The address of the draft, so a reload (or Back) finds it; the form stays as it is.
        history.replaceState(history.state, '', awardHref.nomination(id));
      }
      setErrors({});
      return { ok: true, offline: offlineNow(r.offline) };
    } catch (err) {
      const r = refusalOf(err);
      setErrors(r.fields);
      setMessage({ kind: 'error', text: r.message });
      return { ok: false, offline: false };
    }
  };

  const saveDraft = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await save();
    setBusy(false);
    if (r.ok) setMessage({ kind: 'saved', text: r.offline ? 'award.form.savedOffline' : 'award.form.saved' });
  };

  const submit = async () => {
    setBusy(true);
    try {
      const saved = await save();
      if (!saved.ok) return;
      try {
        await mutate(engine, 'nomination.submit', { id });
        // Its page now: the status on its way, endorsements and consent (and "not sent yet" offline).
        showPage(awardHref.nomination(id));
      } catch (err) {
        const r = refusalOf(err);
        setErrors(r.fields);
        setMessage({ kind: 'error', text: r.message === 'transfer.fixErrors' ? r.message : 'award.form.notSubmitted', args: { reason: tr(reasonKey(err)) } });
      }
    } finally {
      setBusy(false);
    }
  };

  const withdraw = () => {
    mutate(engine, 'nomination.withdraw', { id }).then(
      () => (location.hash = awardHref.home),
      (err: unknown) => setMessage({ kind: 'error', text: reasonKey(err) }),
    );
  };

  const countries = reference?.raw.countries ?? [];
  const nominators = [...(who.embassy ? [{ id: '', name: tr('award.form.asEmbassy') }] : []), ...who.associations];
  return (
    <section className="card wide award-form" aria-labelledby={titleId}>
      <a className="back" href={awardHref.home}>
        {tr('award.back')}
      </a>
      <h2 id={titleId}>{tr(detail ? 'award.form.editTitle' : 'award.form.title')}</h2>
      {detail?.rejected.length ? <Rejections detail={detail} /> : null}
      <form aria-labelledby={titleId} onSubmit={saveDraft} noValidate>
        <fieldset className="award-group">
          <legend>{tr('award.form.cycleGroup')}</legend>
          <AField label={tr('award.form.cycle')} error={errors.cycleId}>
            {(a) => (
              <select
                {...a}
                value={v.cycleId}
                disabled={created}
                onChange={(e) => {
                  const c = cycles.find((x) => x.id === e.target.value);
                  set({ cycleId: e.target.value, categoryId: c?.categories[0]?.id ?? '' });
                }}
              >
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {inLocale(c.title, locale)}
                  </option>
                ))}
              </select>
            )}
          </AField>
          <WindowLine cycle={cycle} state={cycle} />
          {cycle.window === 'before' ? <p className="hint">{tr('award.form.beforeWindow')}</p> : null}
          <AField label={tr('award.form.category')} error={errors.categoryId}>
            {(a) => (
              <select {...a} value={v.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
                {cycle.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {inLocale(c.name, locale)}
                  </option>
                ))}
              </select>
            )}
          </AField>
          {nominators.length > 1 ? (
            <AField label={tr('award.form.nominateAs')}>
              {(a) => (
                <select {...a} value={v.nominateAs} disabled={created} onChange={(e) => set({ nominateAs: e.target.value })}>
                  {nominators.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              )}
            </AField>
          ) : null}
        </fieldset>

        <NomineePart v={v} set={set} errors={errors} countries={countries} />

        <fieldset className="award-group">
          <legend>{tr('award.form.statementGroup')}</legend>
          <AField label={tr('award.form.statement')} error={errors.statement} hint={tr('award.form.statementHint')}>
            {(a) => <textarea {...a} rows={8} maxLength={8000} value={v.statement} onChange={(e) => set({ statement: e.target.value })} />}
          </AField>
          <AField label={tr('award.form.statementLang')}>
            {(a) => (
              <select {...a} value={v.statementLang} onChange={(e) => set({ statementLang: e.target.value as Locale })}>
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {tr(`lang.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </AField>
        </fieldset>

        <LinksPart links={v.links} errors={errors} onChange={(links) => set({ links }, ['links', 'evidenceLinks'])} />
        {v.nomineeKind === 'member' && v.nomineeAccountId ? (
          <PlatformEvidence accountId={v.nomineeAccountId} refs={v.refs} error={errors.evidenceRefs} onChange={(refs) => set({ refs }, ['refs', 'evidenceRefs'])} />
        ) : null}

        {created ? (
          <EvidenceFiles nominationId={id} files={saved?.nomination.evidenceFiles ?? detail?.nomination.evidenceFiles ?? []} canUpload className="award-group" />
        ) : (
          <section className="award-group award-part-like" aria-label={tr('award.files')}>
            <h3>{tr('award.files')}</h3>
            <p className="hint">{tr('award.files.afterSave')}</p>
          </section>
        )}

        <div className="actions sticky-actions">
          <button type="submit" className="secondary" disabled={busy}>
            {tr('award.form.saveDraft')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {tr('award.form.submit')}
          </button>
        </div>
        <FormStatus message={message} />
      </form>
      {created ? (
        <div className="actions">
          <Confirm label={tr('award.withdraw')} question={tr('award.withdraw.question')} confirm={tr('award.withdraw.confirm')} onConfirm={withdraw} danger />
        </div>
      ) : null}
    </section>
  );
}

/** Opens a page of the award, even when the address already is that page's (set by `replaceState`). */
function showPage(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Changes to this nomination the server refused, with the reason, and a way to let them go. */
export function Rejections({ detail }: { detail: NominationDetail }) {
  const tr = useT();
  const { engine } = useAward();
  return (
    <div className="award-rejected" role="alert">
      <p>
        <strong>{tr('award.rejected.title')}</strong>
      </p>
      <ul>
        {detail.rejected.map((r) => (
          <li key={r.id}>
            {tr('award.rejected.item', { action: tr(actionKey(r.name)), reason: tr(reasonKey({ code: r.error })) })}{' '}
            <button type="button" className="link" onClick={() => void engine.engine.discard({ id: r.id }).catch(() => {})}>
              {tr('award.rejected.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ACTIONS: Record<string, Key> = {
  'nomination.create': 'award.action.create',
  'nomination.update': 'award.action.update',
  'nomination.submit': 'award.action.submit',
  'nomination.withdraw': 'award.action.withdraw',
  'review.save': 'award.action.review',
  'review.declareConflict': 'award.action.conflict',
  'award.vote': 'award.action.vote',
};
const actionKey = (name: string): Key => ACTIONS[name] ?? 'award.action.other';

function NomineePart({
  v,
  set,
  errors,
  countries,
}: {
  v: Values;
  set(next: Partial<Values>, clear?: string[]): void;
  errors: Refusal['fields'];
  countries: { id: string; labels: Record<Locale, string> }[];
}) {
  const tr = useT();
  const { locale } = useLocale();
  const { engine, who } = useAward();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const kindName = useId();
  const resultsId = useId();
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      engine.engine.search({ text: query, limit: 9, from: FROM }).then(
        (r) => live && r && setHits(r.hits.filter((h) => h.id !== who.accountId).slice(0, 8)),
        () => live && setHits([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, text, who.accountId]);
  const sorted = useMemo(() => [...countries].sort((a, b) => a.labels[locale].localeCompare(b.labels[locale], locale)), [countries, locale]);
  const countryName = (id: string | null) => (id ? (countries.find((c) => c.id === id)?.labels[locale] ?? id) : '');
  const choose = (h: SearchHit) => {
    set({ nomineeAccountId: h.id, nomineeName: nameOfHit(h), nomineeCountry: h.country ?? '', nomineeCity: h.city ?? '', refs: [] }, ['nominee', 'nomineeName', 'nomineeAccountId']);
    setText('');
    setHits(null);
  };
  return (
    <fieldset className="award-group" aria-describedby={errors.nominee ? `${resultsId}-error` : undefined}>
      <legend>{tr('award.form.nominee')}</legend>
      <div className="segmented" role="radiogroup" aria-label={tr('award.form.nomineeKind')}>
        {(['member', 'outside'] as const).map((k) => (
          <label key={k} className={v.nomineeKind === k ? 'on' : undefined}>
            <input type="radio" name={kindName} value={k} checked={v.nomineeKind === k} onChange={() => set({ nomineeKind: k }, ['nominee'])} />
            {tr(k === 'member' ? 'award.form.nomineeMember' : 'award.form.nomineeOutside')}
          </label>
        ))}
      </div>
      {v.nomineeKind === 'member' ? (
        v.nomineeAccountId ? (
          <div className="chosen">
            <span>
              <strong>{v.nomineeName || tr('award.nominee.unnamed')}</strong>
              {v.nomineeCity || v.nomineeCountry ? <span className="hint"> · {[v.nomineeCity, countryName(v.nomineeCountry)].filter(Boolean).join(', ')}</span> : null}
            </span>
            <button type="button" className="secondary" onClick={() => set({ nomineeAccountId: null, nomineeName: '', refs: [] })}>
              {tr('award.form.changeNominee')}
            </button>
          </div>
        ) : (
          <>
            <AField label={tr('award.form.findMember')} hint={tr('award.form.findMemberHint')} error={errors.nominee}>
              {(a) => <input {...a} type="search" autoComplete="off" aria-controls={resultsId} value={text} onChange={(e) => setText(e.target.value)} />}
            </AField>
            <ul id={resultsId} className="hits" aria-label={tr('award.form.results')}>
              {(hits ?? []).map((h) => {
                const name = nameOfHit(h) || tr('award.nominee.unnamed');
                return (
                  <li key={h.id} className="member">
                    <span className="member-name">
                      {name}
                      {h.city || h.country ? <span className="hint"> · {[h.city, countryName(h.country)].filter(Boolean).join(', ')}</span> : null}
                    </span>
                    <button type="button" className="secondary" aria-label={tr('award.form.chooseOf', { name })} onClick={() => choose(h)}>
                      {tr('award.form.choose')}
                    </button>
                  </li>
                );
              })}
            </ul>
            {hits && hits.length === 0 ? <p className="hint">{tr('award.form.noHits')}</p> : null}
          </>
        )
      ) : (
        <>
          <AField label={tr('award.form.nomineeName')} error={errors.nomineeName}>
            {(a) => <input {...a} autoComplete="off" maxLength={160} value={v.nomineeName} onChange={(e) => set({ nomineeName: e.target.value })} />}
          </AField>
          <div className="pair">
            <AField label={tr('award.form.nomineeCountry')} error={errors.nomineeCountry}>
              {(a) => (
                <select {...a} value={v.nomineeCountry} onChange={(e) => set({ nomineeCountry: e.target.value })}>
                  <option value="">{tr('transfer.none')}</option>
                  {sorted.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.labels[locale]}
                    </option>
                  ))}
                </select>
              )}
            </AField>
            <AField label={tr('award.form.nomineeCity')} error={errors.nomineeCity}>
              {(a) => <input {...a} autoComplete="off" maxLength={100} value={v.nomineeCity} onChange={(e) => set({ nomineeCity: e.target.value })} />}
            </AField>
          </div>
        </>
      )}
      {v.nomineeKind === 'member' && errors.nominee && v.nomineeAccountId ? <small className="error">{tr(errors.nominee)}</small> : null}
    </fieldset>
  );
}

function LinksPart({ links, errors, onChange }: { links: Values['links']; errors: Refusal['fields']; onChange(links: Values['links']): void }) {
  const tr = useT();
  const titleId = useId();
  const edit = (i: number, next: Partial<Values['links'][number]>) => onChange(links.map((l, j) => (j === i ? { ...l, ...next } : l)));
  return (
    <fieldset className="award-group" aria-labelledby={titleId}>
      <legend id={titleId}>{tr('award.form.links')}</legend>
      <p className="hint">{tr('award.form.linksHint')}</p>
      {links.map((l, i) => (
        <div key={i} className="link-row">
          <AField label={tr('award.form.linkUrl', { n: i + 1 })} error={errors[`evidenceLinks.${i}.url`]}>
            {(a) => <input {...a} type="url" inputMode="url" autoComplete="off" placeholder="https://" maxLength={2000} value={l.url} onChange={(e) => edit(i, { url: e.target.value })} />}
          </AField>
          <AField label={tr('award.form.linkTitle', { n: i + 1 })} error={errors[`evidenceLinks.${i}.title`]}>
            {(a) => <input {...a} autoComplete="off" maxLength={200} value={l.title} onChange={(e) => edit(i, { title: e.target.value })} />}
          </AField>
          <button type="button" className="secondary remove" aria-label={tr('award.form.removeLink', { n: i + 1 })} onClick={() => onChange(links.filter((_, j) => j !== i))}>
            {tr('award.form.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary" disabled={links.length >= 20} onClick={() => onChange([...links, { url: '', title: '' }])}>
        {tr('award.form.addLink')}
      </button>
    </fieldset>
  );
}

function PlatformEvidence({ accountId, refs, error, onChange }: { accountId: string; refs: Values['refs']; error?: Key | undefined; onChange(refs: Values['refs']): void }) {
  const tr = useT();
  const { engine } = useAward();
  const f = useFormats();
  const [found] = useAwardLive<NomineeEvidence>(
    engine,
    [...AWARD_TABLES, 'projects', 'project_members', 'engagements'],
    useCallback(() => engine.engine['awards.nomineeEvidence']({ accountId }), [engine, accountId]),
  );
  const has = (kind: 'project' | 'engagement', id: string) => refs.some((r) => r.kind === kind && r.id === id);
  const toggle = (kind: 'project' | 'engagement', id: string, on: boolean) =>
    onChange(on ? [...refs.filter((r) => !(r.kind === kind && r.id === id)), { kind, id }] : refs.filter((r) => !(r.kind === kind && r.id === id)));
  const empty = found && found.projects.length === 0 && found.engagements.length === 0;
  return (
    <fieldset className="award-group checks-list">
      <legend>{tr('award.form.platform')}</legend>
      <p className="hint">{tr(empty ? 'award.form.platformNone' : 'award.form.platformHint')}</p>
      {found?.projects.map((p) => (
        <label key={p.id} className="check">
          <input type="checkbox" checked={has('project', p.id)} onChange={(e) => toggle('project', p.id, e.target.checked)} />
          {tr('award.evidence.project', { title: p.title })}
        </label>
      ))}
      {found?.engagements.map((x) => (
        <label key={x.id} className="check">
          <input type="checkbox" checked={has('engagement', x.id)} onChange={(e) => toggle('engagement', x.id, e.target.checked)} />
          {tr('award.evidence.engagement', { title: x.title ?? tr('award.evidence.untitled'), date: x.completedAt ? f.day(x.completedAt) : '—' })}
        </label>
      ))}
      {error ? <small className="error">{tr(error)}</small> : null}
    </fieldset>
  );
}
