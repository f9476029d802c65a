import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../e2e/electron-binary';
import { tempDirs } from './support/temp-dirs';

const tempDir = tempDirs('electron-binary-');

describe('the Electron binary the e2e suite runs against', () => {
  it('is ELECTRON_PATH when set, ahead of the installed package', () => {
    const binary = join(tempDir(), 'electron');
    writeFileSync(binary, '', { mode: 0o755 });
    expect(findElectronBinary({ ELECTRON_PATH: binary }, undefined)).toEqual({ path: binary });
  });

  it('refuses an ELECTRON_PATH that names nothing, rather than skipping quietly', () => {
    const missing = join(tempDir(), 'no-electron');
    expect(() => findElectronBinary({ ELECTRON_PATH: missing }, undefined)).toThrow(
      `ELECTRON_PATH=${missing} names no file`,
    );
  });

  it('is the binary the electron package installed, when it did', () => {
    const pkg = tempDir();
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    writeFileSync(join(pkg, 'dist', 'electron'), '', { mode: 0o755 });
    expect(findElectronBinary({}, pkg)).toEqual({ path: join(pkg, 'dist', 'electron') });
  });

  it('gives the reason to skip when there is none', () => {
    expect(findElectronBinary({}, tempDir())).toEqual({
      why: expect.stringMatching(/unavailable.*ELECTRON_PATH/),
    });
    expect(findElectronBinary({}, undefined)).toEqual({ why: expect.stringMatching(/unavailable/) });
  });
});
