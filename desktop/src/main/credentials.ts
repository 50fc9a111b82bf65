/**
 * The session token for the sync server, kept between starts only when the OS can protect it.
 *
 * It is encrypted with `safeStorage` (Keychain on macOS, DPAPI on Windows, the desktop's
 * secret service on Linux) into `credentials.bin` in the user-data folder. Where there is no
 * such protection (no encryption, or Linux with no secret service, where Chromium falls back
 * to `basic_text`: a hard-coded key, i.e. plain text in practice), the token is kept in memory
 * for this run only and never written: the UI shows `desktop.credentials.unprotected` and the
 * user signs in at each start. We chose this over storing with the user's consent: a leader's
 * token opens a whole roster, and a consent dialog is easily clicked through.
 *
 * Uses the asynchronous safeStorage API: Electron 45 deprecates the synchronous one
 * (`isEncryptionAvailable`, `encryptString`) and a later version removes it.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

/** Longest token accepted from the renderer (server tokens are 43 characters). */
export const MAX_TOKEN_LENGTH = 4096;

export interface CredentialStore {
  /** Whether a token set now would be kept encrypted between starts. */
  isProtected(): Promise<boolean>;
  get(): Promise<string | null>;
  set(token: unknown): Promise<{ persisted: boolean }>;
  clear(): Promise<void>;
}

export function createCredentialStore(opts: { safeStorage: SafeStorageLike; platform: NodeJS.Platform; file: string }): CredentialStore {
  const { safeStorage, file } = opts;
  let memory: string | null = null;

  const isProtected = async () => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    if (opts.platform !== 'linux') return true;
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  };

  const writeEncrypted = async (token: string) => {
    const data = await safeStorage.encryptStringAsync(token);
    await mkdir(dirname(file), { recursive: true });
    // Write then rename: a crash leaves the old file or the new one, never half of one.
    const tmp = `${file}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
  };

  return {
    isProtected,
    async get() {
      if (memory !== null) return memory;
      if (!(await isProtected())) return null;
      let data: Buffer;
      try {
        data = await readFile(file);
      } catch {
        return null;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
        if (shouldReEncrypt) await writeEncrypted(result);
        memory = result;
        return result;
      } catch {
        // Written under another OS key (a restored profile, a new keyring): sign in again.
        return null;
      }
    },
    async set(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new TypeError('invalid token');
      memory = token;
      if (!(await isProtected())) {
        // Never leave an older encrypted copy next to a token we could not protect.
        await rm(file, { force: true });
        return { persisted: false };
      }
      await writeEncrypted(token);
      return { persisted: true };
    },
    async clear() {
      memory = null;
      await rm(file, { force: true });
    },
  };
}
