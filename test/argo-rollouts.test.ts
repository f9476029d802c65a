// The Argo Rollouts adapter against a local server that speaks the Kubernetes REST API (TLS with a
// throwaway CA, a real kubeconfig, list/watch/get/patch, 404/409/410/403, bookmarks), seeded with
// Rollouts, ReplicaSets and AnalysisRuns written from Argo Rollouts' CRD schemas and examples. No
// cluster runs on this machine; these are the wire contracts a cluster holds the adapter to.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openArgoConnection,
  type OpenedArgoConnection,
} from '../src/main/backends/argo-rollouts/open-argo-connection';
import { argoRolloutsProbe } from '../src/main/backends/probes/argo-rollouts-probe';
import type { ArgoRolloutsConnection } from '../src/main/core/connections/argo-rollouts-connection';
import { ConnectionHealth } from '../src/main/core/connections/connection-health';
import { BackendRefusal, type BackendCommand } from '../src/main/core/rollouts/deployment-backend';
import { loadAllFixtures, loadFixture } from './support/argo-fixtures';
import {
  startKubeApiServer,
  writeExecCredentialScript,
  type KubeApiServer,
  type KubeObject,
} from './support/kube-api-server';
import { tempDirs } from './support/temp-dirs';

const tempDir = tempDirs('argo-rollouts-');
const TOKEN = 'token-alice-5f2e';
const running: { servers: KubeApiServer[]; connections: OpenedArgoConnection[] } = {
  servers: [],
  connections: [],
};

afterEach(async () => {
  running.connections.splice(0).forEach((c) => c.close());
  await Promise.all(running.servers.splice(0).map((s) => s.close()));
});

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function cluster(options: Parameters<typeof startKubeApiServer>[0] = {}) {
  // Real API servers send bookmarks about once a minute; a quiet watch here gets one every 500 ms.
  const server = await startKubeApiServer({ tokens: { [TOKEN]: 'alice' }, bookmarkEveryMs: 500, ...options });
  running.servers.push(server);
  server.seed(loadAllFixtures());
  const dir = tempDir();
  const kubeconfig = join(dir, 'kubeconfig');
  server.writeKubeconfig(kubeconfig, [{ name: 'east', user: { token: TOKEN } }], 'east');
  return { server, dir, kubeconfig };
}

async function connect(
  at: { dir: string; kubeconfig: string },
  settings: Partial<ArgoRolloutsConnection> = {},
  { synced = true } = {},
): Promise<OpenedArgoConnection> {
  const c: ArgoRolloutsConnection = {
    name: 'east',
    kind: 'argo-rollouts',
    kubeconfig: at.kubeconfig,
    timeout: 3000,
    watchTimeout: 1500,
    ...settings,
  };
  const opened = openArgoConnection(c, at.dir, { now: () => Date.now() }, { watchSeconds: 60 });
  running.connections.push(opened);
  opened.backend.start();
  if (synced) await waitFor('the first lists', () => opened.backend.synced);
  return opened;
}

function rolloutOf(fixture: string): KubeObject {
  const r = loadFixture(fixture).find((o) => o.kind === 'Rollout');
  if (!r) throw new Error(`fixture ${fixture} has no Rollout`);
  return r;
}
const idOf = (r: KubeObject) => `${r.metadata.namespace}/${r.metadata.name}`;
const cmd = (c: Record<string, unknown> & { kind: string }): BackendCommand =>
  ({ actor: 'alice', ...c }) as BackendCommand;

/** The writes the adapter sent (not the reads), as the API server received them. */
function writes(server: KubeApiServer) {
  return server.requests
    .filter((r) => r.method === 'PATCH' || r.method === 'PUT')
    .map((r) => ({
      method: r.method,
      path: r.path,
      contentType: r.contentType,
      body: r.body,
      status: r.status,
    }));
}

const base = (r: KubeObject) =>
  `/apis/argoproj.io/v1alpha1/namespaces/${r.metadata.namespace}/rollouts/${r.metadata.name}`;

