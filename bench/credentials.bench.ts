/**
 * Verifiable award certificates (`@mekendesh/credentials`): issuing (build + sign) and
 * offline verification (signature, key window, OB 3.0 claim checks, revocation bit) of n
 * certificates, as Open Badges 3.0 VC-JWTs signed with Ed25519.
 *
 * Baseline in the same process, interleaved run by run: raw @noble/curves Ed25519 sign and
 * verify of the very same signing-input bytes, the floor any pure-JS issuer or verifier pays;
 * read the ratios. For comparison, `jose` verifying the same tokens (Node's OpenSSL, native
 * code: what a server could use, not what a browser worker can count on offline).
 *
 * Direct run: `pnpm tsx bench/credentials.bench.ts [n]`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  buildAwardCredential,
  buildStatusListCredential,
  createIssuerKeySet,
  createStatusList,
  encodeStatusList,
  setStatus,
  signCredential,
  verifyCredential,
  verifyStatusListCredential,
  type AwardInput,
  type OpenBadgeCredential,
} from '@mekendesh/credentials';
import type { BenchResult } from './types.ts';

// @noble/curves and jose are dependencies of the package, not of the repo root: resolve them
// from the package so the baseline uses the exact same code the package does.
const fromPackage = createRequire(new URL('../packages/credentials/package.json', import.meta.url));
interface Ed25519 {
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, options?: { zip215?: boolean }): boolean;
  getPublicKey(secretKey: Uint8Array): Uint8Array;
}
interface Jose {
  importJWK(jwk: object, alg: string): Promise<unknown>;
  compactVerify(jws: string, key: unknown): Promise<unknown>;
}
const load = async <T>(spec: string): Promise<T> => (await import(pathToFileURL(fromPackage.resolve(spec)).href)) as T;

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);

const issuer = { id: 'https://mekendesh.kg/issuer', name: 'Мекендеш' };
const LIST_URL = 'https://mekendesh.kg/status/1';
const CATEGORIES = [
  { id: 'investment', name: { ky: 'Инвестициялык долбоор', ru: 'Инвестиционный проект', en: 'Investment project' } },
  { id: 'philanthropy', name: { ky: 'Кайрымдуулук', ru: 'Благотворительность', en: 'Philanthropy' } },
  { id: 'youth', name: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' } },
];
const hex = (i: number, width: number) => i.toString(16).padStart(width, '0');

function input(i: number): AwardInput {
  const uuid = `${hex(i, 8)}-0000-4000-8000-${hex(i * 7919, 12)}`;
  return {
    id: `urn:uuid:${uuid}`,
    issuer,
    subject: { id: `urn:uuid:${hex(i, 8)}-1111-4111-8111-${hex(i * 104_729, 12)}`, name: `Айгүл Асанова ${i}` },
    cycle: { id: 'cycle2026', year: 2026 },
    category: CATEGORIES[i % CATEGORIES.length]!,
    awardedOn: '2026-04-30',
    issuedAt: '2026-05-01T10:00:00Z',
    verifyUrl: `https://mekendesh.kg/verify/${uuid}`,
    status: { listUrl: LIST_URL, index: (i * 127) % 131_072 },
  };
}

export default async function run(n = 1_000): Promise<BenchResult[]> {
  const { ed25519 } = await load<{ ed25519: Ed25519 }>('@noble/curves/ed25519.js');
  const jose = await load<Jose>('jose');

  const { keySet, privateKeys } = createIssuerKeySet({ issuer, now: new Date('2026-01-01T00:00:00Z'), seed: new Uint8Array(32).fill(42) });
  const key = privateKeys[0]!;
  const publicKey = ed25519.getPublicKey(key.seed);
  const now = new Date('2026-06-01T00:00:00Z');
  const inputs = Array.from({ length: n }, (_, i) => input(i));

  // A revocation list with every tenth certificate revoked, signed, verified and decoded once
  // (as an app does when it refreshes its cached list).
  const list = createStatusList();
  for (let i = 0; i < n; i += 10) setStatus(list, inputs[i]!.status.index, true);
  const l0 = performance.now();
  const listJws = signCredential(buildStatusListCredential({ id: LIST_URL, issuer: issuer.id, encodedList: encodeStatusList(list), validFrom: '2026-05-02T00:00:00Z' }), key);
  const listIssueMs = performance.now() - l0;
  const l1 = performance.now();
  const listCheck = verifyStatusListCredential(listJws, keySet, { now });
  const listVerifyMs = performance.now() - l1;
  if (!listCheck.ok) throw new Error(`status list: ${listCheck.reason}`);
  const statusLists = new Map([[LIST_URL, listCheck.list]]);

  const issueAll = () => {
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = signCredential(buildAwardCredential(inputs[i]!), key);
    return out;
  };
  const tokens = issueAll(); // warm-up, and the tokens every verify round checks
  // The baseline signs and verifies exactly the bytes our tokens sign: header.payload.
  const signingInputs = tokens.map((t) => new TextEncoder().encode(t.slice(0, t.lastIndexOf('.'))));
  const signatures = signingInputs.map((bytes) => ed25519.sign(bytes, key.seed));
  const joseKey = await jose.importJWK({ ...keySet.keys[0]!.publicKeyJwk }, 'EdDSA');

  const verifyAll = () => {
    let revoked = 0;
    for (const t of tokens) {
      const r = verifyCredential(t, keySet, { now, statusLists });
      if (!r.ok) throw new Error(`verify failed: ${r.reason}`);
      if (r.status === 'revoked') revoked++;
    }
    return revoked;
  };
  const expectedRevoked = Math.ceil(n / 10);
  if (verifyAll() !== expectedRevoked) throw new Error('revocation count differs');
  await jose.compactVerify(tokens[0]!, joseKey);

  const issueMs: number[] = [], rawSignMs: number[] = [], verifyMs: number[] = [], rawVerifyMs: number[] = [], joseMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    // Interleaved so each pair sees the same machine load.
    let t = performance.now();
    issueAll();
    issueMs.push(performance.now() - t);
    t = performance.now();
    for (const bytes of signingInputs) ed25519.sign(bytes, key.seed);
    rawSignMs.push(performance.now() - t);

    t = performance.now();
    if (verifyAll() !== expectedRevoked) throw new Error('revocation count differs');
    verifyMs.push(performance.now() - t);
    t = performance.now();
    for (let i = 0; i < n; i++) if (!ed25519.verify(signatures[i]!, signingInputs[i]!, publicKey, { zip215: false })) throw new Error('raw verify failed');
    rawVerifyMs.push(performance.now() - t);

    t = performance.now();
    for (const token of tokens) await jose.compactVerify(token, joseKey);
    joseMs.push(performance.now() - t);
  }

  const issue = median(issueMs), rawSign = median(rawSignMs), verify = median(verifyMs), rawVerify = median(rawVerifyMs), joseVerify = median(joseMs);
  const sample: OpenBadgeCredential = buildAwardCredential(inputs[0]!);
  const avgTokenBytes = Math.round(tokens.reduce((s, t) => s + t.length, 0) / n);
  return [
    { name: 'issue (build + sign)', value: perSecond(n, issue), unit: 'certificates/s', note: `${n} certificates, median of ${RUNS}: ${issue.toFixed(0)} ms` },
    { name: 'raw noble ed25519 sign', value: perSecond(n, rawSign), unit: 'signatures/s', note: `baseline: the same ${n} signing inputs, ${rawSign.toFixed(0)} ms` },
    { name: 'issue / raw sign', value: Number((perSecond(n, issue) / perSecond(n, rawSign)).toFixed(3)), unit: '×', note: 'throughput ratio; 1 = no overhead beyond the signature' },
    { name: 'verify offline (incl. status)', value: perSecond(n, verify), unit: 'certificates/s', note: `${n} certificates against the pinned key set and a decoded 131,072-entry list (${expectedRevoked} revoked), ${verify.toFixed(0)} ms` },
    { name: 'raw noble ed25519 verify', value: perSecond(n, rawVerify), unit: 'verifications/s', note: `baseline: the same ${n} signatures, strict (zip215: false), ${rawVerify.toFixed(0)} ms` },
    { name: 'verify / raw verify', value: Number((perSecond(n, verify) / perSecond(n, rawVerify)).toFixed(3)), unit: '×', note: 'throughput ratio' },
    { name: 'jose compactVerify (Node OpenSSL)', value: perSecond(n, joseVerify), unit: 'verifications/s', note: `comparison only (native, not available offline in a worker): ${joseVerify.toFixed(0)} ms` },
    { name: 'certificate size', value: avgTokenBytes, unit: 'bytes', note: `compact JWS, average; credential JSON ${JSON.stringify(sample).length} bytes` },
    { name: 'status list issue (encode + sign)', value: Number(listIssueMs.toFixed(2)), unit: 'ms', note: `16 KB bitstring, ${expectedRevoked} bits set, JWS ${listJws.length} bytes` },
    { name: 'status list verify + decode', value: Number(listVerifyMs.toFixed(2)), unit: 'ms', note: 'once per list refresh' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await run(process.argv[2] ? Number(process.argv[2]) : 1_000);
  for (const r of results) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}\n`);
}
