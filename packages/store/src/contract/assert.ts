/** A few assertions with no dependencies, so the contract suite runs in Node and in a browser worker. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function canonical(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: [...v] };
  if (typeof v === 'bigint') return { bigint: v.toString() };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export const assert = {
  equal(actual: unknown, expected: unknown, msg = '') {
    if (!Object.is(actual, expected)) throw new AssertionError(`${msg} expected ${String(expected)}, got ${String(actual)}`);
  },
  deepEqual(actual: unknown, expected: unknown, msg = '') {
    const a = JSON.stringify(canonical(actual));
    const e = JSON.stringify(canonical(expected));
    if (a !== e) throw new AssertionError(`${msg} expected ${e}, got ${a}`);
  },
  ok(value: unknown, msg = 'expected a truthy value') {
    if (!value) throw new AssertionError(msg);
  },
  /** Asserts `fn` throws; `match` is checked against the error's `code` or message. */
  throws(fn: () => unknown, match?: string | RegExp, msg = '') {
    try {
      fn();
    } catch (err) {
      if (match === undefined) return err;
      const e = err as { code?: unknown; message?: unknown };
      const text = `${String(e.code ?? '')} ${String(e.message ?? '')}`;
      if (typeof match === 'string' ? text.includes(match) : match.test(text)) return err;
      throw new AssertionError(`${msg} threw ${text}, expected ${String(match)}`);
    }
    throw new AssertionError(`${msg} expected an error`);
  },
};
