/** A label in the three interface languages; Kyrgyz (Cyrillic) first. */
export interface Labels {
  ky: string;
  ru: string;
  en: string;
}

/** A sector of the skills taxonomy, e.g. construction or health. */
export interface Sector {
  /** Stable id, snake_case ASCII, never reused. */
  id: string;
  labels: Labels;
}

/** A skill inside a sector. */
export interface Skill {
  /** Stable id, `<sector>.<skill>` snake_case ASCII, never reused. */
  id: string;
  sector: string;
  labels: Labels;
  /** True for skills migrants commonly acquire abroad (returnee assessment). */
  acquiredAbroadCommon?: boolean;
}

/** An oblast, or a city of republican significance (Bishkek, Osh). */
export interface Region {
  /** Stable id, e.g. `chui`, `bishkek_city`. */
  id: string;
  kind: 'oblast' | 'city';
  labels: Labels;
}

/** A district (raion) inside an oblast. */
export interface District {
  id: string;
  region: string;
  labels: Labels;
}

/** A settlement: a town or a village (inside an aiyl aimak). */
export interface Settlement {
  /** Stable id, `<region>.<settlement>` snake_case ASCII. */
  id: string;
  region: string;
  district: string | null;
  kind: 'city' | 'town' | 'village';
  /** The aiyl aimak (rural municipality) for villages, as a label; null for towns and cities. */
  aiylAimak: Labels | null;
  labels: Labels;
}

/** A country of residence; id is the ISO 3166-1 alpha-2 code. */
export interface Country {
  id: string;
  labels: Labels;
  /** Countries where many Kyrgyz citizens live; shown first in pickers. */
  diasporaMain?: boolean;
}

/** A language a person speaks; id is the ISO 639-1 code. */
export interface Language {
  id: string;
  labels: Labels;
}
