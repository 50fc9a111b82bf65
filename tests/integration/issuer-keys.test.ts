/**
 * The certificate issuer's key through its life, with the real server and the real CLI: the
 * key file is private, a rotation keeps old certificates verifying while new ones use the new
 * key, and a key marked compromised stops verifying what it signed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type IssuerKeySet } from '@mekendesh/credentials';
import { generateDemo } from '../../server/src/demo.ts';
import { startTestServer } from '../kit/server.ts';

const root = join(import.meta.dirname, '..', '..');

describe('the issuer key', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli.ts'), ...args, '--data-dir', server.dataDir], {
      encoding: 'utf8', cwd: root, env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
  const keySet = async () => ((await (await fetch(`${server.url}/api/public/issuer`)).json()) as { keySet: IssuerKeySet }).keySet;
  const credentialOf = (subject: string) => server.store.db.get<{ id: string; jws: string; kid: string }>('SELECT id, jws, kid FROM credentials_issued WHERE subject_ref = ?', [subject])!;

  beforeAll(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { members: 20, logN: 10, now: new Date('2026-06-01T00:00:00Z') });
    // Restart on the same folder: certificates due are issued at start-up.
    await server.close();
    server = { ...(await startTestServer({ dataDir: server.dataDir })), dataDir: server.dataDir };
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('is a private file, rotates without breaking old certificates, and a compromised key stops verifying', async () => {
    const file = join(server.dataDir, 'issuer-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = credentialOf('demo-nomination-2401');
    const before = await keySet();
    expect(before.keys).toHaveLength(1);
    expect(verifyCredential(first.jws, before).ok).toBe(true);

    const rotated = cli('issuer-rotate');
    expect(rotated.status, rotated.stderr).toBe(0);
    const after = await keySet();
    expect(after.keys).toHaveLength(2);
    expect(after.keys[0]!.validUntil).not.toBeNull();
    // The retired key's seed is gone from the file; its public half stays for old certificates.
    expect(JSON.parse(readFileSync(file, 'utf8')).privateKeys).toHaveLength(1);
    expect(verifyCredential(first.jws, after).ok).toBe(true);
    expect(await (await fetch(`${server.url}/verify/${first.id}?lang=en`)).text()).toContain('Genuine');

    // A new award is signed with the new key.
    server.store.db.transaction(() => {
      const n = server.store.records.get('nominations', 'demo-nomination-2601')!;
      server.store.records.put('nominations', { ...n, status: 'awarded', consent: 'given', consentAt: n.updatedAt });
    });
    await server.close();
    server = { ...(await startTestServer({ dataDir: server.dataDir })), dataDir: server.dataDir };
    const second = credentialOf('demo-nomination-2601');
    expect(second.kid).toBe(after.keys[1]!.kid);
    expect(second.kid).not.toBe(first.kid);
    // The status list is signed with the current key and still verifies old entries.
    expect(verifyCredential(first.jws, after, { statusLists: new Map([[JSON.parse(Buffer.from(first.jws.split('.')[1]!, 'base64url').toString()).credentialStatus.statusListCredential, await (await fetch(`${server.url}/api/public/status/1`)).text()]]) })).toMatchObject({ ok: true, status: 'active' });

    // The old key leaked before the first certificate was signed: it no longer verifies, the new one does.
    const leaked = cli('issuer-compromise', '--kid', first.kid, '--at', '2020-01-01T00:00:00Z');
    expect(leaked.status, leaked.stderr).toBe(0);
    const html = await (await fetch(`${server.url}/verify/${first.id}?lang=en`)).text();
    expect(html).toContain('This certificate is not valid.');
    expect(html).toContain('The signing key is marked as compromised.');
    expect(await (await fetch(`${server.url}/verify/${second.id}?lang=en`)).text()).toContain('Genuine');
    // Both key events are in the audit log, which still verifies.
    const verified = cli('audit-verify');
    expect(verified.status, verified.stderr).toBe(0);
    const kinds = server.store.audit.events(1, 10_000).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['issuer.rotated', 'issuer.compromised', 'credential.issued']));
  });
});