describe('mapping Argo Rollouts objects to the fleet', () => {
  it("lists every rollout of every namespace as <namespace>/<name>, with Argo's states mapped", async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const ids = backend
      .list()
      .map((r) => r.id)
      .sort();
    const expected = loadAllFixtures()
      .filter((o) => o.kind === 'Rollout')
      .map(idOf)
      .sort();
    expect(ids).toEqual(expected);

    const basic = backend.get(idOf(rolloutOf('basic-canary')))!;
    expect(basic.phase).toBe('paused');
    expect(basic.pauseConditions.map((c) => c.reason)).toContain('pause-step');
    expect(basic.pauseConditions.find((c) => c.reason === 'pause-step')?.until).toBeUndefined();
    expect(basic.kubernetes?.weights?.set).toBe(20);
    expect(basic.namespace).toBe(rolloutOf('basic-canary').metadata.namespace);
    const roles = basic.kubernetes!.revisions.map((v) => v.role);
    expect(roles).toEqual(expect.arrayContaining(['stable', 'canary']));
    expect(basic.kubernetes!.revisions[0]!.revision).toBeGreaterThan(
      basic.kubernetes!.revisions[1]!.revision,
    );
    expect(basic.kubernetes!.revisions[0]!.images[0]?.image).toMatch(/:/);

    const timed = backend.get(idOf(rolloutOf('timed-pause')))!;
    const condition = timed.pauseConditions.find((c) => c.reason === 'pause-step')!;
    expect(Date.parse(condition.until!) - Date.parse(condition.since)).toBe(10 * 60_000);

    expect(backend.get(idOf(rolloutOf('blue-green')))!.phase).toBe('awaiting-promotion');
    expect(backend.get(idOf(rolloutOf('blue-green')))!.kubernetes?.blueGreen).toMatchObject({
      autoPromotionEnabled: false,
    });
    expect(backend.get(idOf(rolloutOf('aborted')))!.phase).toBe('aborted');
    const inconclusive = backend.get(idOf(rolloutOf('inconclusive')))!;
    expect(inconclusive.phase).toBe('paused');
    expect(inconclusive.pauseConditions.map((c) => c.reason)).toContain('analysis-inconclusive');
  });

  it('shows each AnalysisRun with its measurements, conditions and resolved query', async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const r = backend.get(idOf(rolloutOf('canary-analysis')))!;
    const runs = r.kubernetes!.analysisRuns;
    const live = runs.find((x) => x.phase === 'Running')!;
    expect(live.stepIndex).toBeGreaterThanOrEqual(0);
    const metric = live.metrics[0]!;
    expect(metric.resolvedQuery).toMatch(/\S/);
    expect(metric.measurements.length).toBeGreaterThan(0);
    expect(metric.successCondition ?? metric.failureCondition).toMatch(/result/);
    const failed = runs.find((x) => x.phase === 'Failed')!;
    expect(
      failed.metrics.some((m) => m.phase === 'Failed' && m.measurements.some((x) => x.phase === 'Failed')),
    ).toBe(true);
  });

  it('maps every canary step kind, and shows what it does not understand instead of dropping it', async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const r = rolloutOf('all-steps');
    expect(backend.get(idOf(r))!.steps.map((s) => s.kind)).toEqual(
      expect.arrayContaining([
        'setWeight',
        'pause',
        'analysisRun',
        'experiment',
        'setCanaryScale',
        'setHeaderRoute',
        'setMirrorRoute',
      ]),
    );
    at.server.update('rollouts', r.metadata.namespace!, r.metadata.name, (o) => {
      const canary = (o.spec as { strategy: { canary: { steps: unknown[] } } }).strategy.canary;
      canary.steps.push({ plugin: { name: 'acme/traffic-shaper' } });
    });
    const after = await waitFor('the new step', () => {
      const x = backend.get(idOf(r));
      return x?.steps.some((s) => s.kind === 'other') && x;
    });
    expect(after.kubernetes!.unknown.join('\n')).toMatch(/plugin/);
    // The spec moved on and the controller has not observed it: Argo's phase is not trusted.
    expect(after.kubernetes!.phaseTrusted).toBe(false);
    expect(after.message).toMatch(/observe generation/);
  });
});

