// Two kubeconfig contexts in one fleet: each is its own Kubernetes API test server seeded with the
// Argo fixtures, and the fleet groups their rollouts by cluster and namespace. A change on one
// cluster reaches its row; a cluster that goes away leaves its rows stale while the other stays live.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllFixtures, manyRollouts } from '../test/support/argo-fixtures';
import { startKubeApiServer, type KubeApiServer } from '../test/support/kube-api-server';
import { expect, test as base } from './fixtures';

const TOKEN = 'token-e2e-fleet-41bd';

const test = base.extend<{ clusters: { east: KubeApiServer; west: KubeApiServer } }>({
  clusters: async ({ target: _target }, use) => {
    const east = await startKubeApiServer({ tokens: { [TOKEN]: 'e2e-operator' }, bookmarkEveryMs: 1000 });
    const west = await startKubeApiServer({ tokens: { [TOKEN]: 'e2e-operator' }, bookmarkEveryMs: 1000 });
    east.seed(loadAllFixtures({ now: new Date() }));
    west.seed(manyRollouts(6, ['web']));
    await use({ east, west });
    await Promise.all([east.close(), west.close()]);
  },
  workspace: async ({ workspace, clusters }, use) => {
    clusters.east.writeKubeconfig(
      join(workspace, 'kubeconfig'),
      [
        { name: 'east', user: { token: TOKEN } },
        { name: 'west', user: { token: TOKEN }, server: clusters.west.url },
      ],
      'east',
    );
    writeFileSync(
      join(workspace, 'config.yaml'),
      [
        'connections:',
        '  - { name: east, kind: argo-rollouts, kubeconfig: kubeconfig, context: east, namespaces: [shop, payments] }',
        '  - { name: west, kind: argo-rollouts, kubeconfig: kubeconfig, context: west, timeout: 2s }',
        '',
      ].join('\n'),
    );
    await use(workspace);
  },
});

test('the rollouts of two contexts at once, grouped by cluster and namespace', async ({ page, clusters }) => {
  const eastCount = loadAllFixtures().filter((o) => o.kind === 'Rollout').length;
  await expect(page.getByTestId('fleet-count')).toContainText(`${eastCount + 6} rollouts`, {
    timeout: 20_000,
  });
  const east = page.getByTestId('fleet-group-east');
  const west = page.getByTestId('fleet-group-west');
  await expect(east.getByTestId('fleet-group-count')).toHaveText(`${eastCount} rollouts`);
  await expect(west.getByTestId('fleet-group-count')).toHaveText('6 rollouts');
  await expect(page.getByTestId('fleet-group-east/shop')).toBeVisible();
  await expect(page.getByTestId('fleet-group-east/payments')).toBeVisible();
  await expect(page.getByTestId('fleet-group-west/web')).toBeVisible();
  // The paused canary waits for a person: the row says so, with its step and weight.
  const checkout = page.getByTestId('fleet-row-east/shop/checkout');
  await expect(checkout).toContainText('Waiting for judgment');
  await expect(checkout).toContainText('20%');

  // A change on the cluster (the traffic router's weight) reaches the row.
  clusters.east.update('rollouts', 'shop', 'checkout', (o) => {
    const status = (o.status ??= {}) as Record<string, unknown>;
    const canary = (status.canary ??= {}) as Record<string, unknown>;
    canary.weights = { canary: { weight: 37, podTemplateHash: 'x' }, stable: { weight: 63 }, verified: true };
  });
  await expect(checkout.locator('.weight-number')).toHaveText('37%', { timeout: 5000 });

  // West goes away: its rows turn stale with their age, east's stay live.
  clusters.west.setDown(true);
  await expect(west.getByTestId('fleet-group-stale')).toBeVisible({ timeout: 20_000 });
  await expect(east.getByTestId('fleet-group-stale')).toHaveCount(0);
});

test('a namespace the credentials may no longer watch is named on the connection, and only its rows go stale', async ({
  page,
  clusters,
}) => {
  await expect(page.getByTestId('fleet-row-east/payments/payments-api')).toBeVisible({ timeout: 20_000 });
  clusters.east.forbid({ verb: 'watch', resource: 'rollouts', namespace: 'payments', user: 'e2e-operator' });
  clusters.east.dropWatches();
  const chip = page.getByTestId('connection-east');
  // The cluster still answers (other namespaces are live): a problem, not "unreachable".
  await expect(chip).toHaveAttribute('data-state', 'warning', { timeout: 20_000 });
  await expect(chip).toHaveAttribute('title', /forbidden: cannot watch rollouts in namespace payments/);
  await expect(page.getByTestId('fleet-group-east/payments').getByTestId('fleet-group-stale')).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByTestId('fleet-group-east/shop').getByTestId('fleet-group-stale')).toHaveCount(0);
});
