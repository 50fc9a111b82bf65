/**
 * Issues, serves and revokes the platform's verifiable credentials: the Mykty Mekendesh award
 * (an Open Badges 3.0 credential, a PDF certificate and a public verification page) and the
 * skills-transfer badge of a completed engagement.
 *
 * The issuer's signing key is a file beside the database (`issuer-keys.json`, mode 0600), not
 * a row in it: a copy of the database (a backup, a restore, a support dump) never carries the
 * key. The public key set is served at `/api/public/issuer`; apps pin it and verify offline.
 * Retired keys keep only their public half.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildAwardCredential,
  buildBadgeCredential,
  buildStatusListCredential,
  base64urlDecode,
  base64urlEncode,
  createIssuerKeySet,
  createStatusList,
  currentSigningKey,
  encodeStatusList,
  markKeyCompromised,
  parseCredentialUnverified,
  randomStatusIndex,
  rotateKey,
  setStatus,
  signCredential,
  verifyCredential,
  MIN_STATUS_LIST_BITS,
  type IssuerKeySet,
  type IssuerPrivateKey,
  type VerifyResult,
} from '@mekendesh/credentials';
import type { CertificateFonts } from '@mekendesh/certificate';
import { fail } from '@mekendesh/core';
import { ed25519Signer, type CheckpointSigner } from '@mekendesh/audit';
import type { ServerStore } from '../storage/server-store.ts';

export const ISSUER_NAME = {
  ky: 'Мекендеш — мекендештер платформасы',
  ru: 'Мекендеш — платформа соотечественников',
  en: 'Mekendesh — the compatriots’ platform',
};

/** The one status list (131,072 entries: far more credentials than a national award issues). */
const STATUS_LIST = '1';

interface KeyFile {
  keySet: IssuerKeySet;
  privateKeys: { kid: string; seed: string }[];
}

