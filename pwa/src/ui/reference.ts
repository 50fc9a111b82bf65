import { startTransition, useEffect, useState } from 'react';
import type { Engine, Facet, ProfileReference } from '../engine-client.ts';
import { t, type Locale } from '../i18n/index.ts';

/** What a reference id can name: a facet's value, a settlement or a skill. */
export type LabelKind = Facet | 'settlement' | 'skill';
/** The label of a reference id in the current language (the id itself when unknown). */
export type LabelOf = (kind: LabelKind, id: string) => string;

export interface Reference {
  raw: ProfileReference;
  /** Every value of each facet, in reference order. */
  order: Record<Facet, readonly string[]>;
  labelOf(locale: Locale): LabelOf;
}

type Item = { id: string; labels: Record<Locale, string> };

function makeReference(raw: ProfileReference): Reference {
  const byKind: Record<Exclude<LabelKind, 'availability' | 'format'>, Map<string, Item>> = {
    country: new Map(raw.countries.map((i) => [i.id, i])),
    homeRegion: new Map(raw.regions.map((i) => [i.id, i])),
    sector: new Map(raw.sectors.map((i) => [i.id, i])),
    language: new Map(raw.languages.map((i) => [i.id, i])),
    settlement: new Map(raw.settlements.map((i) => [i.id, i])),
    skill: new Map(raw.skills.map((i) => [i.id, i])),
  };
  return {
    raw,
    order: {
      country: raw.countries.map((c) => c.id),
      homeRegion: raw.regions.map((r) => r.id),
      sector: raw.sectors.map((s) => s.id),
      language: raw.languages.map((l) => l.id),
      availability: raw.availability,
      format: raw.formats,
    },
    labelOf: (locale) => (kind, id) => {
      if (kind === 'availability' || kind === 'format') return t(locale, `${kind}.${id}` as Parameters<typeof t>[1]);
      return byKind[kind].get(id)?.labels[locale] ?? id;
    },
  };
}

/** One request per engine, shared by every screen that needs it. */
const requested = new WeakMap<Engine, Promise<Reference>>();
const fetchReference = (engine: Engine) => {
  let p = requested.get(engine);
  if (!p) {
    p = engine.engine.reference().then(makeReference);
    p.catch(() => requested.delete(engine));
    requested.set(engine, p);
  }
  return p;
};

/** Reference data from the worker (core stays out of the UI bundle); null until it arrives. */
export function useReference(engine: Engine): Reference | null {
  const [reference, setReference] = useState<Reference | null>(null);
  useEffect(() => {
    let cancelled = false;
    // A transition: the forms it fills (hundreds of options) render in slices, so a search
    // answer arriving meanwhile is shown first.
    void fetchReference(engine).then((r) => !cancelled && startTransition(() => setReference(r)), () => {});
    return () => {
      cancelled = true;
    };
  }, [engine]);
  return reference;
}
