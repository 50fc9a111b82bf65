import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { ProfileFields, ProfileView, Visibility } from '@mekendesh/core';
import type { EditedField, Engine, FieldIssue, FieldIssueCode, ProfileReference, ProfileUpdate } from '../engine-client.ts';
import type { Key, Locale } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useLocale, useT } from './locale.tsx';
import { useReference } from './reference.ts';

type ListField = 'languages' | 'skills' | 'skillsAbroad' | 'sectors' | 'formats';
type ScalarField = Exclude<EditedField, ListField>;
type Values = Record<ScalarField, string> & Record<ListField, string[]>;
type Visibilities = Record<EditedField, Visibility>;
type Issues = Partial<Record<EditedField, FieldIssueCode>>;

const LIST_FIELDS: readonly ListField[] = ['languages', 'skills', 'skillsAbroad', 'sectors', 'formats'];
const isList = (f: EditedField): f is ListField => (LIST_FIELDS as readonly string[]).includes(f);

/** Every field in the order the form shows it, with its label. */
export const FIELD_LABELS: Record<EditedField, Key> = {
  nameCyrillic: 'profile.nameCyrillic',
  nameLatin: 'profile.nameLatin',
  country: 'facet.country',
  city: 'profile.city',
  homeRegion: 'facet.homeRegion',
  homeSettlement: 'profile.homeSettlement',
  languages: 'profile.languages',
  skills: 'profile.skills',
  skillsAbroad: 'profile.skillsAbroad',
  sectors: 'profile.sectors',
  yearsExperience: 'profile.yearsExperience',
  availability: 'facet.availability',
  formats: 'profile.formats',
  gender: 'profile.gender',
  bio: 'profile.bio',
  email: 'profile.email',
  phone: 'profile.phone',
};
const FIELDS = Object.keys(FIELD_LABELS) as EditedField[];

/** A rejected `profile.update` the user chose to correct. */
export interface Fixing {
  id: number;
  args: { patch?: Partial<ProfileFields>; visibility?: Partial<Visibilities> };
}

const valuesOf = (p: Partial<ProfileFields> | null): Values => ({
  nameCyrillic: p?.nameCyrillic ?? '',
  nameLatin: p?.nameLatin ?? '',
  country: p?.country ?? '',
  city: p?.city ?? '',
  homeRegion: p?.homeRegion ?? '',
  homeSettlement: p?.homeSettlement ?? '',
  languages: [...(p?.languages ?? [])],
  skills: [...(p?.skills ?? [])],
  skillsAbroad: [...(p?.skillsAbroad ?? [])],
  sectors: [...(p?.sectors ?? [])],
  yearsExperience: p?.yearsExperience == null ? '' : String(p.yearsExperience),
  availability: p?.availability ?? '',
  formats: [...(p?.formats ?? [])],
  gender: p?.gender ?? '',
  bio: p?.bio ?? '',
  email: p?.email ?? '',
  phone: p?.phone ?? '',
});
const visibilitiesOf = (p: ProfileView | null, defaults: Visibilities): Visibilities => ({ ...defaults, ...p?.visibility });

/** The value a form field stands for: empty is null, numbers are numbers, phones lose spaces. */
const scalarValue = (field: ScalarField, raw: string): unknown => {
  const v = field === 'phone' ? raw.replace(/[\s()-]/g, '') : raw.trim();
  if (v === '') return null;
  return field === 'yearsExperience' ? Number(v) : v;
};

/** Only what changed, so an edit made elsewhere to another field survives. */
function buildUpdate(before: Values, beforeVis: Visibilities, values: Values, vis: Visibilities): ProfileUpdate {
  const patch: Record<string, unknown> = {};
  const visibility: Partial<Visibilities> = {};
  for (const field of FIELDS) {
    if (isList(field)) {
      if (JSON.stringify(values[field]) !== JSON.stringify(before[field])) patch[field] = values[field];
    } else {
      const value = scalarValue(field, values[field]);
      if (value !== scalarValue(field, before[field])) patch[field] = value;
    }
    if (vis[field] !== beforeVis[field]) visibility[field] = vis[field];
  }
  return { patch: patch as ProfileUpdate['patch'], ...(Object.keys(visibility).length > 0 ? { visibility } : {}) };
}

const issuesOf = (err: unknown): Issues | null => {
  const e = err as { code?: unknown; detail?: { issues?: FieldIssue[] } } | null;
  if (e?.code !== 'invalid_args' || !Array.isArray(e.detail?.issues)) return null;
  return Object.fromEntries(e.detail.issues.map((i) => [i.field, i.code]));
};

