#!/usr/bin/env node
// `npm start`: build, then open the Electron window; where no Electron binary can be had (an
// offline machine), say so in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron executable if it is installed or can be downloaded now; otherwise why not. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const installed = () =>
    existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
      ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8'))
      : undefined;
  if (installed()) return { path: installed() };
  // Electron downloads its binary on first use; give it one bounded, quiet try.
  const attempt = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (installed()) return { path: installed() };
  const reason = `${attempt.stderr ?? ''}`
    .split('\n')
    .find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN/i.test(l));
  return { why: `not installed, and downloading it failed: ${reason ? reason.trim() : 'no answer'}` };
}

run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);

const electron = electronBinary();
const passThrough = process.argv.slice(2);
if (electron.path) {
  const child = spawn(electron.path, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron binary unavailable (${electron.why}); starting browser mode instead.`);
  const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'serve', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
