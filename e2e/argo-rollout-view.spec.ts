// The rollout view of an Argo Rollouts rollout, against the Kubernetes API test server seeded with
// the Argo fixtures (times shifted to now, so countdowns run on the real clock): pause countdowns,
// each AnalysisRun with its metrics, measurements and resolved query, revisions with an Undo each,
// the Rollout's own facts, and the ways back in their own words, down to the request the cluster gets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { loadAllFixtures } from '../test/support/argo-fixtures';
import { startKubeApiServer, type KubeApiServer } from '../test/support/kube-api-server';
import { expect, test as base } from './fixtures';

const TOKEN = 'token-e2e-operator-7a1c';

const test = base.extend<{ kube: KubeApiServer }>({
  kube: async ({ target: _target }, use) => {
    const kube = await startKubeApiServer({ tokens: { [TOKEN]: 'e2e-operator' } });
    kube.seed(loadAllFixtures({ now: new Date() }));
    await use(kube);
    await kube.close();
  },
  // The workspace names the cluster before the control room starts on it.
  workspace: async ({ workspace, kube }, use) => {
    kube.writeKubeconfig(join(workspace, 'kubeconfig'), [{ name: 'east', user: { token: TOKEN } }], 'east');
    writeFileSync(
      join(workspace, 'config.yaml'),
      'connections:\n  - { name: east, kind: argo-rollouts, kubeconfig: kubeconfig, namespaces: [shop, payments] }\n',
    );
    await use(workspace);
  },
});

async function open(page: Page, id: string): Promise<void> {
  await page.evaluate(`window.location.hash = '#/rollout/${encodeURIComponent(id)}'`);
  await expect(page.getByTestId('revisions-panel')).toBeVisible();
}

const seconds = (text: string | null): number => {
  const m = /resumes in (\d+)m (\d+)s/.exec(text ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

test('a timed pause counts down in the header and on its step', async ({ page }) => {
  await open(page, 'east/shop/search');
  const header = page.getByTestId('rollout-pause-pause-step');
  // Started three minutes ago, ten minutes long.
  await expect(header).toHaveText(/^Pause step: resumes in [67]m \d\ds$/);
  await expect(page.getByTestId('pause-countdown')).toHaveText(/^resumes in [67]m \d\ds$/);
  const first = seconds(await header.textContent());
  await expect.poll(async () => seconds(await header.textContent()), { timeout: 5000 }).toBeLessThan(first);
});

test('the analysis runs say why the earlier attempt failed, without a click', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'east/payments/payments-api');
  const panel = page.getByTestId('analysis-runs-panel');
  // Newest first: the running attempt of revision 3, then revision 2's failed one, open as well.
  await expect(panel.locator('[data-testid^="analysis-run-"]')).toHaveCount(2);
  await expect(panel.locator('[data-testid^="analysis-run-"]').first()).toHaveAttribute(
    'data-testid',
    'analysis-run-payments-api-8f5d6c7b9-3-2',
  );
  const failed = page.getByTestId('analysis-run-payments-api-6b8f9d7c5-2-2');
  await expect(failed).toHaveAttribute('data-phase', 'Failed');
  await expect(failed).toHaveAttribute('open', '');
  await expect(failed.locator('summary')).toContainText('Failed');
  await expect(failed.locator('summary')).toContainText('judges revision 2');
  // The failed metric first, with its counts, conditions, resolved query and every measurement.
  const metrics = failed.locator('[data-testid^="analysis-metric-"]');
  await expect(metrics.first()).toHaveAttribute('data-testid', 'analysis-metric-success-rate');
  const rate = failed.getByTestId('analysis-metric-success-rate');
  await expect(rate.getByTestId('metric-counts')).toHaveText(
    '4 measured: 1 successful, 3 failed (limit 2), 0 inconclusive, 0 errors',
  );
  await expect(rate).toContainText('result[0] >= 0.99');
  await expect(rate).toContainText('result[0] < 0.95');
  const query =
    'sum(rate(http_requests_total{service="payments-api-canary",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="payments-api-canary"}[2m]))';
  await expect(rate.getByTestId('resolved-query-success-rate')).toHaveText(query);
  const table = rate.getByRole('table', { name: 'Measurements of success-rate, newest first' });
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tbody tr.is-failing')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText('[0.9356]');
  await expect(table.locator('tbody tr').first()).toContainText('Failed');
  // The latency query that could not reach Prometheus says so on its measurement.
  await expect(failed.getByTestId('analysis-metric-latency-p99')).toContainText(
    'connect: connection refused',
  );

  await rate.getByRole('button', { name: 'Copy the query of success-rate' }).click();
  await expect(rate.getByRole('button', { name: /Copied/ })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(query);

  // The analysis step links to its newest run.
  const link = page.getByTestId('step-run-2');
  await expect(link).toHaveText(/Running/);
  await link.click();
  await expect(page.getByTestId('analysis-run-payments-api-8f5d6c7b9-3-2').locator('summary')).toBeFocused();
});

test('revisions newest first, each with an Undo that says what it makes and sends it', async ({
  page,
  kube,
}) => {
  await open(page, 'east/payments/payments-api');
  const rows = page.getByTestId('revisions-panel').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'revision-3');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'revision-2');
  await expect(rows.nth(2)).toHaveAttribute('data-testid', 'revision-1');
  await expect(page.getByTestId('revision-3')).toHaveAttribute('data-role', 'canary');
  await expect(page.getByTestId('revision-3')).toContainText('api=registry.acme.io/payments/api:2.8.0');
  await expect(page.getByTestId('revision-1')).toContainText('Stable');
  await expect(page.getByTestId('revision-1')).toContainText('4/4 ready');
  const current = page.getByTestId('undo-revision-3');
  await expect(current).toBeDisabled();
  await expect(current).toHaveAttribute(
    'title',
    'Revision 3 is the current template: undo to it changes nothing.',
  );

  // Back to the stable ReplicaSet of an unfinished update: Argo skips the steps, and says so.
  await page.getByTestId('undo-revision-1').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Undo payments-api to revision 1?');
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    "Undo to revision 1: a new revision is made from revision 1's pod template (api=registry.acme.io/payments/api:2.7.4); it is the stable revision and the update had not finished, so Argo Rollouts skips the steps and returns all traffic to it at once.",
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByTestId('undo-revision-2').click();
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    "Undo to revision 2: a new revision is made from revision 2's pod template (api=registry.acme.io/payments/api:2.8.0-rc.1); the steps run again from the first.",
  );
  const sent = page.waitForRequest('**/api/rollout.act');
  kube.clearRequests();
  await page.keyboard.press('Enter');
  const body = (await sent).postDataJSON() as Record<string, unknown>;
  expect(body).toMatchObject({ action: 'undo', toRevision: 2, revision: expect.any(Number) });
  await expect(page.getByTestId('toast').filter({ hasText: 'Done:' })).toContainText('revision 2');
  const patch = kube.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/rollouts/payments-api'));
  expect(patch?.contentType).toBe('application/json-patch+json');
  const replace = (patch?.body as { op: string; path: string; value: unknown }[]).find(
    (op) => op.path === '/spec/template',
  );
  expect(JSON.stringify(replace?.value)).toContain('registry.acme.io/payments/api:2.8.0-rc.1');
});

