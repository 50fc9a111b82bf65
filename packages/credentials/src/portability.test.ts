/**
 * Verification must run in Node, a browser worker and Electron alike, offline: no Node
 * module, no WebCrypto, no network. The repo-wide import-graph test already bans `node:*`
 * under packages/; this checks the package's own stricter allow-list and runs a full
 * verification with `crypto` and `fetch` removed from the global scope.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildAwardCredential,
  buildStatusListCredential,
  createIssuerKeySet,
  createStatusList,
  encodeStatusList,
  setStatus,
  signCredential,
  verifyCredential,
} from './index.ts';

describe('portability', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sources import only @noble/curves, @noble/hashes, fflate and each other', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = readFileSync(join(import.meta.dirname, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!/^(\.\/[\w-]+\.ts|@noble\/curves\/ed25519\.js|@noble\/hashes\/sha2\.js|fflate)$/.test(spec)) offenders.push(`${file} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('verifies, status list included, with no globalThis.crypto and no fetch', () => {
    const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
    const { keySet, privateKeys } = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(6) });
    const credential = buildAwardCredential({
      id: 'urn:uuid:0f6d1f7e-6c2a-4f7b-9d0e-2b1c3a4d5e6f',
      issuer,
      subject: { id: 'urn:uuid:8a3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Айгүл Асанова' },
      cycle: { id: 'cycle2026', year: 2026 },
      category: { id: 'youth', name: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' } },
      awardedOn: '2026-04-30',
      issuedAt: '2026-05-01T10:00:00Z',
      verifyUrl: 'https://mekendesh.kg/verify/0f6d1f7e',
      status: { listUrl: 'https://mekendesh.kg/status/1', index: 7 },
    });
    const jws = signCredential(credential, privateKeys[0]!);
    const list = createStatusList();
    setStatus(list, 7, true);
    const listJws = signCredential(
      buildStatusListCredential({ id: 'https://mekendesh.kg/status/1', issuer: issuer.id, encodedList: encodeStatusList(list), validFrom: '2026-05-02T00:00:00Z' }),
      privateKeys[0]!,
    );

    vi.stubGlobal('crypto', undefined);
    vi.stubGlobal('fetch', () => {
      throw new Error('no network');
    });
    expect(globalThis.crypto).toBeUndefined();
    const result = verifyCredential(jws, keySet, {
      now: new Date('2026-06-01T00:00:00Z'),
      statusLists: new Map([['https://mekendesh.kg/status/1', listJws]]),
    });
    expect(result).toMatchObject({ ok: true, status: 'revoked' });
  });
});
