/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as ECMAScript's JSON.stringify does, numbers in ECMAScript's
 * shortest round-trip form. The audit chain hashes these bytes, so two writers (or a verifier in
 * another language with a JCS library) must produce exactly the same text for the same value.
 *
 * Stricter than JCS where JavaScript would otherwise lose information silently:
 * - integers outside ±(2^53 − 1) are refused (they were already rounded when they became a
 *   Number; an audit record must not carry a different id or amount than the one meant);
 * - `undefined`, functions, symbols, bigints, NaN/±Infinity, holes in arrays, non-plain objects
 *   (Date, Map, class instances) and strings with unpaired surrogates are refused instead of
 *   being dropped or coerced the way JSON.stringify does.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Why a value is not canonical JSON, and where (`$.a[2].b`). */
export class CanonicalJsonError extends Error {
  readonly code = 'audit_not_json';
  constructor(
    readonly path: string,
    readonly why: 'undefined' | 'function' | 'symbol' | 'bigint' | 'not_finite' | 'unsafe_integer' | 'lone_surrogate' | 'not_plain_object' | 'array_hole' | 'too_deep',
  ) {
    super(`not canonical JSON (${why}) at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

/** Nesting limit: also how a cycle is caught, without a seen-set per call. */
const MAX_DEPTH = 64;
/** In `u` mode a surrogate pair is one code point, so this matches only an unpaired half. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The keys and indices from the root to the value being written. Kept as a stack and turned
 * into `$.a[2].b` only for an error: building a path string per key was a third of the time.
 */
type Path = (string | number)[];

function pathText(path: Path): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

function str(s: string, path: Path): string {
  // JSON.stringify's escaping (short escapes, lowercase \u00xx for other controls, everything
  // else verbatim) is exactly the JCS rule for well-formed strings.
  const out = JSON.stringify(s);
  // It writes an unpaired surrogate as \udxxx, so only output with that text needs the full
  // (slower) check; the hot path of verification skips a regex per string.
  if (out.includes('\\ud') && LONE_SURROGATE.test(s)) throw new CanonicalJsonError(pathText(path), 'lone_surrogate');
  return out;
}

function write(value: unknown, path: Path): string {
  switch (typeof value) {
    case 'string':
      return str(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(pathText(path), 'not_finite');
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw new CanonicalJsonError(pathText(path), 'unsafe_integer');
      // ECMAScript Number-to-String is the JCS number form; -0 becomes "0".
      return JSON.stringify(value);
    case 'undefined':
      throw new CanonicalJsonError(pathText(path), 'undefined');
    case 'function':
      throw new CanonicalJsonError(pathText(path), 'function');
    case 'symbol':
      throw new CanonicalJsonError(pathText(path), 'symbol');
    case 'bigint':
      throw new CanonicalJsonError(pathText(path), 'bigint');
  }
  if (value === null) return 'null';
  if (path.length >= MAX_DEPTH) throw new CanonicalJsonError(pathText(path), 'too_deep');
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      if (!(i in value)) throw new CanonicalJsonError(pathText(path), 'array_hole');
      out += (i ? ',' : '') + write(value[i], path);
      path.pop();
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) {
    throw new CanonicalJsonError(pathText(path), 'not_plain_object');
  }
  const obj = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, which is the order JCS prescribes
  // (not localeCompare, not code points).
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    path.push(key);
    out += (i ? ',' : '') + str(key, path) + ':' + write(obj[key], path);
    path.pop();
  }
  return `${out}}`;
}

/** The canonical JSON text of `value`; throws {@link CanonicalJsonError} for anything that is not plain JSON. */
export function canonicalize(value: unknown): string {
  return write(value, []);
}

/** True when every object's keys, as enumerated, are in JCS order and every integer is safe. */
function sortedAndSafe(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return !Number.isInteger(value) || Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!sortedAndSafe(item, depth + 1)) return false;
    return true;
  }
  let prev: string | undefined;
  for (const key of Object.keys(value)) {
    // `<` on strings compares UTF-16 code units, the JCS order.
    if (prev !== undefined && !(prev < key)) return false;
    prev = key;
    if (!sortedAndSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * True when `text` is JSON already in canonical form (what the audit table stores in `data`).
 * Run once per event when verifying, so it has a fast path: JSON.stringify (native) writes
 * strings and numbers exactly as JCS does, so text equal to its output, with keys in order and
 * safe integers only, is canonical. Anything else (integer-like keys, which V8 enumerates
 * first; an escaped unpaired surrogate, `\ud…`) is decided by {@link canonicalize} itself.
 */
export function isCanonicalJson(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (!text.includes('\\ud') && JSON.stringify(value) === text && sortedAndSafe(value, 0)) return true;
  try {
    return canonicalize(value) === text;
  } catch {
    return false;
  }
}
