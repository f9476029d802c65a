// The key that signs the audit log's head checkpoint. The desktop app keeps it in the OS keychain
// (Electron safeStorage); browser mode and the CLI in a 0600 file beside the log. A head signed with
// it cannot be rewritten to match a shortened log by anyone who cannot read the key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { SecretStore } from '../migrations/secret-store';
import { headPathOf, readHead } from './head-checkpoint';

const KEYCHAIN_ENTRY = 'audit-head-key';
const HEX_KEY = /^[0-9a-f]{64}$/;

export const headKeyPath = (logPath: string): string => `${logPath}.key`;

/** The key file's key, or undefined when there is none (it is then not created). */
export function readHeadKeyFile(logPath: string): Buffer | undefined {
  try {
    const text = fs.readFileSync(headKeyPath(logPath), 'utf8').trim();
    return HEX_KEY.test(text) ? Buffer.from(text, 'hex') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The log's signing key, created on first use. Undefined when the head is signed with a key this
 * process cannot read (the desktop app's keychain, seen from the CLI): it is then not checked here,
 * and no other key is made up to sign over it.
 */
export async function loadHeadKey(logPath: string, keychain?: SecretStore): Promise<Buffer | undefined> {
  if (keychain) {
    try {
      const stored = await keychain.get(KEYCHAIN_ENTRY);
      if (stored && HEX_KEY.test(stored)) return Buffer.from(stored, 'hex');
      if (signedElsewhere(logPath)) return undefined;
      const key = randomBytes(32);
      await keychain.set(KEYCHAIN_ENTRY, key.toString('hex'));
      return key;
    } catch {
      // No usable keychain (Linux without a secret service): the key file, as in browser mode.
    }
  }
  const existing = readHeadKeyFile(logPath);
  if (existing) return existing;
  if (signedElsewhere(logPath)) return undefined;
  const key = randomBytes(32);
  // 'wx': two starts racing create one key, never overwrite each other's.
  try {
    fs.writeFileSync(headKeyPath(logPath), `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readHeadKeyFile(logPath);
  }
  return key;
}

function signedElsewhere(logPath: string): boolean {
  const read = readHead(headPathOf(logPath));
  return read.kind === 'found' && read.head.sig !== undefined;
}
