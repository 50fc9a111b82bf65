/**
 * The award's server-side storage beyond the synced records: one-time links (endorsements
 * and consent, for people without an account), evidence files, and the checks around them.
 * Like `ServerStore`, every public method is one transaction, so another backend replaces
 * this module, not the routes.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  EVIDENCE_TYPES,
  MAX_EVIDENCE_FILES,
  bishkekDate,
  canReadRow,
  fail,
  hasRole,
  type Nomination,
} from '@mekendesh/core';
import type { ServerStore } from './server-store.ts';

export type LinkKind = 'endorsement' | 'consent';

/** One-time links stay valid this long. */
export const LINK_TTL_MS = 30 * 24 * 3600_000;

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** What the page behind a link shows: nothing personal beyond the nominee's name and the award. */
export interface LinkSubject {
  kind: LinkKind;
  nomineeName: string;
  cycleYear: number;
  cycleTitle: { ky: string; ru: string; en: string };
  categoryName: { ky: string; ru: string; en: string };
  /** For an endorsement: whom the nominator invited. */
  invitedName: string | null;
  /** For consent: the statement the nominator wrote (what would be published). */
  statement: string | null;
}

/** What the nominee sees of a nomination of them in the app. */
export interface NomineeView extends LinkSubject {
  consent: 'pending' | 'given' | 'refused';
  consentAt: string | null;
}

/** A winner as the public sees them: only with consent, only after the announcement, no contacts. */
export interface PublicWinner {
  nominationId: string;
  cycleYear: number;
  cycleTitle: { ky: string; ru: string; en: string };
  categoryName: { ky: string; ru: string; en: string };
  nomineeName: string;
  nomineeCountry: string | null;
  /** The nominator's statement: the success story. */
  story: string;
  storyLang: string;
  awardedOn: string;
  /** The certificate's id, for its verification page, once issued. */
  credentialId: string | null;
}

export class AwardStore {
  constructor(private readonly store: ServerStore) {}

  private get db() {
    return this.store.db;
  }

  private get records() {
    return this.store.records;
  }

  /** A nomination the account may see, or `not_found`. */
  private visibleNomination(accountId: string, nominationId: string): Nomination {
    const n = this.records.get('nominations', nominationId);
    if (!n || !canReadRow('nominations', n, this.records.viewer(accountId))) fail('not_found', { table: 'nominations', id: nominationId });
    return n;
  }

  /** The nominator (or a coordinator) acting on a nomination past its draft and not yet decided. */
  private managedNomination(accountId: string, nominationId: string): Nomination {
    const n = this.visibleNomination(accountId, nominationId);
    const viewer = this.records.viewer(accountId);
    if (n.nominatorId !== accountId && !hasRole(viewer, 'coordinator')) fail('forbidden');
    if (!['submitted', 'eligible', 'in_review', 'shortlisted'].includes(n.status)) fail('nomination_wrong_status', { from: n.status });
    return n;
  }

