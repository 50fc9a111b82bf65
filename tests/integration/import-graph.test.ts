import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('the import graph', () => {
  it('nothing under packages/ imports a host: electron, better-sqlite3, sqlite-wasm or node:*', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'packages'))) {
      for (const spec of imports(file)) {
        if (/^(node:|electron$|better-sqlite3$|@sqlite\.org\/sqlite-wasm)/.test(spec)) offenders.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('dependencies flow one way: core ← store ← sync; import uses core, i18n and search; core imports no package of ours', () => {
    const allowed: Record<string, string[]> = {
      core: [],
      i18n: [],
      store: ['core'],
      sync: ['core', 'store'],
      search: ['core', 'store'],
      import: ['core', 'i18n', 'search'],
    };
    const offenders: string[] = [];
    for (const [pkg, deps] of Object.entries(allowed)) {
      for (const file of sources(join(root, 'packages', pkg, 'src'))) {
        for (const spec of imports(file)) {
          const m = /^@mekendesh\/([^/]+)/.exec(spec);
          if (m && !deps.includes(m[1]!)) offenders.push(`${relative(root, file)} → ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