/**
 * The profile form, once the worker has sent the reference data (places, languages, the skills
 * taxonomy, visibility levels and defaults: they live in core, which stays out of the UI bundle).
 */
export function ProfileForm({ engine, fixing, onFixDone }: { engine: Engine; fixing: Fixing | null; onFixDone(): void }) {
  const reference = useReference(engine)?.raw ?? null;
  return reference ? <ProfileEditor engine={engine} reference={reference} fixing={fixing} onFixDone={onFixDone} /> : null;
}

type Item = { id: string; labels: Record<Locale, string> };

/**
 * The member's own profile: every field with who may see it (gender excepted: always private).
 * The worker validates with the mutation's own schema; refused fields get inline messages and
 * nothing is saved.
 */
function ProfileEditor({
  engine,
  reference,
  fixing,
  onFixDone,
}: {
  engine: Engine;
  reference: ProfileReference;
  fixing: Fixing | null;
  onFixDone(): void;
}) {
  const tr = useT();
  const { locale } = useLocale();
  const defaults = reference.defaultVisibility;
  const [loaded, setLoaded] = useState<ProfileView | null>(null);
  const [values, setValues] = useState<Values>(valuesOf(null));
  const [vis, setVis] = useState<Visibilities>(visibilitiesOf(null, defaults));
  const [issues, setIssues] = useState<Issues>({});
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const titleId = useId();
  const baseId = useId();

  const load = useCallback(async () => {
    const p = await engine.engine.profile();
    setLoaded(p);
    setValues(valuesOf(p));
    setVis(visibilitiesOf(p, defaults));
    return p;
  }, [engine, defaults]);

  useEffect(() => {
    void load();
  }, [load]);
  // Follow pulled changes of the profile, unless the user is in the middle of editing it.
  useEffect(
    () =>
      engine.onEvent((e) => {
        if (e.type === 'changes' && e.tables.includes('profiles') && !dirty) void load();
      }),
    [engine, dirty, load],
  );
  // "Edit again": the rejected values over the current profile.
  useEffect(() => {
    if (!fixing) return;
    void load().then((p) => {
      setValues(valuesOf({ ...p, ...fixing.args.patch }));
      setVis({ ...visibilitiesOf(p, defaults), ...fixing.args.visibility });
      setDirty(true);
      setIssues({});
      setMessage(null);
    });
  }, [fixing, load, defaults]);

  const label = useCallback((i: Item) => i.labels[locale], [locale]);
  const countries = useMemo(() => {
    const collator = new Intl.Collator(locale);
    const byLabel = (a: Item, b: Item) => collator.compare(label(a), label(b));
    return {
      main: reference.countries.filter((c) => c.diasporaMain),
      other: reference.countries.filter((c) => !c.diasporaMain).sort(byLabel),
      languages: [...reference.languages].sort(byLabel),
    };
  }, [locale, reference, label]);
  const labelOf = useMemo(() => {
    const all = new Map<string, Item>();
    for (const i of [...reference.languages, ...reference.skills, ...reference.sectors]) all.set(i.id, i);
    return (id: string) => {
      const i = all.get(id);
      return i ? label(i) : id;
    };
  }, [reference, label]);

  const edit = (field: EditedField) => {
    setDirty(true);
    setMessage(null);
    if (issues[field]) setIssues({ ...issues, [field]: undefined });
  };
  const set = <F extends EditedField>(field: F, value: Values[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    edit(field);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const update = buildUpdate(valuesOf(loaded), visibilitiesOf(loaded, defaults), values, vis);
    try {
      if (fixing) await engine.engine.fixProfile({ id: fixing.id, update });
      else if (Object.keys(update.patch).length > 0 || update.visibility) await engine.engine.updateProfile(update);
      setIssues({});
      setDirty(false);
      setMessage({ kind: 'saved', text: 'profile.saved' });
      if (fixing) onFixDone();
      await load();
    } catch (err) {
      const found = issuesOf(err);
      if (found) setIssues(found);
      setMessage({ kind: 'error', text: found ? 'profile.fixErrors' : errorKey(err) });
    }
  };

  /** One field: its label, its control, the hint and inline error it is described by, and its visibility. */
  const row = (
    field: EditedField,
    control: (a11y: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode,
    opts: { hint?: Key; group?: boolean } = {},
  ) => {
    const inputId = `${baseId}-${field}`;
    const hintId = `${inputId}-hint`;
    const errorId = `${inputId}-error`;
    const visId = `${inputId}-vis`;
    const issue = issues[field];
    const describedBy = [opts.hint ? hintId : null, issue ? errorId : null].filter(Boolean).join(' ') || undefined;
    const a11y = { id: inputId, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(issue ? { 'aria-invalid': true as const } : {}) };
    const fixed = reference.fixedVisibility.includes(field);
    return (
      <div className="field row" key={field}>
        <div className="grow">
          {opts.group ? null : <label htmlFor={inputId}>{tr(FIELD_LABELS[field])}</label>}
          {control(a11y)}
          {opts.hint ? (
            <small id={hintId} className="hint">
              {tr(opts.hint)}
            </small>
          ) : null}
          {issue ? (
            <small id={errorId} className="error">
              {tr(`profile.issue.${issue}`)}
            </small>
          ) : null}
        </div>
        {fixed ? null : (
          <div>
            <label htmlFor={visId}>{tr('profile.visibilityOf', { field: tr(FIELD_LABELS[field]) })}</label>
            <select
              id={visId}
              value={vis[field]}
              onChange={(e) => {
                setVis({ ...vis, [field]: e.target.value as Visibility });
                edit(field);
              }}
            >
              {reference.visibilityLevels.map((level) => (
                <option key={level} value={level}>
                  {tr(`visibility.${level}`)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
    );
  };

  const text = (field: 'nameCyrillic' | 'nameLatin' | 'city' | 'email' | 'phone', max: number, extra: Record<string, string> = {}) =>
    row(
      field,
      (a11y) => (
        <input
          {...a11y}
          {...extra}
          maxLength={max}
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
        />
      ),
      field === 'phone' ? { hint: 'profile.phoneHint' } : {},
    );

  const choice = (field: 'homeRegion' | 'homeSettlement' | 'availability' | 'gender', options: { value: string; label: string }[], hint?: Key, disabled = false) =>
    row(
      field,
      (a11y) => (
        <select {...a11y} value={values[field]} disabled={disabled} onChange={(e) => set(field, e.target.value)}>
          <option value="">{tr(disabled ? 'profile.chooseRegionFirst' : 'profile.none')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ),
      hint ? { hint } : {},
    );

  /** A chosen list (languages in order, skills) with an "add" picker. */
  const picked = (
    field: 'languages' | 'skills' | 'skillsAbroad',
    addLabel: Key,
    groups: { label: string | null; items: Item[] }[],
    ordered: boolean,
  ) =>
    row(
      field,
      (a11y) => {
        const chosen = values[field];
        const legendId = `${a11y.id}-legend`;
        return (
          <fieldset aria-labelledby={legendId} aria-describedby={a11y['aria-describedby']} aria-invalid={a11y['aria-invalid']}>
            <legend id={legendId}>{tr(FIELD_LABELS[field])}</legend>
            {chosen.length === 0 ? (
              <p className="hint">{tr('profile.listEmpty')}</p>
            ) : (
              <ol className="picked">
                {chosen.map((id, i) => (
                  <li key={id}>
                    <span>{labelOf(id)}</span>
                    {ordered && i > 0 ? (
                      <button
                        type="button"
                        aria-label={tr('profile.moveUp', { item: labelOf(id) })}
                        onClick={() => set(field, [...chosen.slice(0, i - 1), id, chosen[i - 1]!, ...chosen.slice(i + 1)])}
                      >
                        ↑
                      </button>
                    ) : null}
                    <button type="button" aria-label={tr('profile.remove', { item: labelOf(id) })} onClick={() => set(field, chosen.filter((x) => x !== id))}>
                      ×
                    </button>
                  </li>
                ))}
              </ol>
            )}
            <label htmlFor={a11y.id}>{tr(addLabel)}</label>
            <select
              id={a11y.id}
              value=""
              onChange={(e) => {
                if (e.target.value) set(field, [...chosen, e.target.value]);
              }}
            >
              <option value="">{tr('profile.choose')}</option>
              {groups.map((g) => {
                const items = g.items
                  .filter((i) => !chosen.includes(i.id))
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {label(i)}
                    </option>
                  ));
                return g.label === null ? items : items.length > 0 ? <optgroup key={g.label} label={g.label}>{items}</optgroup> : null;
              })}
            </select>
          </fieldset>
        );
      },
      { group: true },
    );

  /** A set of checkboxes (sectors, formats), kept in reference order. */
  const checks = (field: 'sectors' | 'formats', options: { value: string; label: string }[]) =>
    row(
      field,
      (a11y) => {
        const legendId = `${a11y.id}-legend`;
        return (
          <fieldset id={a11y.id} aria-labelledby={legendId} aria-describedby={a11y['aria-describedby']} aria-invalid={a11y['aria-invalid']}>
            <legend id={legendId}>{tr(FIELD_LABELS[field])}</legend>
            {options.map((o) => (
              <label key={o.value} className="check">
                <input
                  type="checkbox"
                  checked={values[field].includes(o.value)}
                  onChange={(e) => {
                    const next = new Set(values[field]);
                    if (e.target.checked) next.add(o.value);
                    else next.delete(o.value);
                    set(field, options.map((x) => x.value).filter((v) => next.has(v)));
                  }}
                />
                {o.label}
              </label>
            ))}
          </fieldset>
        );
      },
      { group: true },
    );

  const skillGroups = reference.sectors.map((s) => ({ label: label(s), items: reference.skills.filter((k) => k.sector === s.id) }));
  const settlements = reference.settlements.filter((s) => s.region === values.homeRegion);

  return (
    <form className="card profile" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <h2 id={titleId}>{tr('profile.title')}</h2>
      {fixing ? (
        <p className="fixing" role="note">
          {tr('profile.fixing')}{' '}
          <button type="button" className="link" onClick={() => {
            onFixDone();
            setDirty(false);
            setIssues({});
            void load();
          }}>
            {tr('profile.cancelFix')}
          </button>
        </p>
      ) : null}
      {text('nameCyrillic', 120, { autoComplete: 'name' })}
      {text('nameLatin', 120, { autoComplete: 'off' })}
      {row('country', (a11y) => (
        <select {...a11y} value={values.country} onChange={(e) => set('country', e.target.value)}>
          <option value="">{tr('profile.countryNone')}</option>
          <optgroup label={tr('profile.countriesMain')}>
            {countries.main.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </optgroup>
          <optgroup label={tr('profile.countriesOther')}>
            {countries.other.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </optgroup>
        </select>
      ))}
      {text('city', 100, { autoComplete: 'address-level2' })}
      {row('homeRegion', (a11y) => (
        <select
          {...a11y}
          value={values.homeRegion}
          onChange={(e) => {
            const region = e.target.value;
            setValues((v) => ({
              ...v,
              homeRegion: region,
              homeSettlement: reference.settlements.some((s) => s.id === v.homeSettlement && s.region === region) ? v.homeSettlement : '',
            }));
            edit('homeRegion');
          }}
        >
          <option value="">{tr('profile.none')}</option>
          {reference.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {label(r)}
            </option>
          ))}
        </select>
      ))}
      {choice('homeSettlement', settlements.map((s) => ({ value: s.id, label: label(s) })), undefined, values.homeRegion === '')}
      {picked('languages', 'profile.addLanguage', [{ label: null, items: countries.languages }], true)}
      {picked('skills', 'profile.addSkill', skillGroups, false)}
      {picked('skillsAbroad', 'profile.addSkillAbroad', skillGroups, false)}
      {checks('sectors', reference.sectors.map((s) => ({ value: s.id, label: label(s) })))}
      {row('yearsExperience', (a11y) => (
        <input
          {...a11y}
          inputMode="numeric"
          value={values.yearsExperience}
          onChange={(e) => set('yearsExperience', e.target.value)}
        />
      ))}
      {choice('availability', reference.availability.map((a) => ({ value: a, label: tr(`availability.${a}`) })))}
      {checks('formats', reference.formats.map((f) => ({ value: f, label: tr(`format.${f}`) })))}
      {choice(
        'gender',
        reference.genders.map((g) => ({ value: g, label: tr(`profile.gender.${g}` as Key) })),
        'profile.genderNote',
      )}
      {row('bio', (a11y) => <textarea {...a11y} rows={4} maxLength={2000} value={values.bio} onChange={(e) => set('bio', e.target.value)} />)}
      {text('email', 254, { type: 'email', autoComplete: 'email' })}
      {text('phone', 20, { type: 'tel', autoComplete: 'tel' })}
      <div className="actions">
        <button type="submit">{tr('profile.save')}</button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'saved'}>
          {message ? tr(message.text) : ''}
        </span>
      </div>
    </form>
  );
}
