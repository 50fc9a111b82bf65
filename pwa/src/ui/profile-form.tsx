import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { ProfileView, Visibility } from '@mekendesh/core';
import type { Engine, EditedField, ProfileReference, ProfileUpdate } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { errorKey } from './errors.ts';
import { useLocale, useT } from './locale.tsx';

type Values = Record<EditedField, string>;
type Visibilities = Record<EditedField, Visibility>;

const FIELDS: { field: EditedField; label: Key; autoComplete?: string }[] = [
  { field: 'nameCyrillic', label: 'profile.nameCyrillic', autoComplete: 'name' },
  { field: 'nameLatin', label: 'profile.nameLatin' },
  { field: 'city', label: 'profile.city', autoComplete: 'address-level2' },
  { field: 'country', label: 'facet.country' },
];

const valuesOf = (p: ProfileView | null): Values => ({
  nameCyrillic: p?.nameCyrillic ?? '',
  nameLatin: p?.nameLatin ?? '',
  city: p?.city ?? '',
  country: p?.country ?? '',
});
const visibilitiesOf = (p: ProfileView | null, defaults: Visibilities): Visibilities => {
  const v = p?.visibility ?? defaults;
  return { nameCyrillic: v.nameCyrillic, nameLatin: v.nameLatin, city: v.city, country: v.country };
};

/**
 * The profile form, once the worker has sent the reference data (countries, visibility levels
 * and defaults: they live in core, which stays out of the UI bundle).
 */
export function ProfileForm({ engine }: { engine: Engine }) {
  const [reference, setReference] = useState<ProfileReference | null>(null);
  useEffect(() => {
    let cancelled = false;
    void engine.engine.reference().then((r) => !cancelled && setReference(r));
    return () => {
      cancelled = true;
    };
  }, [engine]);
  return reference ? <ProfileEditor engine={engine} reference={reference} /> : null;
}

/**
 * The member's own profile: names, city, country, each with who may see it. Saving sends only
 * what changed, as a patch, so an edit made elsewhere to another field survives.
 */
function ProfileEditor({ engine, reference }: { engine: Engine; reference: ProfileReference }) {
  const tr = useT();
  const { locale } = useLocale();
  const defaults = reference.defaultVisibility;
  const [loaded, setLoaded] = useState<ProfileView | null>(null);
  const [values, setValues] = useState<Values>(valuesOf(null));
  const [vis, setVis] = useState<Visibilities>(visibilitiesOf(null, defaults));
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: Key } | null>(null);
  const titleId = useId();
  const baseId = useId();

  const load = useCallback(async () => {
    const p = await engine.engine.profile();
    setLoaded(p);
    setValues(valuesOf(p));
    setVis(visibilitiesOf(p, defaults));
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

  const countries = useMemo(() => {
    const collator = new Intl.Collator(locale);
    type Country = ProfileReference['countries'][number];
    const byLabel = (a: Country, b: Country) => collator.compare(a.labels[locale], b.labels[locale]);
    return {
      main: reference.countries.filter((c) => c.diasporaMain),
      other: reference.countries.filter((c) => !c.diasporaMain).sort(byLabel),
    };
  }, [locale, reference]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const before = valuesOf(loaded);
    const beforeVis = visibilitiesOf(loaded, defaults);
    const update: ProfileUpdate = { patch: {} };
    for (const { field } of FIELDS) {
      const value = values[field].trim();
      if (value !== before[field]) update.patch[field] = value === '' ? null : value;
      if (vis[field] !== beforeVis[field]) (update.visibility ??= {})[field] = vis[field];
    }
    try {
      if (Object.keys(update.patch).length > 0 || update.visibility) await engine.engine.updateProfile(update);
      setDirty(false);
      setMessage({ kind: 'saved', text: 'profile.saved' });
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: errorKey(err) });
    }
  };

  const edit = () => {
    setDirty(true);
    setMessage(null);
  };

  return (
    <form className="card profile" aria-labelledby={titleId} onSubmit={submit}>
      <h2 id={titleId}>{tr('profile.title')}</h2>
      {FIELDS.map(({ field, label, autoComplete }) => {
        const inputId = `${baseId}-${field}`;
        const visId = `${baseId}-${field}-vis`;
        return (
          <div className="field row" key={field}>
            <div className="grow">
              <label htmlFor={inputId}>{tr(label)}</label>
              {field === 'country' ? (
                <select
                  id={inputId}
                  value={values.country}
                  onChange={(e) => {
                    setValues({ ...values, country: e.target.value });
                    edit();
                  }}
                >
                  <option value="">{tr('profile.countryNone')}</option>
                  <optgroup label={tr('profile.countriesMain')}>
                    {countries.main.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.labels[locale]}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={tr('profile.countriesOther')}>
                    {countries.other.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.labels[locale]}
                      </option>
                    ))}
                  </optgroup>
                </select>
              ) : (
                <input
                  id={inputId}
                  maxLength={field === 'city' ? 100 : 120}
                  autoComplete={autoComplete ?? 'off'}
                  spellCheck={field === 'city'}
                  value={values[field]}
                  onChange={(e) => {
                    setValues({ ...values, [field]: e.target.value });
                    edit();
                  }}
                />
              )}
            </div>
            <div>
              <label htmlFor={visId}>{tr('profile.visibilityOf', { field: tr(label) })}</label>
              <select
                id={visId}
                value={vis[field]}
                onChange={(e) => {
                  setVis({ ...vis, [field]: e.target.value as Visibility });
                  edit();
                }}
              >
                {reference.visibilityLevels.map((level) => (
                  <option key={level} value={level}>
                    {tr(`visibility.${level}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
      <div className="actions">
        <button type="submit">{tr('profile.save')}</button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'saved'}>
          {message ? tr(message.text) : ''}
        </span>
      </div>
    </form>
  );
}
