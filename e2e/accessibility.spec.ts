// Every view, an open confirmation dialog and the command palette pass axe-core (WCAG 2.x A/AA,
// colour contrast included) in both themes, with no serious or critical violation.
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe-violations';
import { expect, test } from './fixtures';

interface Screen {
  name: string;
  /** Brings the screen up from a loaded page and waits until its content is there. */
  open: (page: Page, base: string) => Promise<void>;
}

const SCREENS: Screen[] = [
  {
    name: 'fleet',
    open: async (page, base) => {
      await page.goto(`${base}#/fleet`);
      await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
    },
  },
  {
    name: 'rollout',
    open: async (page, base) => {
      await page.goto(`${base}#/rollout/checkout-prod-eu`);
      await expect(page.getByTestId('chart-errorRate').locator('.recharts-line-curve').first()).toBeVisible();
    },
  },
  {
    name: 'confirmation dialog',
    open: async (page, base) => {
      await page.goto(`${base}#/rollout/checkout-prod-eu`);
      await page.getByRole('button', { name: 'Abort', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  {
    name: 'canary',
    open: async (page, base) => {
      await page.goto(`${base}#/rollout/checkout-prod-eu/canary`);
      await expect(page.getByRole('button', { name: 'Re-judge' })).toBeVisible();
    },
  },
  {
    name: 'audit',
    open: async (page, base) => {
      await page.goto(`${base}#/audit`);
      await expect(page.getByTestId('audit-count')).toHaveText(/records/);
    },
  },
  {
    name: 'migrations',
    open: async (page, base) => {
      await page.goto(`${base}#/migrations`);
      await expect(page.getByTestId('migration-row-orders-customer-id')).toBeVisible();
    },
  },
  {
    name: 'migration',
    open: async (page, base) => {
      await page.goto(`${base}#/migrations/orders-customer-id`);
      await expect(page.getByTestId('item-rows-left')).toHaveAttribute('data-state', 'failed');
    },
  },
  {
    name: 'settings',
    open: async (page, base) => {
      await page.goto(`${base}#/settings`);
      await expect(page.getByTestId('connection-card-simulator').getByTestId('health-word')).toBeVisible();
    },
  },
  {
    name: 'connection form with a refused field',
    open: async (page, base) => {
      await page.goto(`${base}#/settings`);
      await page.getByRole('button', { name: 'Add connection' }).click();
      await page.getByLabel('Name', { exact: true }).fill('prom');
      await page.getByLabel('URL').fill('ftp://nowhere');
      await page.getByRole('button', { name: 'Save to config.yaml' }).click();
      await expect(page.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'freeze window form with a refused field',
    open: async (page, base) => {
      await page.goto(`${base}#/settings`);
      await page.getByRole('button', { name: 'Add freeze window' }).click();
      const form = page.getByRole('dialog', { name: 'Add a freeze window' });
      await form.getByLabel('Name', { exact: true }).fill('weekend');
      await form.getByLabel('To', { exact: true }).fill('Mun 08:00');
      await form.getByRole('button', { name: 'Save to config.yaml' }).click();
      await expect(form.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'command palette',
    open: async (page, base) => {
      await page.goto(`${base}#/rollout/checkout-prod-eu`);
      await expect(page.getByTestId('rollout-phase')).toBeVisible();
      await page.keyboard.press('Control+K');
      await expect(page.getByRole('option').first()).toBeVisible();
    },
  },
];

for (const theme of ['dark', 'light'] as const) {
  test(`every view passes axe with no serious or critical violation in the ${theme} theme`, async ({
    page,
  }) => {
    // Ten screens, each analysed in full: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    await expect(page.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
    const base = page.url().replace(/#.*$/, '');
    const toggle = page.getByRole('button', { name: /Dark|Light/ });
    if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light')) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    const found: string[] = [];
    for (const screen of SCREENS) {
      await screen.open(page, base);
      for (const line of await seriousViolations(page)) found.push(`${screen.name}: ${line}`);
      // Leave dialogs and the palette before the next screen.
      await page.keyboard.press('Escape');
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}
