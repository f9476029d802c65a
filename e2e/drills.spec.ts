// The drill history a team looks back at: two runs made with the CLI show in #/drills with their
// trend and a damaged run named, and a run's after-action report opens in a sandboxed frame and
// downloads from its button and from the palette.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seriousViolations } from './axe-violations';
import { expect, test } from './fixtures';

const CLI = join(import.meta.dirname, '../out/main/cli.js');

test('drill history with its trend, and a run’s after-action report', async ({ page, server }) => {
  if (!server) throw new Error('browser mode only: the electron project ignores this spec');
  const ws = server.workspace;
  const script = join(ws, 'respond.yaml');
  writeFileSync(
    script,
    'responses:\n  - { when: steady-state-broken, after: 1m, action: abort, rollout: checkout-prod-eu }\n',
  );
  for (const args of [[], ['--script', script]]) {
    const run = spawnSync(
      process.execPath,
      [CLI, 'drill', 'run', 'canary-error-rate', '--team', 'blue', '--workspace', ws, ...args],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
  }
  mkdirSync(join(ws, 'drills', 'canary-error-rate-9'));
  writeFileSync(join(ws, 'drills', 'canary-error-rate-9', 'result.json'), '{"scenario":');

  await expect(page.getByTestId('fleet-count')).toBeVisible();
  await page.evaluate("window.location.hash = '#/drills'");
  await expect(page.getByRole('heading', { name: 'Drills', level: 1 })).toBeVisible();
  await expect(page.getByTestId(/^drill-run-/)).toHaveCount(2);
  await expect(page.getByTestId('drill-trend')).toContainText(/blue.*→.*improved \+\d+/);
  await expect(page.getByTestId('drill-unreadable')).toContainText('canary-error-rate-9');
  await expect(page.getByTestId('drill-scenario-canary-error-rate')).toContainText(
    'control-room serve --drill canary-error-rate',
  );

  const found: string[] = [];
  const axe = async (where: string) => {
    for (const line of await seriousViolations(page)) found.push(`${where}: ${line}`);
  };
  await axe('#/drills dark');
  await page.getByTestId('drill-run-canary-error-rate-2').getByRole('link').click();
  const frame = page.getByTestId('drill-report-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(
    page.frameLocator('[data-testid="drill-report-frame"]').getByRole('heading', { name: 'What went well' }),
  ).toBeVisible();
  await expect(page.frameLocator('[data-testid="drill-report-frame"]').locator('svg.chart')).toHaveCount(2);

  await axe('report dark');
  await page.getByRole('button', { name: /Dark|Light/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.frameLocator('[data-testid="drill-report-frame"]').locator('html')).toHaveAttribute(
    'data-theme',
    'light',
  );
  await axe('report light');
  // The saved page on its own (axe cannot run inside a frame that allows no script), both schemes.
  const saved = await page.context().newPage();
  await saved.setContent(readFileSync(join(ws, 'drills', 'canary-error-rate-2', 'report.html'), 'utf8'));
  for (const colorScheme of ['dark', 'light'] as const) {
    await saved.emulateMedia({ colorScheme });
    for (const line of await seriousViolations(saved)) found.push(`report.html ${colorScheme}: ${line}`);
  }
  await saved.close();
  expect(found, found.join('\n')).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report HTML' }).click();
  expect((await download).suggestedFilename()).toBe('canary-error-rate-2-after-action.html');
  // The palette offers the same download.
  const again = page.waitForEvent('download');
  await page.keyboard.press('Control+K');
  await page.locator('.palette-input').fill('download report markdown');
  await page.keyboard.press('Enter');
  expect((await again).suggestedFilename()).toBe('canary-error-rate-2-after-action.md');
});