export interface IssuedCredential {
  id: string;
  kind: 'award' | 'badge';
  subjectRef: string;
  jws: string;
  issuedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** What the verification page shows. */
export interface Verification {
  credential: IssuedCredential;
  result: VerifyResult;
  recipientName: string | null;
  achievement: { ky: string; ru: string; en: string } | null;
  awardedOn: string | null;
}

/** A checkpoint names its key by the fragment of the issuer's kid (`key-<thumbprint>`): the same key, without the URL. */
export function shortKid(kid: string): string {
  return kid.replace(/^.*#/, '');
}

export class CredentialService {
  private cachedList: { revocations: number; kid: string; jws: string } | null = null;
  private fonts: Promise<CertificateFonts> | null = null;

  constructor(
    private readonly store: ServerStore,
    private readonly keyFile: string,
  ) {}

  static inDataDir(store: ServerStore, dataDir: string): CredentialService {
    return new CredentialService(store, join(dataDir, 'issuer-keys.json'));
  }

  private read(): { keySet: IssuerKeySet; privateKeys: IssuerPrivateKey[] } | null {
    if (!existsSync(this.keyFile)) return null;
    const file = JSON.parse(readFileSync(this.keyFile, 'utf8')) as KeyFile;
    return { keySet: file.keySet, privateKeys: file.privateKeys.map((k) => ({ kid: k.kid, seed: base64urlDecode(k.seed) ?? fail('internal', { keyFile: 'bad seed' }) })) };
  }

  private write(keySet: IssuerKeySet, privateKeys: readonly IssuerPrivateKey[]): void {
    const file: KeyFile = { keySet, privateKeys: privateKeys.map((k) => ({ kid: k.kid, seed: base64urlEncode(k.seed) })) };
    // Written aside and renamed: a crash never leaves half a key file.
    const tmp = `${this.keyFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.keyFile);
  }

  /** The key set, made on first use with the issuer id at this server's public address. */
  private keys(base: string): { keySet: IssuerKeySet; privateKeys: IssuerPrivateKey[] } {
    const existing = this.read();
    if (existing) return existing;
    const made = createIssuerKeySet({ issuer: { id: `${base}/api/public/issuer`, name: ISSUER_NAME.ky }, now: this.store.clockNow() });
    this.write(made.keySet, made.privateKeys);
    return made;
  }

  /** The public key set apps pin, or null before anything was issued. */
  keySet(): IssuerKeySet | null {
    return this.read()?.keySet ?? null;
  }

  /** Signs audit checkpoints with the issuer's current key (one key to pin, one to publish). */
  checkpointSigner(base: string): CheckpointSigner {
    const { keySet, privateKeys } = this.keys(base);
    const key = currentSigningKey(keySet, privateKeys);
    return ed25519Signer(shortKid(key.kid), key.seed);
  }

  /** Every public key ever used (retired ones included), by short kid, for verifying old checkpoints. */
  publicKeys(): Map<string, IssuerKeySet['keys'][number]['publicKeyJwk']> {
    return new Map((this.keySet()?.keys ?? []).map((k) => [shortKid(k.kid), k.publicKeyJwk]));
  }

  /** Retires the current key and makes a new one; the retired seed is destroyed. */
  rotate(base: string): IssuerKeySet {
    const { keySet } = this.keys(base);
    const rotated = rotateKey(keySet, this.store.clockNow());
    this.write(rotated.keySet, [rotated.privateKey]);
    this.cachedList = null;
    return rotated.keySet;
  }

  /** Marks a key as leaked from `at` on; credentials it signed after that stop verifying. */
  compromise(kid: string, at: string): IssuerKeySet {
    const current = this.read();
    if (!current) fail('not_found');
    const keySet = markKeyCompromised(current.keySet, kid, at);
    this.write(keySet, current.privateKeys.filter((k) => k.kid !== kid));
    this.cachedList = null;
    return keySet;
  }

  private listUrl(keySet: IssuerKeySet): string {
    return `${keySet.issuer.id.replace(/\/api\/public\/issuer$/, '')}/api/public/status/${STATUS_LIST}`;
  }

  private verifyUrl(keySet: IssuerKeySet, id: string): string {
    return `${keySet.issuer.id.replace(/\/api\/public\/issuer$/, '')}/verify/${id}`;
  }

  private freeIndex(): number {
    return randomStatusIndex(MIN_STATUS_LIST_BITS, (i) =>
      !!this.store.db.get('SELECT 1 FROM credentials_issued WHERE status_list = ? AND status_index = ?', [STATUS_LIST, i]),
    );
  }

  private insert(id: string, kind: 'award' | 'badge', subjectRef: string, cycleId: string | null, jws: string, kid: string, index: number): void {
    this.store.db.run(
      `INSERT INTO credentials_issued (id, kind, subject_ref, cycle_id, jws, kid, status_list, status_index, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, kind, subjectRef, cycleId, jws, kid, STATUS_LIST, index, this.store.now()],
    );
  }

  /**
   * Issues what is due and not yet issued: an award credential for each awarded nomination
   * whose nominee consented (nothing about a person is published without consent), and a
   * badge for each completed engagement. Returns the new credentials' ids.
   */
  issuePending(base: string): string[] {
    return this.store.db.transaction(() => {
      const awards = this.store.records.where(
        'nominations',
        "status = 'awarded' AND consent = 'given' AND id NOT IN (SELECT subject_ref FROM credentials_issued WHERE kind = 'award')",
      );
      const engagements = this.store.records.where(
        'engagements',
        "status = 'completed' AND id NOT IN (SELECT subject_ref FROM credentials_issued WHERE kind = 'badge')",
      );
      if (awards.length === 0 && engagements.length === 0) return [];
      const { keySet, privateKeys } = this.keys(base);
      const key = currentSigningKey(keySet, privateKeys);
      const issuer = { id: keySet.issuer.id, name: keySet.issuer.name };
      const issued: string[] = [];
      for (const n of awards) {
        const cycle = this.store.records.get('award_cycles', n.cycleId)!;
        const category = cycle.categories.find((c) => c.id === n.categoryId)!;
        const id = globalThis.crypto.randomUUID();
        const index = this.freeIndex();
        const decided = n.decisions.find((d) => d.stage === 'award' && d.outcome === 'awarded');
        const credential = buildAwardCredential({
          id: `urn:uuid:${id}`,
          issuer,
          subject: { id: `urn:uuid:${globalThis.crypto.randomUUID()}`, name: n.nomineeName },
          cycle: { id: cycle.id, year: cycle.year },
          category: { id: category.id, name: category.name },
          awardedOn: (decided?.decidedAt ?? this.store.now()).slice(0, 10),
          issuedAt: this.store.clockNow(),
          verifyUrl: this.verifyUrl(keySet, id),
          status: { listUrl: this.listUrl(keySet), index },
        });
        this.insert(id, 'award', n.id, cycle.id, signCredential(credential, key), key.kid, index);
        this.store.appendAudit(this.store.now(), null, 'credential.issued', { id: n.id, credentialId: id, kid: key.kid, statusIndex: index }, null);
        issued.push(id);
      }
      for (const e of engagements) {
        const member = this.store.records.get('accounts', e.memberId);
        const need = e.needId ? this.store.records.get('needs', e.needId) : undefined;
        const offer = e.offerId ? this.store.records.get('offers', e.offerId) : undefined;
        const id = globalThis.crypto.randomUUID();
        const index = this.freeIndex();
        const credential = buildBadgeCredential({
          id: `urn:uuid:${id}`,
          issuer,
          subject: { id: `urn:uuid:${globalThis.crypto.randomUUID()}`, name: member?.displayName ?? '—' },
          engagement: {
            id: e.id,
            needTitle: need?.title ?? offer?.title ?? '—',
            hours: e.hours ?? 0,
            beneficiaries: e.beneficiaries ?? 0,
            completedOn: (e.completedAt ?? e.updatedAt).slice(0, 10),
          },
          issuedAt: this.store.clockNow(),
          verifyUrl: this.verifyUrl(keySet, id),
          status: { listUrl: this.listUrl(keySet), index },
        });
        this.insert(id, 'badge', e.id, null, signCredential(credential, key), key.kid, index);
        issued.push(id);
      }
      return issued;
    });
  }

  credential(id: string): IssuedCredential | null {
    const row = this.store.db.get<{ id: string; kind: 'award' | 'badge'; subject_ref: string; jws: string; issued_at: string; revoked_at: string | null; revoke_reason: string | null }>(
      'SELECT id, kind, subject_ref, jws, issued_at, revoked_at, revoke_reason FROM credentials_issued WHERE id = ?',
      [id],
    );
    return row ? { id: row.id, kind: row.kind, subjectRef: row.subject_ref, jws: row.jws, issuedAt: row.issued_at, revokedAt: row.revoked_at, revokeReason: row.revoke_reason } : null;
  }

  /**
   * The credentials an account holds or asked for: awards where it is the nominee or the
   * nominator, badges of its completed engagements. What a "My certificates" list shows.
   */
  mine(accountId: string): (IssuedCredential & { title: { ky: string; ru: string; en: string } | null; recipientName: string | null; verifyUrl: string | null })[] {
    const rows = this.store.db.all<{ id: string }>(
      `SELECT id FROM credentials_issued WHERE
         (kind = 'award' AND subject_ref IN (SELECT id FROM nominations WHERE nominee_account_id = ? OR nominator_id = ?))
         OR (kind = 'badge' AND subject_ref IN (SELECT id FROM engagements WHERE member_id = ?))
       ORDER BY issued_at DESC`,
      [accountId, accountId, accountId],
    );
    const keySet = this.keySet();
    return rows.map((r) => {
      const c = this.credential(r.id)!;
      const parsed = parseCredentialUnverified(c.jws)?.credential as
        | { credentialSubject?: { identifier?: { identityHash?: string }[]; achievement?: { nameMap?: { ky: string; ru: string; en: string } } } }
        | undefined;
      return {
        ...c,
        title: parsed?.credentialSubject?.achievement?.nameMap ?? null,
        recipientName: parsed?.credentialSubject?.identifier?.[0]?.identityHash ?? null,
        verifyUrl: keySet ? this.verifyUrl(keySet, c.id) : null,
      };
    });
  }

  /** The award credential of a nomination, if issued. */
  credentialOf(kind: 'award' | 'badge', subjectRef: string): IssuedCredential | null {
    const row = this.store.db.get<{ id: string }>('SELECT id FROM credentials_issued WHERE kind = ? AND subject_ref = ?', [kind, subjectRef]);
    return row ? this.credential(row.id) : null;
  }

  /** Revokes a credential: its bit in the status list is set, and the list is signed again. */
  revoke(id: string, reason: string, actor: string | null): void {
    this.store.db.transaction(() => {
      const changed = this.store.db.run('UPDATE credentials_issued SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL', [this.store.now(), reason, id]);
      if (changed.changes === 0 && !this.credential(id)) fail('not_found');
      if (changed.changes > 0) this.store.appendAudit(this.store.now(), actor, 'credential.revoked', { id: this.credential(id)!.subjectRef, credentialId: id, reason }, null);
    });
    this.cachedList = null;
  }

  /** The status list as a signed BitstringStatusListCredential (cached until a revocation). */
  statusListJws(): string | null {
    const keys = this.read();
    if (!keys) return null;
    const revoked = this.store.db.all<{ status_index: number }>('SELECT status_index FROM credentials_issued WHERE status_list = ? AND revoked_at IS NOT NULL', [STATUS_LIST]);
    const key = currentSigningKey(keys.keySet, keys.privateKeys);
    if (this.cachedList && this.cachedList.revocations === revoked.length && this.cachedList.kid === key.kid) return this.cachedList.jws;
    const list = createStatusList();
    for (const r of revoked) setStatus(list, Number(r.status_index), true);
    const credential = buildStatusListCredential({
      id: this.listUrl(keys.keySet),
      issuer: keys.keySet.issuer.id,
      encodedList: encodeStatusList(list),
      validFrom: this.store.clockNow(),
    });
    const jws = signCredential(credential, key);
    this.cachedList = { revocations: revoked.length, kid: key.kid, jws };
    return jws;
  }

  /** Verifies an issued credential as anyone would: the public key set and the signed status list. */
  verification(id: string): Verification | null {
    const credential = this.credential(id);
    const keySet = this.keySet();
    if (!credential || !keySet) return null;
    const list = this.statusListJws();
    const result = verifyCredential(credential.jws, keySet, {
      now: this.store.clockNow(),
      statusLists: new Map(list ? [[this.listUrl(keySet), list]] : []),
    });
    const parsed = parseCredentialUnverified(credential.jws)?.credential as
      | { credentialSubject?: { identifier?: { identityHash?: string }[]; achievement?: { nameMap?: { ky: string; ru: string; en: string } } }; awardedDate?: string }
      | undefined;
    return {
      credential,
      result,
      recipientName: parsed?.credentialSubject?.identifier?.[0]?.identityHash ?? null,
      achievement: parsed?.credentialSubject?.achievement?.nameMap ?? null,
      awardedOn: parsed?.awardedDate?.slice(0, 10) ?? null,
    };
  }

  /** The PDF certificate of an award credential, in one language or all three. */
  async certificatePdf(id: string, locale: 'ky' | 'ru' | 'en' | 'all'): Promise<Uint8Array | null> {
    const credential = this.credential(id);
    if (!credential || credential.kind !== 'award') return null;
    const n = this.store.records.get('nominations', credential.subjectRef);
    const keySet = this.keySet();
    if (!n || !keySet) return null;
    const cycle = this.store.records.get('award_cycles', n.cycleId)!;
    const category = cycle.categories.find((c) => c.id === n.categoryId)!;
    // pdf-lib, fontkit and the fonts are loaded with the first certificate, not at start: they
    // add about 45 MiB of RSS and 12 MiB of heap that a server serving no PDF never needs.
    const { loadCertificateFonts, renderCertificatePdf } = await import('@mekendesh/certificate');
    this.fonts ??= loadCertificateFonts(async (url) => new Uint8Array(await readFile(url)));
    const decided = n.decisions.find((d) => d.stage === 'award' && d.outcome === 'awarded');
    return renderCertificatePdf(
      {
        recipientName: n.nomineeName,
        cycleYear: cycle.year,
        categoryName: category.name,
        awardedOn: (decided?.decidedAt ?? credential.issuedAt).slice(0, 10),
        credentialId: `urn:uuid:${id}`,
        verifyUrl: this.verifyUrl(keySet, id),
        issuerName: ISSUER_NAME,
      },
      locale,
      await this.fonts,
    );
  }
}
