// The Electron executable the e2e suite runs against: ELECTRON_PATH when set (a binary installed by
// hand or by a CI image), else the one the electron package downloaded. Without either, the Electron
// project is skipped with the reason; an ELECTRON_PATH that names nothing is an error, not a skip.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string } | { why: string };

function installedPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  packageDir: string | undefined = installedPackageDir(),
): ElectronBinary {
  const override = env.ELECTRON_PATH;
  if (override) {
    if (!existsSync(override) || !statSync(override).isFile())
      throw new Error(`ELECTRON_PATH=${override} names no file: point it at an Electron executable`);
    return { path: override };
  }
  const pathFile = packageDir && join(packageDir, 'path.txt');
  if (packageDir && pathFile && existsSync(pathFile)) {
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return { path: binary };
  }
  return {
    why: 'Electron binary unavailable on this machine (it cannot be downloaded offline; set ELECTRON_PATH to use one)',
  };
}
