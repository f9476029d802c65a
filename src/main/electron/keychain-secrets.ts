// Database passwords in the OS keychain of the desktop app: Electron's safeStorage encrypts them
// with a key the OS keychain holds; only the ciphertext is written, one 0600 file per secret.
// Takes safeStorage as an argument so a unit test can drive it without Electron.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/migrations/secret-store';

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
      throw new Error('no OS keychain (Secret Service or KWallet) is running: use passwordEnv instead');
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
      writeFileSync(file(key), storage.encryptString(value), { mode: 0o600 });
    },
  };
}
