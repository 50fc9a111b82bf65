import { useId } from 'react';
import { LOCALES, isLocale } from '../i18n/index.ts';
import { useLocale, useT } from './locale.tsx';

/** The language picker: each language named in itself. */
export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const tr = useT();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id}>{tr('shell.language')}</label>
      <select id={id} value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {tr(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
