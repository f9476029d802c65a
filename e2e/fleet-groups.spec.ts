// Many connections in one view: the fleet groups its rows by connection, in config order, each
// group headed by its name, health and counts; groups fold by mouse and keyboard (as a tree grid),
// stay folded across navigation, and a connection filter narrows the fleet to some of them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe-violations';
import { expect, test as base } from './fixtures';

// `lab` comes first in config.yaml though `demo` sorts first by name; `edge` is an HAProxy whose
// socket does not exist: reachable never, so it has no rows, only its header.
const test = base.extend({
  workspace: async ({ workspace }, use) => {
    writeFileSync(
      join(workspace, 'lab-fleet.yaml'),
      [
        'environments: [staging, prod]',
        'strategies:',
        '  canary: { kind: canary, steps: [{ setWeight: 20 }, { pause: indefinite }, { setWeight: 60 }] }',
        'services:',
        '  api: { stable: 1.0.0, requestRate: 100, errorRate: 0.001, latencyP50: 20, cpu: 0.3 }',
        '  web: { stable: 2.0.0, requestRate: 100, errorRate: 0.001, latencyP50: 20, cpu: 0.3 }',
        'rollouts:',
        '  - { service: api, environment: prod, strategy: canary, canary: 1.1.0, step: 1 }',
      ].join('\n'),
    );
    writeFileSync(
      join(workspace, 'config.yaml'),
      [
        'connections:',
        '  - { name: lab, kind: simulator, fleet: lab-fleet.yaml }',
        '  - { name: demo, kind: simulator }',
        '  - name: edge',
        '    kind: haproxy',
        `    socket: ${join(workspace, 'no-haproxy.sock')}`,
        '    timeout: 1s',
        "    services: [{ service: shop, environment: prod, backend: web, versionPattern: '-(?<version>.+)$' }]",
      ].join('\n'),
    );
    await use(workspace);
  },
});

const grid = (page: Page) => page.getByRole('treegrid', { name: 'Rollouts' });
const header = (page: Page, key: string) => page.getByTestId(`fleet-group-${key}`);

test('groups the fleet by connection in config order, each header with its health and counts', async ({
  page,
}) => {
  const lab = header(page, 'lab');
  const demo = header(page, 'demo');
  await expect(lab).toHaveAttribute('aria-expanded', 'true');
  await expect(lab).toHaveAttribute('role', 'row');
  await expect(lab.getByTestId('fleet-group-count')).toHaveText('4 rollouts');
  await expect(lab.getByTestId('fleet-group-attention')).toHaveText('1 need attention');
  await expect(lab.getByTestId('fleet-group-health')).toHaveAttribute('data-state', 'ok');
  await expect(lab).toContainText('simulator');
  await expect(demo.getByTestId('fleet-group-count')).toHaveText('27 rollouts');
  await expect(demo.getByTestId('fleet-group-attention')).toHaveText(
    '3 need attention',
    // The demo fleet's three, as e2e/fleet-attention.spec.ts counts them.
    { timeout: 15_000 },
  );

  // Config order, and within a group today's order: what needs attention first.
  const lines = grid(page).locator('[data-testid^="fleet-group-"][role="row"], [data-testid^="fleet-row-"]');
  await expect(lines.nth(0)).toHaveAttribute('data-testid', 'fleet-group-lab');
  await expect(lines.nth(1)).toHaveAttribute('data-testid', 'fleet-row-lab/api-prod');
  await expect(lines.nth(5)).toHaveAttribute('data-testid', 'fleet-group-demo');
  await expect(lines.nth(6)).toHaveAttribute('data-testid', 'fleet-row-demo/checkout-prod-eu');
  // The header names the connection: the rows no longer repeat it.
  await expect(page.getByTestId('fleet-row-lab/api-prod').getByRole('gridcell').nth(1)).toHaveText('prod');
  await expect(page.getByTestId('fleet-count')).toHaveText('31 rollouts');
  // Headers are not rows: the count of rollout rows is the fleet's.
  await expect(page.getByTestId('fleet-attention-count')).toHaveText(
    '4 need attention: 1 unhealthy, 3 waiting for a person',
  );

  // Folding demo brings edge into view: no rollouts, and unreachable, in words.
  await demo.click();
  const edge = header(page, 'edge');
  await expect(edge.getByTestId('fleet-group-count')).toHaveText('no rollouts');
  await expect(edge.getByTestId('fleet-group-health')).toHaveText('unreachable');
  await expect(edge.getByTestId('fleet-group-health')).toHaveAttribute('data-state', 'critical');
  await expect(edge).toContainText('haproxy');
  // Nothing to fold: no aria-expanded, and a click changes nothing.
  await expect(edge).not.toHaveAttribute('aria-expanded');
  await edge.click();
  await expect(edge).not.toHaveAttribute('aria-expanded');
});

