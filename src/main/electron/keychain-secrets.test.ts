import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainSecrets } from './keychain-secrets';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

// Reversible stand-in for safeStorage: what matters is that only its output reaches the disk.
function fakeStorage(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'base64').toString(),
  };
}

describe('keychain secrets', () => {
  it('writes only ciphertext and reads the password back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keychain-'));
    dirs.push(dir);
    const store = keychainSecrets(join(dir, 'keychain'), fakeStorage(), 'linux');
    expect(await store.get('database-password:orders')).toBeUndefined();
    await store.set('database-password:orders', 's3cret-pw');
    const [file] = readdirSync(join(dir, 'keychain'));
    expect(readFileSync(join(dir, 'keychain', file ?? '')).toString()).not.toContain('s3cret-pw');
    expect(await store.get('database-password:orders')).toBe('s3cret-pw');
    await store.delete('database-password:orders');
    expect(await store.get('database-password:orders')).toBeUndefined();
    expect(readdirSync(join(dir, 'keychain'))).toEqual([]);
  });

  it('refuses the plain-text fallback on Linux without a keyring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keychain-'));
    dirs.push(dir);
    const store = keychainSecrets(dir, fakeStorage('basic_text'), 'linux');
    await expect(store.set('k', 'v')).rejects.toThrow(/no OS keychain/);
  });
});
