import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CompatriotView, Engine } from '../engine-client.ts';
import type { Key } from '../i18n/index.ts';
import { numberFormat } from '@mekendesh/i18n/base';
import { useLocale, useT } from './locale.tsx';
import { FIELD_LABELS } from './profile-form.tsx';
import type { LabelOf } from './reference.ts';

type Row = { label: Key; value: ReactNode };

/**
 * One compatriot's profile, as the local store holds it for this viewer: the server sent only
 * the fields the owner shares with them, so an absent field is simply not shown, and a section
 * with nothing in it is left out. Places and skills are named in the current language.
 */
export function CompatriotPage({ engine, id, labelOf, onBack }: { engine: Engine; id: string; labelOf: LabelOf; onBack(): void }) {
  const tr = useT();
  const { locale } = useLocale();
  const [view, setView] = useState<CompatriotView | null | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const baseId = useId();

  const load = useCallback(async () => {
    setView(await engine.engine.compatriot({ id }).catch(() => null));
  }, [engine, id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      engine.onEvent((e) => {
        if (e.type === 'changes' && e.tables.includes('profiles')) void load();
      }),
    [engine, load],
  );
  // Focus moves to the profile's heading, so a screen reader starts reading there.
  const focused = useRef(false);
  useEffect(() => {
    if (view !== undefined && !focused.current) {
      focused.current = true;
      headingRef.current?.focus();
    }
  }, [view]);

  const backButton = (
    <button type="button" className="link" onClick={onBack}>
      ← {tr('compatriot.back')}
    </button>
  );
  if (view === undefined) return backButton;
  if (view === null) {
    return (
      <article>
        {backButton}
        <p ref={headingRef} tabIndex={-1}>
          {tr('compatriot.missing')}
        </p>
      </article>
    );
  }

  const p = view.profile;
  const list = (kind: 'skill' | 'sector' | 'language' | 'format', ids: readonly string[]) =>
    ids.length === 0 ? null : ids.map((x) => labelOf(kind, x)).join(', ');
  const place = (...parts: (string | null)[]) => parts.filter(Boolean).join(', ') || null;
  type Section = { title: Key; rows: Row[]; plain?: true };
  const sections = ([
    {
      title: 'compatriot.places',
      rows: [
        { label: 'compatriot.livesIn', value: place(p.city, p.country && labelOf('country', p.country)) },
        { label: 'compatriot.from', value: place(p.homeSettlement && labelOf('settlement', p.homeSettlement), p.homeRegion && labelOf('homeRegion', p.homeRegion)) },
      ],
    },
    {
      title: 'compatriot.skills',
      rows: [
        { label: FIELD_LABELS.skills, value: list('skill', p.skills) },
        { label: FIELD_LABELS.skillsAbroad, value: list('skill', p.skillsAbroad) },
        { label: FIELD_LABELS.sectors, value: list('sector', p.sectors) },
        { label: FIELD_LABELS.yearsExperience, value: p.yearsExperience === null ? null : numberFormat(locale).format(p.yearsExperience) },
        { label: FIELD_LABELS.languages, value: list('language', p.languages) },
      ],
    },
    {
      title: 'compatriot.help',
      rows: [
        { label: FIELD_LABELS.availability, value: p.availability && labelOf('availability', p.availability) },
        { label: FIELD_LABELS.formats, value: list('format', p.formats) },
      ],
    },
    // The bio under its section title alone: "About me" would speak for the viewer.
    { title: 'compatriot.about', plain: true, rows: [{ label: FIELD_LABELS.bio, value: p.bio }] },
    {
      title: 'compatriot.contacts',
      rows: [
        { label: FIELD_LABELS.email, value: p.email && <a href={`mailto:${p.email}`}>{p.email}</a> },
        { label: FIELD_LABELS.phone, value: p.phone && <a href={`tel:${p.phone}`}>{p.phone}</a> },
      ],
    },
  ] satisfies Section[] as Section[]).map((s) => ({ ...s, rows: s.rows.filter((r) => r.value !== null && r.value !== '' && r.value !== undefined) }));

  const names = [p.nameCyrillic, p.nameLatin].filter(Boolean);
  const title = names.join(' · ') || view.displayName || tr('search.unnamed');
  const headingId = `${baseId}-name`;
  return (
    <article className="compatriot" aria-labelledby={headingId}>
      {backButton}
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <p className="hint">{tr(view.self ? 'compatriot.self' : 'compatriot.partial')}</p>
      {sections
        .filter((s) => s.rows.length > 0)
        .map((s) => {
          const sectionId = `${baseId}-${s.title}`;
          return (
            <section key={s.title} aria-labelledby={sectionId}>
              <h4 id={sectionId}>{tr(s.title)}</h4>
              {s.plain ? (
                s.rows.map((r) => (
                  <p key={r.label} className="bio">
                    {r.value}
                  </p>
                ))
              ) : (
              <dl>
                {s.rows.map((r) => (
                  <div key={r.label}>
                    <dt>{tr(r.label)}</dt>
                    <dd>{r.value}</dd>
                  </div>
                ))}
              </dl>
              )}
            </section>
          );
        })}
    </article>
  );
}