  private newLink(kind: LinkKind, subjectId: string, accountId: string): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const now = this.store.clockNow();
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS).toISOString();
    this.db.run('INSERT INTO award_links (token_hash, kind, subject_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
      sha256(token), kind, subjectId, accountId, now.toISOString(), expiresAt,
    ]);
    return { token, expiresAt };
  }

  /** The unused, unexpired link for a token: `link_invalid` for a forged one, `link_used` for a spent or expired one. */
  private link(kind: LinkKind, token: string): { subjectId: string; tokenHash: string } {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) fail('link_invalid');
    const tokenHash = sha256(token);
    const row = this.db.get<{ subject_id: string; kind: string; expires_at: string; used_at: string | null }>(
      'SELECT subject_id, kind, expires_at, used_at FROM award_links WHERE token_hash = ?',
      [tokenHash],
    );
    if (!row || row.kind !== kind) fail('link_invalid');
    if (row.used_at !== null || row.expires_at <= this.store.now()) fail('link_used');
    return { subjectId: row.subject_id, tokenHash };
  }

  private subject(kind: LinkKind, n: Nomination, invitedName: string | null): LinkSubject {
    const cycle = this.records.get('award_cycles', n.cycleId)!;
    const category = cycle.categories.find((c) => c.id === n.categoryId);
    return {
      kind,
      nomineeName: n.nomineeName,
      cycleYear: cycle.year,
      cycleTitle: cycle.title,
      categoryName: category?.name ?? { ky: n.categoryId, ru: n.categoryId, en: n.categoryId },
      invitedName,
      statement: kind === 'consent' ? n.statement : null,
    };
  }

  /** Invites a third party to endorse: an `invited` endorsement, and a one-time link to it. */
  createEndorsementLink(accountId: string, nominationId: string, invitedName: string): { endorsementId: string; token: string; expiresAt: string } {
    return this.db.transaction(() => {
      const n = this.managedNomination(accountId, nominationId);
      const now = this.store.now();
      const endorsementId = `endo-${globalThis.crypto.randomUUID()}`;
      this.store.appendAudit(now, accountId, 'endorsement.invited', { id: n.id, endorsementId, invitedName }, null);
      this.records.put('endorsements', {
        id: endorsementId, nominationId: n.id, cycleId: n.cycleId, nominatorId: n.nominatorId, invitedName, endorserName: null,
        endorserRelation: null, text: null, status: 'invited', createdAt: now, receivedAt: null, updatedAt: now,
      });
      return { endorsementId, ...this.newLink('endorsement', endorsementId, accountId) };
    });
  }

  endorsementSubject(token: string): LinkSubject {
    return this.db.transaction(() => {
      const { subjectId } = this.link('endorsement', token);
      const e = this.records.get('endorsements', subjectId);
      const n = e && this.records.get('nominations', e.nominationId);
      if (!e || !n) fail('link_invalid');
      return this.subject('endorsement', n, e.invitedName);
    });
  }

  /** Records an endorsement and spends its link: a second use is `link_used`. */
  submitEndorsement(token: string, input: { endorserName: string; endorserRelation: string | null; text: string }): void {
    this.db.transaction(() => {
      const { subjectId, tokenHash } = this.link('endorsement', token);
      const e = this.records.get('endorsements', subjectId);
      if (!e) fail('link_invalid');
      const now = this.store.now();
      this.db.run('UPDATE award_links SET used_at = ? WHERE token_hash = ?', [now, tokenHash]);
      this.records.put('endorsements', { ...e, ...input, status: 'received', receivedAt: now, updatedAt: now });
      this.store.appendAudit(now, null, 'endorsement.received', { id: e.nominationId, endorsementId: e.id, text: input.text }, null);
    });
  }

  /** A one-time link for the nominee to consent (or not) to being published. */
  createConsentLink(accountId: string, nominationId: string): { token: string; expiresAt: string } {
    return this.db.transaction(() => {
      const n = this.managedNomination(accountId, nominationId);
      this.store.appendAudit(this.store.now(), accountId, 'consent.requested', { id: n.id }, null);
      return this.newLink('consent', n.id, accountId);
    });
  }

  consentSubject(token: string): LinkSubject {
    return this.db.transaction(() => {
      const { subjectId } = this.link('consent', token);
      const n = this.records.get('nominations', subjectId);
      if (!n) fail('link_invalid');
      return this.subject('consent', n, null);
    });
  }

  submitConsent(token: string, consent: 'given' | 'refused'): void {
    this.db.transaction(() => {
      const { subjectId, tokenHash } = this.link('consent', token);
      const n = this.records.get('nominations', subjectId);
      if (!n) fail('link_invalid');
      const now = this.store.now();
      this.db.run('UPDATE award_links SET used_at = ? WHERE token_hash = ?', [now, tokenHash]);
      this.records.put('nominations', { ...n, consent, consentAt: now, consentBy: null, updatedAt: now });
      this.store.appendAudit(now, null, `consent.${consent}`, { id: n.id }, null);
    });
  }

  /**
   * A nomination of a member with an account, as its nominee sees it in the app (notified when
   * it was submitted): what a consent link shows, and their answer so far. Anyone else, and a
   * draft or withdrawn nomination, get `not_found`: the nominee never holds the nomination row.
   */
  nomineeView(accountId: string, nominationId: string): NomineeView {
    return this.db.transaction(() => {
      const n = this.ownNomination(accountId, nominationId);
      return { ...this.subject('consent', n, null), consent: n.consent, consentAt: n.consentAt };
    });
  }

  /** The nominee's own answer, given in the app; they may change it (the audit log keeps each). */
  nomineeConsent(accountId: string, nominationId: string, consent: 'given' | 'refused'): void {
    this.db.transaction(() => {
      const n = this.ownNomination(accountId, nominationId);
      const now = this.store.now();
      this.records.put('nominations', { ...n, consent, consentAt: now, consentBy: accountId, updatedAt: now });
      this.store.appendAudit(now, accountId, `consent.${consent}`, { id: n.id }, null);
    });
  }

  private ownNomination(accountId: string, nominationId: string): Nomination {
    const n = this.records.get('nominations', nominationId);
    if (!n || n.nomineeAccountId !== accountId || n.status === 'draft' || n.status === 'withdrawn') fail('not_found');
    return n;
  }

  /**
   * The public winners: awarded, the nominee consented, and the cycle's announcement date has
   * come (Bishkek time). Newest cycle first.
   */
  publicWinners(): PublicWinner[] {
    return this.db.transaction(() => {
      const today = bishkekDate(this.store.now());
      const cycles = new Map(this.records.where('award_cycles', 'published = 1 AND announcement <= ?', [today]).map((c) => [c.id, c]));
      if (cycles.size === 0) return [];
      const rows = this.records.where('nominations', "status = 'awarded' AND consent = 'given' AND cycle_id IN (SELECT value FROM json_each(?))", [JSON.stringify([...cycles.keys()])]);
      const credential = (id: string) =>
        this.db.get<{ id: string }>("SELECT id FROM credentials_issued WHERE kind = 'award' AND subject_ref = ? AND revoked_at IS NULL", [id])?.id ?? null;
      return rows
        .map((n) => {
          const cycle = cycles.get(n.cycleId)!;
          const award = n.decisions.find((d) => d.stage === 'award' && d.outcome === 'awarded');
          return {
            nominationId: n.id,
            cycleYear: cycle.year,
            cycleTitle: cycle.title,
            categoryName: cycle.categories.find((c) => c.id === n.categoryId)?.name ?? { ky: n.categoryId, ru: n.categoryId, en: n.categoryId },
            nomineeName: n.nomineeName,
            nomineeCountry: n.nomineeCountry,
            story: n.statement,
            storyLang: n.statementLang,
            awardedOn: (award?.decidedAt ?? n.updatedAt).slice(0, 10),
            credentialId: credential(n.id),
          };
        })
        .sort((a, b) => b.cycleYear - a.cycleYear || a.nomineeName.localeCompare(b.nomineeName));
    });
  }

  /**
   * Stores an evidence file of a nomination (the caller checked size and type against the
   * first bytes) and lists it on the nomination. The nominator only, until it is decided.
   */
  saveEvidence(accountId: string, nominationId: string, name: string, contentType: string, bytes: Uint8Array): { fileId: string; sha256: string } {
    return this.db.transaction(() => {
      const n = this.visibleNomination(accountId, nominationId);
      if (n.nominatorId !== accountId) fail('forbidden');
      if (!['draft', 'submitted', 'eligible', 'in_review'].includes(n.status)) fail('nomination_wrong_status', { from: n.status });
      if (n.evidenceFiles.length >= MAX_EVIDENCE_FILES) fail('evidence_too_large', { maxFiles: MAX_EVIDENCE_FILES });
      if (!(EVIDENCE_TYPES as readonly string[]).includes(contentType)) fail('evidence_bad_type', { types: EVIDENCE_TYPES });
      const fileId = `evid-${globalThis.crypto.randomUUID()}`;
      const digest = sha256(bytes);
      const now = this.store.now();
      this.db.run(
        `INSERT INTO evidence_files (id, nomination_id, name, content_type, size, sha256, bytes, uploaded_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [fileId, n.id, name, contentType, bytes.byteLength, digest, bytes, accountId, now],
      );
      this.store.appendAudit(now, accountId, 'evidence.uploaded', { id: n.id, fileId, sha256: digest, size: bytes.byteLength, contentType }, null);
      this.records.put('nominations', {
        ...n,
        evidenceFiles: [...n.evidenceFiles, { id: fileId, name, contentType, size: bytes.byteLength }],
        updatedAt: now,
      });
      return { fileId, sha256: digest };
    });
  }

  /** An evidence file, to those who may see its nomination (recused reviewers may not). */
  evidence(accountId: string, nominationId: string, fileId: string): { name: string; contentType: string; bytes: Uint8Array } | null {
    return this.db.transaction(() => {
      try {
        this.visibleNomination(accountId, nominationId);
      } catch (err) {
        if (err instanceof DomainError) return null;
        throw err;
      }
      const row = this.db.get<{ name: string; content_type: string; bytes: Uint8Array }>(
        'SELECT name, content_type, bytes FROM evidence_files WHERE id = ? AND nomination_id = ?',
        [fileId, nominationId],
      );
      return row ? { name: row.name, contentType: row.content_type, bytes: row.bytes } : null;
    });
  }
}
