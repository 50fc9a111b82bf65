/**
 * The award's handlers as the engine registers them: each loads `awards.ts` on its first call,
 * so the award's reads stay out of the PWA worker's first load (as the workspaces' client
 * does). The host says at start-up where the award's server endpoints are ({@link AwardServer});
 * their client (`httpAwardApi` in `awards.ts`) loads with the rest.
 */
import {
  DEFAULT_AWARD_CATEGORIES,
  DomainError,
  EVIDENCE_TYPES,
  INELIGIBILITY_REASONS,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  MUTATION_ARGS,
  aggregateScores,
  bishkekDate,
  canReadRow,
  hasRole,
  isReasonCode,
  nominationWindow,
  tallyVotes,
  weightedScore,
} from '@mekendesh/core';
import type { AwardHandlers } from './awards.ts';

/** The award's online-only server calls (`httpAwardApi` over HTTP; a host or a test may give its own). */
export interface AwardApi {
  endorsementLink(nominationId: string, invitedName: string): Promise<EndorsementLink>;
  consentLink(nominationId: string): Promise<OneTimeLink>;
  uploadEvidence(nominationId: string, file: EvidenceUpload): Promise<{ fileId: string }>;
  /** A nomination of the signed-in member, as its nominee sees it (`GET /api/nominations/:id/my-consent`). */
  nomineeView(nominationId: string): Promise<NomineeView>;
  nomineeConsent(nominationId: string, consent: 'given' | 'refused'): Promise<void>;
}

/** What the nominee sees of a nomination of them: what would be published, and their answer. */
export interface NomineeView {
  nomineeName: string;
  cycleYear: number;
  cycleTitle: { ky: string; ru: string; en: string };
  categoryName: { ky: string; ru: string; en: string };
  /** The nominator's statement: what would be published with consent. */
  statement: string | null;
  consent: 'pending' | 'given' | 'refused';
  consentAt: string | null;
}

/** Where and how this host reaches the award endpoints (as the sync transport's options). */
export interface AwardServer {
  /** The server's origin; the PWA's worker uses its own (the session cookie goes along). */
  baseUrl: string;
  /** Bearer token (desktop); omit to rely on the session cookie (PWA). */
  token?: () => string | null;
  fetch?: typeof fetch;
}

export interface OneTimeLink {
  /** Shown once: only its hash is kept on the server. */
  url: string;
  expiresAt: string;
}
export interface EndorsementLink extends OneTimeLink {
  endorsementId: string;
}
export interface EvidenceUpload {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** An online-only action that did not reach the server: `offline`, which is no reason code of the domain. */
export class AwardOffline extends Error {
  readonly code = 'offline';
  readonly detail = null;
  constructor() {
    super('offline');
    this.name = 'AwardOffline';
  }
}

/**
 * What `awards.ts` uses of core, handed to it when it loads. Everything here is in the worker's
 * first chunk already (the mutators need it); importing it from the lazy module instead would
 * make the bundler split core into a chunk of its own, shared with the workspace client.
 */
export const AWARD_CORE = {
  DEFAULT_AWARD_CATEGORIES,
  DomainError,
  EVIDENCE_TYPES,
  INELIGIBILITY_REASONS,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  MUTATION_ARGS,
  aggregateScores,
  bishkekDate,
  canReadRow,
  hasRole,
  nominationWindow,
  tallyVotes,
  weightedScore,
  isReasonCode,
  AwardOffline,
};
export type AwardCore = typeof AWARD_CORE;

/** Every award handler's name (checked against `awards.ts` by type and by test). */
export const AWARD_HANDLER_NAMES = [
  'awards.context',
  'awards.defaults',
  'awards.cycles',
  'awards.cycle',
  'awards.myNominations',
  'awards.reviewQueue',
  'awards.nomination',
  'awards.nomineeEvidence',
  'awards.mutate',
  'awards.endorsementLink',
  'awards.consentLink',
  'awards.uploadEvidence',
  'awards.nomineeView',
  'awards.nomineeConsent',
] as const satisfies readonly (keyof AwardHandlers)[];
// A handler missing from the list is a type error here.
type Missing = Exclude<keyof AwardHandlers, (typeof AWARD_HANDLER_NAMES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

/** The award handlers, each a promise (the module loads on the first call). */
export type LazyAwardHandlers = {
  [K in keyof AwardHandlers]: AwardHandlers[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The award's handlers over the open account, loading `awards.ts` with the first call. */
export function lazyAwardHandlers(engine: Parameters<typeof import('./awards.ts').awardHandlers>[0], server: AwardServer | AwardApi | null): LazyAwardHandlers {
  let loaded: Promise<AwardHandlers> | null = null;
  const load = () => {
    loaded ??= import('./awards.ts').then((m) => m.awardHandlers(engine, server && 'baseUrl' in server ? m.httpAwardApi(server, AWARD_CORE) : server, AWARD_CORE));
    loaded.catch(() => (loaded = null));
    return loaded;
  };
  return Object.fromEntries(
    AWARD_HANDLER_NAMES.map((name) => [name, async (arg: unknown) => ((await load())[name] as (arg: unknown) => unknown)(arg)]),
  ) as LazyAwardHandlers;
}

/** Certificate checks on the device (`credential-check.ts`, loaded with the first call: it brings the signature code). */
export function lazyCredentialHandlers(engine: Parameters<typeof import('./credential-check.ts').credentialHandlers>[0], server: AwardServer | AwardApi | null) {
  let loaded: Promise<import('./credential-check.ts').CredentialHandlers> | null = null;
  const load = () => {
    loaded ??= import('./credential-check.ts').then((m) => m.credentialHandlers(engine, server && 'baseUrl' in server ? server : null));
    loaded.catch(() => (loaded = null));
    return loaded;
  };
  return {
    'credentials.refresh': async () => (await load())['credentials.refresh'](),
    'credentials.mine': async () => (await load())['credentials.mine'](),
    'credentials.verify': async (arg: { text: string }) => (await load())['credentials.verify'](arg),
  };
}