test("the Rollout's own facts, its doubts and what is not understood are on show", async ({ page }) => {
  await open(page, 'east/payments/payments-api');
  const facts = page.getByTestId('kubernetes-facts');
  await expect(facts.getByTestId('fact-object')).toContainText('payments/payments-api');
  await expect(facts.getByTestId('fact-weight')).toContainText('set 20% · traffic router reports 20%');
  await expect(facts.getByTestId('fact-pod-hash')).toContainText(
    'stable 5d9c7f8b6 (revision 1) · current 8f5d6c7b9 (revision 3)',
  );
  await expect(page.getByTestId('unknown-fields')).toHaveCount(0);

  // Paused a moment ago: the controller has not observed the new generation.
  await open(page, 'east/shop/cart');
  const doubt = page.getByTestId('phase-not-observed');
  await expect(doubt).toContainText('not yet observed');
  await expect(doubt).toHaveAttribute('title', 'generation 6, observed 5: the phase shown may be old');
  await expect(page.getByTestId('fact-phase-warning')).toContainText('the phase shown may be old');

  await open(page, 'east/payments/gift-cards');
  await expect(page.getByTestId('unknown-fields')).toContainText('does not understand');
  await expect(page.getByTestId('unknown-fields').locator('li').first()).toContainText('plugin');
});

test('abort, roll forward and restart each say what they do; roll forward asks which container', async ({
  page,
  kube,
}) => {
  await open(page, 'east/shop/search');
  const dialog = page.getByRole('dialog');
  await page.getByRole('button', { name: 'Abort', exact: true }).click();
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    'the spec still names the new one, so the rollout stays Degraded until you Retry or Undo.',
  );
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Restart pods', exact: true }).click();
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    'Restarts every pod of search one by one; no new revision.',
  );
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Roll forward', exact: true }).click();
  const images = dialog.getByRole('group', { name: 'Known images of search' });
  await expect(images).toContainText('ghcr.io/acme/search:3.1.4');
  await expect(images).toContainText('envoyproxy/envoy:v1.30.1');
  await dialog.getByRole('combobox', { name: 'Container' }).selectOption('envoy');
  await dialog.getByRole('textbox', { name: 'Image or tag' }).fill('v1.31.0');
  await expect(dialog.getByTestId('confirm-consequence')).toContainText(
    'A new image: container envoy runs envoyproxy/envoy:v1.31.0 (the tag v1.31.0) instead of envoyproxy/envoy:v1.30.1.',
  );
  kube.clearRequests();
  const sent = page.waitForRequest('**/api/rollout.act');
  await page.keyboard.press('Enter');
  expect((await sent).postDataJSON()).toMatchObject({
    action: 'roll-forward',
    toVersion: 'v1.31.0',
    container: 'envoy',
    revision: expect.any(Number),
  });
  await expect(page.getByTestId('toast').filter({ hasText: 'Done:' })).toBeVisible();
  const write = kube.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/rollouts/search'));
  expect(JSON.stringify(write?.body)).toContain('envoyproxy/envoy:v1.31.0');
  expect(JSON.stringify(write?.body)).toContain('ghcr.io/acme/search:3.2.0');
});