describe('watching, not polling', () => {
  it('resumes a dropped watch from its resourceVersion without a re-list, and re-lists on 410 Gone', async () => {
    const at = await cluster({ bookmarkEveryMs: 200 });
    const { backend } = await connect(at, { namespaces: ['shop'] });
    const r = rolloutOf('basic-canary');
    const lists = () => backend.watchCounts().reduce((n, c) => n + c.lists, 0);
    const listed = lists();
    at.server.dropWatches();
    at.server.update('rollouts', r.metadata.namespace!, r.metadata.name, (o) => {
      (o.status as Record<string, unknown>).message = 'moved while the watch was down';
    });
    await waitFor(
      'the change after a reconnect',
      () => backend.get(idOf(r))?.kubernetes?.phaseMessage === 'moved while the watch was down',
    );
    expect(lists()).toBe(listed);
    const resumed = at.server.requests.filter((q) => q.query.watch && q.query.resourceVersion).length;
    expect(resumed).toBeGreaterThan(3);

    // History compacted while the watches were down: the next watch gets 410 and lists again.
    at.server.setDown(true);
    at.server.remove('rollouts', r.metadata.namespace!, r.metadata.name);
    at.server.compact();
    at.server.setDown(false);
    await waitFor('the re-list after 410', () => backend.get(idOf(r)) === undefined);
    expect(backend.watchCounts().reduce((n, c) => n + c.gone, 0)).toBeGreaterThan(0);
    expect(lists()).toBeGreaterThan(listed);
  });

  it('takes bookmarks: a watch resumes from the bookmark, so compaction elsewhere forces no re-list', async () => {
    const at = await cluster({ bookmarkEveryMs: 100 });
    const { backend } = await connect(at, { namespaces: ['shop'] });
    const lists = () => backend.watchCounts().reduce((n, c) => n + c.lists, 0);
    const listed = lists();
    // Changes in another namespace move the cluster's resourceVersion; bookmarks carry it to us.
    const other = loadAllFixtures().find((o) => o.kind === 'Rollout' && o.metadata.namespace !== 'shop')!;
    for (let i = 0; i < 3; i++)
      at.server.update('rollouts', other.metadata.namespace!, other.metadata.name, (o) => {
        (o.status as Record<string, unknown>).message = `elsewhere ${i}`;
      });
    await new Promise((r) => setTimeout(r, 400));
    at.server.compact();
    at.server.dropWatches();
    await new Promise((r) => setTimeout(r, 500));
    expect(backend.watchCounts().reduce((n, c) => n + c.gone, 0)).toBe(0);
    expect(lists()).toBe(listed);
  });

  it(
    'detects a watch that stalls without closing, marks its rows stale with their age, and recovers',
    { timeout: 60_000 },
    async () => {
      const at = await cluster({ bookmarkEveryMs: 200 });
      const { backend } = await connect(at, { watchTimeout: 4000 });
      const r = rolloutOf('basic-canary');
      at.server.stallWatches(true);
      at.server.update('rollouts', r.metadata.namespace!, r.metadata.name, (o) => {
        (o.status as Record<string, unknown>).message = 'changed during the stall';
      });
      const stale = await waitFor('stale rows', () => backend.list().find((x) => x.stale)?.stale, 15_000);
      expect(stale.reason).toMatch(/sent nothing|no answer/);
      expect(stale.ageMs).toBeGreaterThanOrEqual(3000);
      expect(backend.watchCounts().some((c) => c.stalls > 0)).toBe(true);
      at.server.stallWatches(false);
      await waitFor('live rows again', () => backend.list().every((x) => !x.stale), 15_000);
      // What the stalled watch never delivered is there: the watch was made again from a full list.
      await waitFor(
        'the change made during the stall',
        () => backend.get(idOf(r))?.kubernetes?.phaseMessage === 'changed during the stall',
      );
    },
  );

  it('one cluster down makes only its rows stale; the other context stays live', async () => {
    const a = await cluster();
    const b = await cluster();
    const east = await connect(a);
    const west = await connect(b, { name: 'west' });
    a.server.setDown(true);
    const stale = await waitFor('east stale', () => east.backend.list()[0]?.stale, 10_000);
    expect(stale.reason).toMatch(/cannot reach|sent nothing|ended/);
    expect(west.backend.list().every((r) => !r.stale)).toBe(true);
    a.server.setDown(false);
    await waitFor('east live again', () => east.backend.list().every((r) => !r.stale), 15_000);
  }, 30_000);
});