test('folds a group by mouse and keyboard, the fold kept across navigation; rows still open', async ({
  page,
}) => {
  const lab = header(page, 'lab');
  const demo = header(page, 'demo');
  const checkout = page.getByTestId('fleet-row-demo/checkout-prod-eu');
  await expect(checkout).toBeVisible();

  // Mouse: a click folds demo and says how many rows it hides.
  await demo.click();
  await expect(demo).toHaveAttribute('aria-expanded', 'false');
  await expect(demo.getByTestId('fleet-group-hidden')).toHaveText('27 hidden');
  await expect(checkout).toHaveCount(0);
  await expect(page.getByTestId('fleet-count')).toHaveText('31 rollouts');

  // A row still opens; back on the fleet, demo is still folded.
  await page.getByTestId('fleet-row-lab/api-prod').click();
  await expect(page.getByRole('heading', { level: 1, name: 'api · prod' })).toBeVisible();
  await page.goBack();
  await expect(demo).toHaveAttribute('aria-expanded', 'false');
  await expect(checkout).toHaveCount(0);

  // Keyboard: the list keys cross the headers, Left goes up from a row to its header and folds it.
  await grid(page).focus();
  await expect(page.getByTestId('fleet-row-lab/api-prod')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(lab).toHaveAttribute('aria-selected', 'true');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'fleet-group-el-lab');
  await page.keyboard.press('ArrowLeft');
  await expect(lab).toHaveAttribute('aria-expanded', 'false');
  await expect(lab.getByTestId('fleet-group-hidden')).toHaveText('4 hidden');
  await page.keyboard.press('ArrowRight');
  await expect(lab).toHaveAttribute('aria-expanded', 'true');
  // Right on an open header goes to its first row; Enter there opens it.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('fleet-row-lab/api-prod')).toHaveAttribute('aria-selected', 'true');
  // Down past lab's four rows reaches demo's header; Space unfolds it, Enter folds it again.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(demo).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Space');
  await expect(demo).toHaveAttribute('aria-expanded', 'true');
  await expect(checkout).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(demo).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(checkout).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'checkout · prod-eu' })).toBeVisible();
});

test('filters by connection, combined with the other filters, and from the palette', async ({ page }) => {
  const connections = page.getByRole('group', { name: 'Connection' });
  await expect(connections.getByRole('button')).toHaveText(['All connections', 'lab', 'demo', 'edge']);
  await connections.getByRole('button', { name: 'lab', exact: true }).click();
  await expect(connections.getByRole('button', { name: 'lab', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('fleet-count')).toHaveText('4 of 31 rollouts');
  await expect(header(page, 'lab')).toBeVisible();
  await expect(header(page, 'demo')).toHaveCount(0);
  await expect(page.locator('[data-testid^="fleet-row-demo/"]')).toHaveCount(0);

  // With the status filter: lab's one rollout that waits for a person, of its four.
  await page.getByLabel('Status').selectOption('attention');
  await expect(page.getByTestId('fleet-count')).toHaveText('1 of 31 rollouts');
  await expect(header(page, 'lab').getByTestId('fleet-group-count')).toHaveText('1 of 4 rollouts');
  await expect(page.getByTestId('fleet-row-lab/api-prod')).toBeVisible();
  await page.getByLabel('Status').selectOption('all');

  await connections.getByRole('button', { name: 'All connections' }).click();
  await expect(page.getByTestId('fleet-count')).toHaveText('31 rollouts');
  await expect(header(page, 'demo')).toBeVisible();

  // The palette: "Show connection demo" narrows the fleet to demo, unfolded.
  await header(page, 'demo').click();
  await expect(header(page, 'demo')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Control+K');
  await page.getByPlaceholder('Type a command or a rollout…').fill('show connection demo');
  const show = page.getByRole('option', { name: /^Show connection demo/ });
  await expect(show).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fleet-count')).toHaveText('27 of 31 rollouts');
  await expect(header(page, 'demo')).toHaveAttribute('aria-expanded', 'true');
  await expect(header(page, 'lab')).toHaveCount(0);
  await expect(connections.getByRole('button', { name: 'demo', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

for (const theme of ['dark', 'light'] as const) {
  test(`the grouped fleet, a group folded, passes axe in the ${theme} theme`, async ({ page }) => {
    const toggle = page.getByRole('button', { name: /Dark|Light/ });
    if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light')) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(header(page, 'demo').getByTestId('fleet-group-attention')).toHaveText('3 need attention', {
      timeout: 15_000,
    });
    await header(page, 'lab').click();
    await expect(header(page, 'lab').getByTestId('fleet-group-hidden')).toBeVisible();
    // The selected header is the grid's active descendant, as a keyboard user would have it.
    await grid(page).focus();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
