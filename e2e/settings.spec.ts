// The Settings screen: connections added, tested, edited and removed through the API into
// config.yaml (comments kept), a refused save marking the field that is wrong, secrets write-only.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort } from '../src/main/free-loopback-port';
import { startMetricsTarget } from '../test/support/metrics-target';
import { startThrowawayPrometheus } from '../test/support/throwaway-prometheus';
import { expect, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await page.evaluate("window.location.hash = '#/settings'");
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

test('adds a Prometheus connection at a port nothing listens on, tests it (unreachable, in words) and removes it', async ({
  page,
  workspace,
}) => {
  const port = await freeLoopbackPort();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('dialog', { name: 'Add a connection' });
  await expect(form.getByLabel('Kind')).toBeFocused();
  await form.getByLabel('Name', { exact: true }).fill('prom-lab');
  await form.getByLabel('URL').fill(`http://127.0.0.1:${port}`);
  await form.getByLabel('Timeout').fill('2s');
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('toast').first()).toContainText('Added prom-lab (prometheus) to config.yaml');

  const card = page.getByTestId('connection-card-prom-lab');
  await expect(card).toContainText(`http://127.0.0.1:${port}`);
  const config = join(workspace, 'config.yaml');
  expect(readFileSync(config, 'utf8')).toContain(`url: http://127.0.0.1:${port}`);

  await card.getByRole('button', { name: 'Test prom-lab' }).click();
  const outcome = card.getByTestId('test-outcome');
  await expect(outcome).toHaveAttribute('data-reachable', 'false');
  await expect(outcome).toContainText('Unreachable');
  await expect(outcome).toContainText(`cannot reach Prometheus at http://127.0.0.1:${port}`);
  await expect(outcome).toContainText('ECONNREFUSED');
  await expect(card.getByTestId('health-word')).toHaveText('unreachable');
  await expect(card.getByTestId('health-last-error')).toContainText('ECONNREFUSED');

  // Remove: the dialog says what happens, and Enter confirms.
  await card.getByRole('button', { name: 'Remove prom-lab' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove prom-lab?' });
  await expect(confirm.getByTestId('confirm-consequence')).toContainText('is removed from config.yaml');
  await page.keyboard.press('Enter');
  await expect(card).toBeHidden();
  expect(readFileSync(config, 'utf8')).not.toContain('prom-lab');
});

test('a refused save marks the field that is wrong and writes nothing', async ({ page, workspace }) => {
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('dialog', { name: 'Add a connection' });
  await form.getByLabel('Name', { exact: true }).fill('prom');
  await form.getByLabel('URL').fill('ftp://nowhere');
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  const url = form.getByLabel('URL');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/connection\.url: must be an http\(s\) URL/);
  await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'false');
  // A fresh workspace has no config.yaml: a refused save must not have created one.
  expect(existsSync(join(workspace, 'config.yaml'))).toBe(false);
  // Mended, it saves.
  await url.fill('http://127.0.0.1:9090');
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('connection-card-prom')).toBeVisible();
});

test('a secret is write-only: stored, shown as set, never sent back to the page', async ({
  page,
  workspace,
}) => {
  const token = 'e2e-token-7d3a90c1be';
  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('dialog', { name: 'Add a connection' });
  await form.getByLabel('Name', { exact: true }).fill('prom-auth');
  await form.getByLabel('URL').fill('http://127.0.0.1:9090');
  await form.getByLabel('Authentication').selectOption('bearerToken');
  await form.getByLabel('Token').fill(token);
  await form.getByRole('button', { name: 'Save to config.yaml' }).click();
  await expect(form).toBeHidden();

  const card = page.getByTestId('connection-card-prom-auth');
  await expect(card.getByTestId('secret-bearerToken')).toContainText('set');
  await card.getByRole('button', { name: 'Edit prom-auth' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit prom-auth' });
  await expect(edit.getByLabel('Token')).toHaveValue('');
  await expect(edit.getByLabel('Token')).toHaveAccessibleDescription(/^set: leave empty to keep it/);
  await page.keyboard.press('Escape');
  expect(await page.content()).not.toContain(token);
  expect(readFileSync(join(workspace, 'config.yaml'), 'utf8')).not.toContain(token);
});

test('works from the keyboard alone: add with Enter, test, and remove with Enter', async ({ page }) => {
  const port = await freeLoopbackPort();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Fleet' }).click();
  await nav.getByRole('link', { name: 'Settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  /** Tabs forward until `name` has focus (as a person would), failing after `max` presses. */
  const tabTo = async (name: string, max = 30) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      // A string: the e2e project has no DOM types.
      const focused = String(
        await page.evaluate(
          "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''",
        ),
      );
      if (focused.trim() === name) return;
    }
    throw new Error(`${name} not reached with Tab`);
  };
  await tabTo('Add connection');
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Add a connection' });
  await expect(form.getByLabel('Kind')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('prom-keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`http://127.0.0.1:${port}`);
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  const card = page.getByTestId('connection-card-prom-keys');
  await card.getByRole('button', { name: 'Test prom-keys' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('test-outcome')).toContainText('Unreachable');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Remove prom-keys' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Remove prom-keys?' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card).toBeHidden();
});

test('suggests the metric names a real Prometheus knows while writing a query, and inserts one', async ({
  page,
}) => {
  const target = await startMetricsTarget();
  target.gauge({ service: 'checkout', environment: 'prod', version: '2.4.0' }, 1);
  const prom = await startThrowawayPrometheus({ targets: [target.hostPort], scrapeInterval: '1s' });
  try {
    await prom.waitFor('demo_value');
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('dialog', { name: 'Add a connection' });
    await expect(form.getByLabel('Metric name')).toBeDisabled();
    await form.getByLabel('Name', { exact: true }).fill('prom-names');
    await form.getByLabel('URL').fill(prom.url);
    await form.getByRole('button', { name: 'Save to config.yaml' }).click();
    await expect(form).toBeHidden();

    await page.getByRole('button', { name: 'Edit prom-names' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit prom-names' });
    await edit.getByLabel('Other settings (YAML)').fill('metrics:\n  cpu:\n    query: max()');
    // The cursor inside max(…), as a person would put it there.
    await edit.getByLabel('Other settings (YAML)').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await edit.getByLabel('Metric name').focus();
    await expect(edit.getByTestId('metric-picker-note')).toHaveText(/^\d+ metric names from Prometheus$/);
    await expect(edit.locator('datalist option[value="demo_value"]')).toHaveCount(1);
    await edit.getByLabel('Metric name').fill('demo_value');
    await page.keyboard.press('Enter');
    await expect(edit.getByLabel('Other settings (YAML)')).toHaveValue(
      'metrics:\n  cpu:\n    query: max(demo_value)',
    );
    // Enter in the picker inserted; it did not save the form.
    await expect(edit).toBeVisible();
  } finally {
    await prom.stop();
    await target.stop();
  }
});