describe('credentials, as the kubeconfig gives them', () => {
  it('a client certificate and an exec plugin authenticate as well as a bearer token', async () => {
    const server = await startKubeApiServer({
      tokens: { [TOKEN]: 'alice', 'exec-token-77': 'ci-bot' },
      clientCerts: true,
    });
    running.servers.push(server);
    server.seed(loadAllFixtures());
    const dir = tempDir();
    const kubeconfig = join(dir, 'kubeconfig');
    const cert = server.issueClientCert('carol');
    server.writeKubeconfig(
      kubeconfig,
      [
        { name: 'cert', user: { certFile: cert.certFile, keyFile: cert.keyFile } },
        {
          name: 'exec',
          user: {
            exec: {
              command: process.execPath,
              args: [
                // As real plugins do (aws eks get-token …): an expiry, so the library reuses the token.
                writeExecCredentialScript(dir, 'exec-token-77', {
                  expirationTimestamp: new Date(Date.now() + 3_600_000).toISOString(),
                }),
              ],
            },
          },
        },
      ],
      'cert',
    );
    const viaCert = await connect({ dir, kubeconfig }, { context: 'cert' });
    const viaExec = await connect({ dir, kubeconfig }, { name: 'east-exec', context: 'exec' });
    expect(viaCert.backend.list().length).toBeGreaterThan(0);
    expect(viaExec.backend.list().length).toBe(viaCert.backend.list().length);
    const users = new Set(server.requests.map((r) => r.user));
    expect(users).toEqual(new Set(['carol', 'ci-bot']));
  });

  it("refused credentials leave the rows stale with the API server's words", async () => {
    const at = await cluster();
    at.server.writeKubeconfig(at.kubeconfig, [{ name: 'east', user: { token: 'revoked-token' } }], 'east');
    const opened = await connect(at, {}, { synced: false });
    await waitFor('the refusal', () => opened.health.status().lastError?.message.includes('unauthorized'));
    expect(opened.backend.list()).toEqual([]);
  });
});

describe('faults and bad input', () => {
  it('a kubeconfig that does not parse is named with its file and line; the connection reads as down', async () => {
    const dir = tempDir();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nclusters:\n  - name: a\n   server: https://x\n');
    const opened = await connect({ dir, kubeconfig }, {}, { synced: false });
    expect(opened.health.status().reachable).toBe(false);
    expect(opened.health.status().lastError?.message).toMatch(
      new RegExp(`${kubeconfig.replace(/[.]/g, '\\.')}:\\d+:\\d+: not valid YAML`),
    );
    expect(opened.backend.list()).toEqual([]);
  });

  it('an unknown context names the ones the kubeconfig has', async () => {
    const at = await cluster();
    const opened = await connect(at, { context: 'nope' }, { synced: false });
    expect(opened.health.status().lastError?.message).toMatch(/has no context "nope" \(it has east\)/);
  });

  it('a namespace the credentials cannot list is named as forbidden while the others are watched', async () => {
    const at = await cluster();
    at.server.forbid({ verb: 'list', resource: 'rollouts', namespace: 'payments', user: 'alice' });
    const { backend } = await connect(at, { namespaces: ['shop', 'payments'] }, { synced: false });
    await waitFor('shop rows', () => backend.list().some((r) => r.namespace === 'shop'));
    await waitFor('the refusal', () => backend.problems.get('payments'));
    expect(backend.problems.get('payments')).toMatch(/forbidden: cannot list rollouts in namespace payments/);
  });

  it('with no namespaces named and no cluster-wide list allowed, watches each namespace it may list', async () => {
    const at = await cluster();
    at.server.forbid({ verb: 'list', resource: 'rollouts', scope: 'cluster', user: 'alice' });
    const { backend } = await connect(at, {}, { synced: false });
    await waitFor(
      'rows from both namespaces',
      () => new Set(backend.list().map((r) => r.namespace)).size === 2,
    );
    expect(new Set(backend.list().map((r) => r.namespace))).toEqual(new Set(['shop', 'payments']));
  });
});

