import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCredentialStore, type SafeStorageLike } from './credentials.ts';

/**
 * A stand-in `safeStorage`: "encrypts" by XOR with a key (enough to tell ciphertext from the
 * token on disk) and can be switched to unavailable, to a Linux backend, or to a rotated key.
 */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; key?: number } = {}) {
  const state = { available: opts.available ?? true, backend: opts.backend ?? 'gnome_libsecret', key: opts.key ?? 0x5a, reEncrypt: false, encrypted: 0 };
  const xor = (b: Buffer, k: number) => Buffer.from(b.map((x) => x ^ k));
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => state.available,
    encryptStringAsync: async (s) => {
      if (!state.available) throw new Error('unavailable');
      state.encrypted++;
      return Buffer.concat([Buffer.from('v10'), xor(Buffer.from(s, 'utf8'), state.key)]);
    },
    decryptStringAsync: async (b) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('bad header');
      const result = xor(b.subarray(3), state.key).toString('utf8');
      if (!/^[\x20-\x7e]*$/.test(result)) throw new Error('wrong key');
      return { result, shouldReEncrypt: state.reEncrypt };
    },
    getSelectedStorageBackend: () => state.backend,
  };
  return { storage, state };
}

const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDE';
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mekendesh-credentials-'));
  file = join(dir, 'user-data', 'credentials.bin');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('credentials with OS encryption available', () => {
  it('are stored encrypted (never the token in clear, owner-only file) and read back after a restart', async () => {
    const { storage } = fakeSafeStorage();
    const store = createCredentialStore({ safeStorage: storage, platform: 'win32', file });
    expect(await store.isProtected()).toBe(true);
    expect(await store.set(TOKEN)).toEqual({ persisted: true });
    const onDisk = readFileSync(file);
    expect(onDisk.toString('latin1')).not.toContain(TOKEN);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.tmp`)).toBe(false);

    const afterRestart = createCredentialStore({ safeStorage: storage, platform: 'win32', file });
    expect(await afterRestart.get()).toBe(TOKEN);
    await afterRestart.clear();
    expect(existsSync(file)).toBe(false);
    expect(await afterRestart.get()).toBeNull();
    expect(await createCredentialStore({ safeStorage: storage, platform: 'win32', file }).get()).toBeNull();
  });

  it('re-encrypts when the OS says the key rotated', async () => {
    const { storage, state } = fakeSafeStorage();
    await createCredentialStore({ safeStorage: storage, platform: 'darwin', file }).set(TOKEN);
    state.reEncrypt = true;
    const before = state.encrypted;
    expect(await createCredentialStore({ safeStorage: storage, platform: 'darwin', file }).get()).toBe(TOKEN);
    expect(state.encrypted).toBe(before + 1);
  });

  it('a file that no longer decrypts (another OS key) means signing in again, not a crash', async () => {
    const { storage, state } = fakeSafeStorage();
    await createCredentialStore({ safeStorage: storage, platform: 'linux', file }).set(TOKEN);
    state.key = 0x33;
    expect(await createCredentialStore({ safeStorage: storage, platform: 'linux', file }).get()).toBeNull();
    writeFileSync(file, 'garbage');
    expect(await createCredentialStore({ safeStorage: storage, platform: 'linux', file }).get()).toBeNull();
  });

  it('refuses what is not a token', async () => {
    const store = createCredentialStore({ safeStorage: fakeSafeStorage().storage, platform: 'linux', file });
    for (const bad of ['', 42, null, { token: TOKEN }, 'x'.repeat(4097)]) await expect(store.set(bad)).rejects.toThrow(TypeError);
    expect(existsSync(file)).toBe(false);
  });
});

describe('credentials without OS protection', () => {
  const cases: [string, { available?: boolean; backend?: string }, NodeJS.Platform][] = [
    ['no encryption at all', { available: false }, 'linux'],
    ['Linux without a keyring (basic_text: a hard-coded key)', { available: true, backend: 'basic_text' }, 'linux'],
    ['Linux before the backend is known', { available: true, backend: 'unknown' }, 'linux'],
    ['Windows without encryption', { available: false }, 'win32'],
  ];
  for (const [name, opts, platform] of cases) {
    it(`${name}: kept in memory for this run only, never written`, async () => {
      const { storage, state } = fakeSafeStorage(opts);
      const store = createCredentialStore({ safeStorage: storage, platform, file });
      expect(await store.isProtected()).toBe(false);
      expect(await store.set(TOKEN)).toEqual({ persisted: false });
      expect(existsSync(file)).toBe(false);
      expect(state.encrypted).toBe(0);
      expect(await store.get()).toBe(TOKEN);
      // The next start: signed out.
      expect(await createCredentialStore({ safeStorage: storage, platform, file }).get()).toBeNull();
    });
  }

  it('a basic_text backend is fine outside Linux (the value is only meaningful there)', async () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(await createCredentialStore({ safeStorage: storage, platform: 'darwin', file }).isProtected()).toBe(true);
  });

  it('an encrypted copy from when the keyring worked is removed when a new token cannot be protected', async () => {
    const { storage, state } = fakeSafeStorage();
    await createCredentialStore({ safeStorage: storage, platform: 'linux', file }).set(TOKEN);
    expect(existsSync(file)).toBe(true);
    state.backend = 'basic_text';
    expect(await createCredentialStore({ safeStorage: storage, platform: 'linux', file }).set('new-token')).toEqual({ persisted: false });
    expect(existsSync(file)).toBe(false);
  });
});
