// A pause issued from a terminal shows up in the browser the incident commander is watching.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a CLI pause through --connect shows in the UI', async ({ page, server }) => {
  await page.getByTestId('fleet-row-simulator/search-prod-us').click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Progressing');
  const result = spawnSync(
    process.execPath,
    [
      join(import.meta.dirname, '../out/main/cli.js'),
      'rollouts',
      'pause',
      'search-prod-us',
      '--connect',
      server?.url ?? '',
      '--token',
      server?.token ?? '',
      '--reason',
      'paused from the terminal',
    ],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused', { timeout: 2000 });
});