describe("the Settings screen's Test", () => {
  it('checks the kubeconfig, the API server, what may be listed and what the actions may patch', async () => {
    const at = await cluster();
    at.server.forbid({ verb: 'patch', resource: 'rollouts/status', namespace: 'shop', user: 'alice' });
    const connection: ArgoRolloutsConnection = {
      name: 'east',
      kind: 'argo-rollouts',
      kubeconfig: at.kubeconfig,
      namespaces: ['shop', 'payments'],
      timeout: 3000,
      watchTimeout: 90_000,
    };
    const checks = await argoRolloutsProbe(at.dir)(
      connection,
      new ConnectionHealth('east', 'argo-rollouts', ['deployment']),
    );
    const byName = new Map(checks.map((c) => [c.name, c]));
    expect(byName.get('API server answers')?.ok).toBe(true);
    expect(byName.get('List rollouts in namespace shop')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/\d+ rollout/),
    });
    expect(byName.get('May patch rollouts/status in namespace shop')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^forbidden: cannot patch rollouts\/status in namespace shop/),
    });
    expect(byName.get('May patch rollouts/status in namespace payments')?.ok).toBe(true);
    expect(byName.get('May patch rollouts in namespace shop')?.ok).toBe(true);
  });
});

describe('actions, exactly as kubectl argo rollouts sends them', () => {
  it("promote at a pause step: the plugin's status patch, carrying the resourceVersion it was decided on", async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const r = rolloutOf('basic-canary');
    const before = backend.get(idOf(r))!;
    at.server.clearRequests();
    await backend.apply(idOf(r), cmd({ kind: 'promote', basedOnRevision: before.revision }));
    expect(writes(at.server)).toEqual([
      {
        method: 'PATCH',
        path: `${base(r)}/status`,
        contentType: 'application/merge-patch+json',
        body: {
          status: { pauseConditions: null },
          metadata: { resourceVersion: before.kubernetes!.resourceVersion },
        },
        status: 200,
      },
    ]);
  });

  it('promote with an inconclusive analysis, and in the middle of an analysis step', async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const inconclusive = rolloutOf('inconclusive');
    const index = (inconclusive.status as { currentStepIndex: number }).currentStepIndex;
    at.server.clearRequests();
    await backend.apply(idOf(inconclusive), cmd({ kind: 'promote' }));
    const [sent] = writes(at.server);
    expect(sent?.path).toBe(`${base(inconclusive)}/status`);
    expect(sent?.body).toMatchObject({
      status: { pauseConditions: null, controllerPause: false, currentStepIndex: index + 1 },
    });

    const mid = rolloutOf('canary-analysis');
    const midIndex = (mid.status as { currentStepIndex: number }).currentStepIndex;
    at.server.clearRequests();
    await backend.apply(idOf(mid), cmd({ kind: 'promote' }));
    const { metadata: _rv, ...body } = writes(at.server)[0]!.body as Record<string, unknown>;
    expect(body).toEqual({ status: { pauseConditions: null, currentStepIndex: midIndex + 1 } });
  });

  it('falls back to the main resource when the cluster has no status subresource (404)', async () => {
    const at = await cluster();
    at.server.setStatusSubresource('rollouts', false);
    const { backend } = await connect(at);
    const r = rolloutOf('aborted');
    at.server.clearRequests();
    await backend.apply(idOf(r), cmd({ kind: 'retry' }));
    expect(writes(at.server).map((w) => [w.path, w.status, w.body])).toEqual([
      [`${base(r)}/status`, 404, { status: { abort: false } }],
      [base(r), 200, { status: { abort: false } }],
    ]);
  });

  it('pause, abort, retry, promote-full, restart, undo and roll forward', async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const r = rolloutOf('basic-canary');
    const id = idOf(r);
    const sent = async (c: Parameters<typeof cmd>[0]) => {
      at.server.clearRequests();
      await backend.apply(id, cmd(c));
      await waitFor(
        'the watch to catch up',
        () =>
          backend.get(id)?.kubernetes?.resourceVersion ===
          at.server.get('rollouts', r.metadata.namespace!, r.metadata.name)?.metadata.resourceVersion,
      );
      return writes(at.server);
    };
    expect(await sent({ kind: 'pause' })).toEqual([
      {
        method: 'PATCH',
        path: base(r),
        contentType: 'application/merge-patch+json',
        body: { spec: { paused: true } },
        status: 200,
      },
    ]);
    const full = await sent({ kind: 'promote-full' });
    expect(full.map((w) => w.path)).toEqual([`${base(r)}/status`, base(r)]);
    expect(full[0]!.body).toMatchObject({ status: { promoteFull: true } });
    expect(full[1]!.body).toMatchObject({ spec: { paused: false } });
    expect(await sent({ kind: 'abort' })).toEqual([
      {
        method: 'PATCH',
        path: `${base(r)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { abort: true } },
        status: 200,
      },
    ]);
    expect((await sent({ kind: 'retry' }))[0]?.body).toEqual({ status: { abort: false } });
    const restart = await sent({ kind: 'restart' });
    expect(restart[0]).toMatchObject({ path: base(r), contentType: 'application/merge-patch+json' });
    expect((restart[0]!.body as { spec: { restartAt: string } }).spec.restartAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );

    const revisions = backend.get(id)!.kubernetes!.revisions;
    const old = revisions.find((v) => !v.current)!;
    const undo = await sent({ kind: 'undo', toRevision: old.revision });
    expect(undo[0]).toMatchObject({
      method: 'PATCH',
      path: base(r),
      contentType: 'application/json-patch+json',
    });
    const ops = undo[0]!.body as {
      op: string;
      path: string;
      value?: { metadata?: { labels?: Record<string, string> } };
    }[];
    expect(ops[0]).toMatchObject({ op: 'test', path: '/metadata/resourceVersion' });
    expect(ops[1]).toMatchObject({ op: 'replace', path: '/spec/template' });
    expect(ops[1]!.value?.metadata?.labels?.['rollouts-pod-template-hash']).toBeUndefined();

    const forward = await sent({ kind: 'roll-forward', toVersion: '9.9.9' });
    expect(forward[0]).toMatchObject({ method: 'PUT', path: base(r) });
    const image = (
      forward[0]!.body as KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } }
    ).spec.template.spec.containers[0]!.image;
    expect(image).toMatch(/:9\.9\.9$/);
  });

  it('refuses, sending nothing, when the rollout moved since the action was decided', async () => {
    const at = await cluster();
    const { backend } = await connect(at);
    const r = rolloutOf('basic-canary');
    const decided = backend.get(idOf(r))!;
    // Someone else promoted meanwhile; the watch has not told us yet.
    at.server.stallWatches(true);
    at.server.update('rollouts', r.metadata.namespace!, r.metadata.name, (o) => {
      (o.status as Record<string, unknown>).currentStepIndex = 2;
      delete (o.status as Record<string, unknown>).pauseConditions;
    });
    at.server.clearRequests();
    await expect(
      backend.apply(idOf(r), cmd({ kind: 'promote', basedOnRevision: decided.revision })),
    ).rejects.toThrow(BackendRefusal);
    await expect(
      backend.apply(idOf(r), cmd({ kind: 'promote', basedOnRevision: decided.revision })),
    ).rejects.toThrow(/moved since|changed since/);
    expect(writes(at.server)).toEqual([]);
  });

  it('an RBAC refusal is shown as such', async () => {
    const at = await cluster();
    at.server.forbid({ verb: 'patch', resource: 'rollouts/status', namespace: 'shop', user: 'alice' });
    const { backend } = await connect(at);
    const r = loadAllFixtures().find((o) => o.kind === 'Rollout' && o.metadata.namespace === 'shop')!;
    await expect(backend.apply(idOf(r), cmd({ kind: 'abort' }))).rejects.toThrow(
      /forbidden: cannot patch rollouts\/status in namespace shop.*Nothing was changed/,
    );
  });
});
