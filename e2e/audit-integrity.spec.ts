// A workspace whose audit log was cut short opens read-only, and every screen says so.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, startServe, stopServe, test } from './fixtures';

test('records cut off the end of the log: the control room opens read-only with a banner naming the seq', async ({
  page,
  server,
}) => {
  // Make some history, then stop it and remove the last 3 records.
  await page.getByTestId('fleet-row-simulator/search-prod-us').click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).not.toHaveText('Paused');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  const workspace = server?.workspace ?? '';
  const exited = new Promise((resolve) => server?.process.once('exit', resolve));
  server?.process.kill('SIGTERM');
  await exited;
  const log = join(workspace, 'audit.jsonl');
  const lines = readFileSync(log, 'utf8').split('\n').slice(0, -1);
  writeFileSync(log, `${lines.slice(0, -3).join('\n')}\n`);
  const firstMissing = lines.length - 2;

  const again = await startServe(workspace);
  try {
    await page.goto(again.url);
    const banner = page.getByTestId('storage-banner');
    await expect(banner).toContainText(`Read-only: the audit log is broken at seq ${firstMissing}.`);
    await expect(banner).toContainText('the last 3 records were cut off');
    await expect(page.getByTestId('storage-status')).toHaveText('Read-only');
    // The banner stays on every screen, and an action is refused with the reason.
    await page.getByTestId('fleet-row-simulator/search-prod-us').click();
    await expect(banner).toBeVisible();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(page.getByTestId('toast').last()).toContainText(/read-only/);
    await expect(page.getByTestId('rollout-phase')).toHaveText('Paused');
  } finally {
    await stopServe(again);
  }
});
