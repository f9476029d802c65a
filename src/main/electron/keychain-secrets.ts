// Database passwords and connection secrets in the OS keychain of the desktop app: Electron's
// safeStorage encrypts them with a key the OS keychain holds; only the ciphertext is written, one
// 0600 file per secret, replaced atomically.
// Takes safeStorage as an argument so a unit test can drive it without Electron.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/migrations/secret-store';
import { writeFileAtomic } from '../core/persistence/atomic-write';

type Storage = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export function keychainSecrets(dir: string, storage: Storage, platform = process.platform): SecretStore {
  const file = (key: string) => join(dir, `${createHash('sha256').update(key).digest('hex')}.bin`);
  const ensureKeychain = (): void => {
    if (!storage.isEncryptionAvailable()) throw new Error('the OS keychain is not available to this app');
    // On Linux without a secret service, safeStorage falls back to a fixed key: that is not a keychain.
    if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text')
      throw new Error(
        'no OS keychain (Secret Service or KWallet) is running: use an environment variable instead (passwordEnv, or { env: VARIABLE })',
      );
  };
  return {
    name: 'the OS keychain',
    async get(key) {
      if (!existsSync(file(key))) return undefined;
      ensureKeychain();
      return storage.decryptString(readFileSync(file(key)));
    },
    async set(key, value) {
      ensureKeychain();
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileAtomic(file(key), storage.encryptString(value));
    },
    async delete(key) {
      rmSync(file(key), { force: true });
    },
  };
}
