// A pause issued from a terminal shows up in the browser the incident commander is watching, and a
// promote from a terminal between a person's look and their click makes that click a refusal.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type ControlRoomServer } from './fixtures';

function cli(server: ControlRoomServer | undefined, ...args: string[]) {
  return spawnSync(
    process.execPath,
    [
      join(import.meta.dirname, '../out/main/cli.js'),
      ...args,
      '--connect',
      server?.url ?? '',
      '--token',
      server?.token ?? '',
    ],
    { encoding: 'utf8' },
  );
}

test('a CLI pause through --connect shows in the UI', async ({ page, server }) => {
  await page.getByTestId('fleet-row-simulator/search-prod-us').click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Progressing');
  const result = cli(server, 'rollouts', 'pause', 'search-prod-us', '--reason', 'paused from the terminal');
  expect(result.status, result.stderr).toBe(0);
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused', { timeout: 2000 });
});

test('two people promoting at once skip no step: the click decided on an older revision is refused', async ({
  page,
  server,
}) => {
  await page.getByTestId('fleet-row-simulator/payments-prod-us').click();
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 4\/8/);
  // The screen keeps showing step 4 while someone else promotes: its refreshes are held back (a
  // route left unhandled stays pending until unroute lets it through).
  await page.route('**/api/rollout.get', () => undefined);
  const sent = page.waitForRequest('**/api/rollout.act');
  const result = cli(
    server,
    'rollouts',
    'promote',
    'payments-prod-us',
    '--reason',
    'promoted from the terminal',
  );
  expect(result.status, result.stderr).toBe(0);
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 4\/8/);

  await page.getByRole('button', { name: 'Promote', exact: true }).click();
  const body = (await sent).postDataJSON() as { action: string; revision: number };
  expect(body.action).toBe('promote');
  expect(typeof body.revision).toBe('number');
  await expect(page.getByTestId('toast').filter({ hasText: 'Failed: Promote' })).toContainText(
    `it moved since you decided (revision ${body.revision}, now`,
  );

  await page.unroute('**/api/rollout.get');
  // One promote happened (the terminal's), not two.
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 5\/8/);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('rollout-step')).toHaveText(/Step 5\/8/);
});
