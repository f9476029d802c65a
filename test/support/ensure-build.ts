// Tests of the build (out/) must test the current sources: build when out/ is missing or older than
// them, and fail loudly when the build fails, never skip. `npm test` builds first, so there it is a check.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const OUTPUTS = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.base.json'];

function newestInput(root: string): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const visit = (path: string): void => {
    const stats = statSync(path);
    if (stats.isDirectory()) return readdirSync(path).forEach((name) => visit(join(path, name)));
    if (/\.test\.tsx?$/.test(path)) return; // tests are not part of the build
    if (stats.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stats.mtimeMs };
  };
  INPUTS.forEach((input) => visit(join(root, input)));
  return newest;
}

/** Why out/ does not reflect the sources, or undefined when it does. */
export function staleBuild(root: string): string | undefined {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  const newest = newestInput(root);
  return newest.mtimeMs > oldest ? `${relative(root, newest.path)} changed after the last build` : undefined;
}

export function ensureBuild(root: string): void {
  const stale = staleBuild(root);
  if (!stale) return;
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (build.status !== 0)
    throw new Error(`out/ is stale (${stale}) and the build failed:\n${build.stdout}\n${build.stderr}`);
  const still = staleBuild(root);
  if (still) throw new Error(`the build finished, but out/ is still not current: ${still}`);
}
