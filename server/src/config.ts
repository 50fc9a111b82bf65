/** Server settings. Every field has a safe default; `main.ts` reads overrides from the environment. */
export interface ServerConfig {
  /** Folder holding `mekendesh.db` and its WAL. */
  dataDir: string;
  host: string;
  port: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Session lifetime, in milliseconds. */
  sessionTtlMs: number;
  /** scrypt cost as log2(N); 15 means N = 32768, 32 MiB of memory per hash. */
  scryptLogN: number;
  /** Sign-in and sign-up attempts allowed per client address per minute. */
  authRateLimit: number;
  /** Take the client address from the right-most `X-Forwarded-For` entry (only behind one reverse proxy you run). */
  trustProxy: boolean;
  /** Sync requests (push and pull) allowed per account per minute: generous, against runaway clients. */
  syncRateLimit: number;
  /** Mark cookies `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Built PWA to serve at `/`, if present; a shell page otherwise. */
  staticDir: string | null;
  /** The address people reach this server at (links, certificates' verification URLs); the request's origin when unset. */
  publicUrl: string | null;
}

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: 'data',
  host: '127.0.0.1',
  port: 8787,
  bodyLimit: 1024 * 1024,
  sessionTtlMs: 30 * 24 * 3600 * 1000,
  scryptLogN: 15,
  authRateLimit: 10,
  syncRateLimit: 1200,
  trustProxy: false,
  secureCookies: false,
  staticDir: null,
  publicUrl: null,
};

/** Reads `MEKENDESH_*` environment variables over the defaults. */
export function configFromEnv(env: Record<string, string | undefined>, base: ServerConfig = DEFAULT_CONFIG): ServerConfig {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    ...base,
    dataDir: env.MEKENDESH_DATA_DIR ?? base.dataDir,
    host: env.MEKENDESH_HOST ?? base.host,
    port: num(env.MEKENDESH_PORT ?? env.PORT, base.port),
    sessionTtlMs: num(env.MEKENDESH_SESSION_TTL_MS, base.sessionTtlMs),
    scryptLogN: num(env.MEKENDESH_SCRYPT_LOG_N, base.scryptLogN),
    authRateLimit: num(env.MEKENDESH_AUTH_RATE_LIMIT, base.authRateLimit),
    syncRateLimit: num(env.MEKENDESH_SYNC_RATE_LIMIT, base.syncRateLimit),
    trustProxy: env.MEKENDESH_TRUST_PROXY === '1',
    secureCookies: env.MEKENDESH_SECURE_COOKIES === '1',
    staticDir: env.MEKENDESH_STATIC_DIR ?? base.staticDir,
    publicUrl: env.MEKENDESH_PUBLIC_URL?.replace(/\/+$/, '') || base.publicUrl,
  };
}
