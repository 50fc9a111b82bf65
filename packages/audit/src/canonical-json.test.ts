import { describe, expect, it } from 'vitest';
import { canonicalize, CanonicalJsonError, isCanonicalJson } from './canonical-json.ts';

const why = (value: unknown) => {
  try {
    canonicalize(value);
  } catch (err) {
    if (err instanceof CanonicalJsonError) return `${err.why} ${err.path}`;
    throw err;
  }
  return 'accepted';
};

describe('canonical JSON', () => {
  it('does not depend on key order, at any depth, and has no whitespace', () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalize(a)).toBe('{"a":{"x":"x","y":[1,{"p":null,"q":true}]},"b":1}');
    expect(canonicalize(b)).toBe(canonicalize(a));
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Compared as text: Object.keys of the parsed result would list the integer-like key first.
    expect(canonicalize(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes strings and numbers as RFC 8785 does (its §3.2.2 example, without the unsafe integer 1E30)', () => {
    const value = {
      numbers: [333333333.33333329, 4.5, 2e-3, 0.000000000000000000000000001, -0, 1e-7, 0.000001, 9007199254740991],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalize(value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,4.5,0.002,1e-27,0,1e-7,0.000001,9007199254740991],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('keeps Kyrgyz text as UTF-8, unescaped', () => {
    const text = canonicalize({ title: 'Мыкты Мекендеш, ңөү', 'өлкө': 'Кыргызстан' });
    expect(text).toBe('{"title":"Мыкты Мекендеш, ңөү","өлкө":"Кыргызстан"}');
    expect(JSON.parse(text)).toEqual({ title: 'Мыкты Мекендеш, ңөү', 'өлкө': 'Кыргызстан' });
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(text.length);
  });

  it('refuses what is not plain JSON instead of dropping or coercing it', () => {
    expect(why(undefined)).toBe('undefined $');
    expect(why({ a: 1, b: undefined })).toBe('undefined $.b');
    expect(why([1, undefined])).toBe('undefined $[1]');
    // eslint-disable-next-line no-sparse-arrays
    expect(why([1, , 3])).toBe('array_hole $[1]');
    expect(why({ n: NaN })).toBe('not_finite $.n');
    expect(why({ n: Infinity })).toBe('not_finite $.n');
    expect(why({ n: -Infinity })).toBe('not_finite $.n');
    expect(why({ f: () => 1 })).toBe('function $.f');
    expect(why({ s: Symbol('x') })).toBe('symbol $.s');
    expect(why({ b: 10n })).toBe('bigint $.b');
    expect(why({ id: 2 ** 53 })).toBe('unsafe_integer $.id');
    expect(why({ big: 1e30 })).toBe('unsafe_integer $.big');
    expect(why({ d: new Date(0) })).toBe('not_plain_object $.d');
    expect(why({ m: new Map() })).toBe('not_plain_object $.m');
    expect(why({ c: new (class Point { x = 1 })() })).toBe('not_plain_object $.c');
    expect(why({ [Symbol('k')]: 1 })).toBe('not_plain_object $');
    expect(why({ s: 'half \ud83d pair' })).toBe('lone_surrogate $.s');
    expect(why({ ['\udc00']: 1 })).toBe('lone_surrogate $.\udc00');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(why(cycle)).toMatch(/^too_deep /);
  });

  it('accepts objects without a prototype and valid surrogate pairs', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = '😀';
    o.a = 1;
    expect(canonicalize(o)).toBe('{"a":1,"b":"😀"}');
  });

  it('tells canonical text from other spellings of the same value', () => {
    expect(isCanonicalJson('{"a":1,"b":[true]}')).toBe(true);
    expect(isCanonicalJson('{"b":[true],"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson('{"a":1.0}')).toBe(false);
    expect(isCanonicalJson('{"a":"\\u0041"}')).toBe(false);
    expect(isCanonicalJson('not json')).toBe(false);
    // The cases JSON.stringify cannot decide alone.
    expect(isCanonicalJson('{"1":1,"10":2,"2":3,"a":4}')).toBe(true); // V8 enumerates 1, 2, 10
    expect(isCanonicalJson('{"1":1,"2":3,"10":2}')).toBe(false);
    expect(isCanonicalJson('{"a":1,"a":1}')).toBe(false);
    expect(isCanonicalJson('{"n":9007199254740992}')).toBe(false);
    expect(isCanonicalJson('{"n":9007199254740991}')).toBe(true);
    expect(isCanonicalJson('{"n":1e400}')).toBe(false);
    expect(isCanonicalJson('"\\udc00"')).toBe(false);
    expect(isCanonicalJson('"\\\\udc00"')).toBe(true); // an escaped backslash, then "udc00"
    expect(isCanonicalJson('"😀"')).toBe(true);
    expect(isCanonicalJson('[{"b":1,"a":2}]')).toBe(false);
    expect(isCanonicalJson('['.repeat(100) + ']'.repeat(100))).toBe(false);
    for (const v of [{ title: 'Мыкты Мекендеш, ңөү', n: [1.5, -0, 1e-7, null, true] }, { 'é': 1, e: 2, 'E': 3, '\u20ac': { z: 1, y: [] } }]) {
      expect(isCanonicalJson(canonicalize(v))).toBe(true);
    }
  });
});
