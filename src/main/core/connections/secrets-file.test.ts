import fs, { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { secretsFile } from './secrets-file';

const tempDir = tempDirs('secrets-file-test-');
const VALUE = 'glpat-9f8e7d6c5b4a-secret-value';
afterEach(() => vi.restoreAllMocks());

describe('the secrets file', () => {
  it('is created 0600, holds what is set, and forgets what is deleted', async () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    const store = secretsFile(path);
    expect(await store.get('prom.bearer-token')).toBeUndefined();
    await store.set('prom.bearer-token', VALUE);
    await store.set('other', 'x');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('prom.bearer-token')).toBe(VALUE);
    // A second reader (the CLI beside a running control room) sees the same file.
    expect(await secretsFile(path).get('other')).toBe('x');
    await store.delete('prom.bearer-token');
    await store.delete('never-there');
    expect(await store.get('prom.bearer-token')).toBeUndefined();
    expect(readFileSync(path, 'utf8')).not.toContain(VALUE);
    expect(store.name).toBe(`the secrets file ${path}`);
  });

  it('replaces the file atomically: a write that cannot finish leaves the old file whole, and no temporary file', async () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    const store = secretsFile(path);
    await store.set('a', VALUE);
    const inode = statSync(path).ino;
    await store.set('b', 'y');
    // A new file was renamed over the old one, not the old one rewritten in place.
    expect(statSync(path).ino).not.toBe(inode);
    // Half the new file reaches the disk, then the device is full.
    const realWrite = fs.writeSync.bind(fs);
    vi.spyOn(fs, 'writeSync').mockImplementationOnce((fd, data, off, len) => {
      if (typeof data === 'string' || typeof len !== 'number') throw new Error('unexpected writeSync form');
      realWrite(fd, data, off ?? 0, Math.floor(len / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(store.set('c', 'z')).rejects.toThrow(/ENOSPC/);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ secrets: { a: VALUE, b: 'y' } });
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('refuses a file that others can read, naming it and the fix, without quoting it', async () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    writeFileSync(path, JSON.stringify({ secrets: { a: VALUE } }), { mode: 0o644 });
    chmodSync(path, 0o644);
    const error = await secretsFile(path)
      .get('a')
      .catch((e: unknown) => e as Error);
    expect(String(error)).toContain(
      `${path} can be read by other users (mode 644): make it private with chmod 600`,
    );
    expect(String(error)).not.toContain(VALUE);
  });

  it('refuses a damaged file without quoting its contents', async () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    for (const text of [`{"secrets": {"a": "${VALUE}"`, `{"secrets": ["${VALUE}"]}`]) {
      writeFileSync(path, text, { mode: 0o600 });
      const error = await secretsFile(path)
        .get('a')
        .catch((e: unknown) => e as Error);
      expect(String(error)).toMatch(/the secrets file .* is not (valid JSON|a secrets file)/);
      expect(String(error)).not.toContain(VALUE);
      // Nothing is written over a file that could not be read.
      await expect(secretsFile(path).set('b', 'x')).rejects.toThrow();
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
  });
});
