// The canary comparison view: the regressing canary fails with its reason, the failing metrics come
// first with their reason lines, the selected metric's chart follows the selection, and the report
// exports as Markdown.
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const FAILING = ['high', 'low', 'nodata-fail', 'error'];

async function metricName(row: Locator): Promise<string> {
  const testId = await row.getAttribute('data-testid');
  return (testId ?? '').replace(/^canary-metric-row-/, '');
}

test('the regressing canary: failing metrics first with reasons, switch metric, export Markdown', async ({
  page,
}) => {
  await page.getByTestId('fleet-row-simulator/checkout-prod-eu').click();
  await page.getByRole('link', { name: 'Canary analysis' }).click();
  await expect(page).toHaveURL(/#\/rollout\/simulator%2Fcheckout-prod-eu\/canary$/);

  // Its analysis step comes only after the bake, so judge the last 10 minutes now.
  const rejudge = page.getByRole('button', { name: 'Re-judge', exact: true });
  await expect(rejudge).toBeEnabled();
  await rejudge.click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Judged the last 10 minutes' })).toBeVisible();
  await expect(page.getByTestId('canary-verdict')).toHaveText(/Fail/);
  await expect(page.getByTestId('canary-score')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('canary-reason')).toContainText(/\S/);
  const newest = page.locator('[data-testid^="canary-history-row-"]').first();
  await expect(newest).toContainText('On demand');
  await expect(newest).toHaveAttribute('aria-current', 'true');

  // Failing first, each with its reason line.
  const rows = page.locator('[data-testid^="canary-metric-row-"]');
  await expect(rows.first()).toBeVisible();
  const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-classification')));
  const failing = labels.filter((l) => FAILING.includes(l ?? ''));
  expect(failing.length).toBeGreaterThan(0);
  expect(labels.slice(0, failing.length)).toEqual(failing);
  for (let i = 0; i < failing.length; i++) {
    await expect(rows.nth(i).getByTestId('canary-metric-reason')).toHaveText(/\S{3}/);
    await expect(rows.nth(i)).toContainText(/High|Low|Missing data|Error/);
  }
  const firstReason = (await rows.first().getByTestId('canary-metric-reason').textContent()) ?? '';

  // The first metric is selected: its chart and distributions show below.
  const selected = page.getByTestId('canary-selected-metric');
  const first = await metricName(rows.first());
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await expect(selected).toHaveAttribute('data-metric', first);
  await expect(selected.getByTestId(`chart-${first}`).locator('.recharts-line-curve').first()).toBeVisible();
  await expect(page.getByTestId('canary-distribution')).toBeVisible();

  // Switch metric by click, then by keyboard: the chart follows.
  const second = await metricName(rows.nth(1));
  await rows.nth(1).click();
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(selected).toHaveAttribute('data-metric', second);
  await expect(selected.getByTestId(`chart-${second}`).locator('.recharts-line-curve').first()).toBeVisible();
  await expect(selected.getByTestId(`chart-${first}`)).toHaveCount(0);
  await page.getByRole('grid', { name: 'Metrics' }).press('ArrowUp');
  await expect(selected).toHaveAttribute('data-metric', first);

  // Export the report as Markdown: the verdict and the failing metric are in it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^canary-simulator_checkout-prod-eu-\d+\.md$/);
  const markdown = await readFile((await download.path()) ?? '', 'utf8');
  expect(markdown).toMatch(/^# Canary analysis #\d+: simulator\/checkout-prod-eu/);
  expect(markdown).toContain('**Verdict: Fail**');
  expect(markdown).toContain(firstReason.replace(/\|/g, '\\|'));
});

test('every run is kept: an older run shows its own report', async ({ page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/rollout/checkout-prod-eu/canary');
  const rejudge = page.getByRole('button', { name: 'Re-judge', exact: true });
  await rejudge.click();
  const runs = page.locator('[data-testid^="canary-history-row-"]');
  await expect(runs).not.toHaveCount(0);
  const before = await runs.count();
  await page.getByLabel('Minutes to judge').selectOption({ label: '5 minutes' });
  await rejudge.click();
  await expect(runs).toHaveCount(before + 1);
  await expect(runs.first()).toHaveAttribute('aria-current', 'true');

  const older = runs.nth(1);
  const index = ((await older.getAttribute('data-testid')) ?? '').replace('canary-history-row-', '');
  await older.click();
  await expect(page).toHaveURL(new RegExp(`/canary/${index}$`));
  await expect(older).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('canary-verdict')).toHaveText(/Pass|Marginal|Fail/);
  await expect(page.getByText(`Run #${index} ·`)).toBeVisible();
});

test("an earlier run's window can be judged again", async ({ page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/rollout/checkout-prod-eu/canary');
  await page.getByLabel('Minutes to judge').selectOption({ label: '5 minutes' });
  await page.getByRole('button', { name: 'Re-judge', exact: true }).click();
  await expect(page.getByText('Run #1 ·')).toBeVisible();
  const firstWindow = await page.getByTestId('canary-window').textContent();
  await page.getByRole('button', { name: "Re-judge run #1's window" }).click();
  await expect(page.getByText('Run #2 ·')).toBeVisible();
  await expect(page.getByTestId('canary-window')).toHaveText(firstWindow ?? '');
});
