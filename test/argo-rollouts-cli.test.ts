// `control-room rollouts promote <connection>/<namespace>/<name>` and its siblings, run as a script
// runs them (the built CLI, in process on a workspace whose config.yaml names a kubeconfig context),
// send what `kubectl argo rollouts` sends, to a server that speaks the Kubernetes API.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/shared/domain';
import { loadAllFixtures, loadFixture } from './support/argo-fixtures';
import { ensureBuild } from './support/ensure-build';
import { startKubeApiServer, type KubeApiServer, type KubeObject } from './support/kube-api-server';
import { BUILT_CLI } from './support/served-control-room';
import { tempDirs } from './support/temp-dirs';

const root = join(import.meta.dirname, '..');
const tempDir = tempDirs('argo-cli-');
const TOKEN = 'token-cli-81c3';
const servers: KubeApiServer[] = [];

beforeAll(() => ensureBuild(root), 120_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function cli(args: string[]) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function workspace() {
  const server = await startKubeApiServer({ tokens: { [TOKEN]: 'release-bot' } });
  servers.push(server);
  server.seed(loadAllFixtures());
  const dir = tempDir();
  server.writeKubeconfig(join(dir, 'kubeconfig'), [{ name: 'east', user: { token: TOKEN } }], 'east');
  writeFileSync(
    join(dir, 'config.yaml'),
    'connections:\n  - name: east\n    kind: argo-rollouts\n    kubeconfig: kubeconfig\n    namespaces: [shop, payments]\n',
    { mode: 0o600 },
  );
  return { server, dir };
}

const rollout = (fixture: string): KubeObject => loadFixture(fixture).find((o) => o.kind === 'Rollout')!;
const full = (r: KubeObject) => `east/${r.metadata.namespace}/${r.metadata.name}`;
const path = (r: KubeObject) =>
  `/apis/argoproj.io/v1alpha1/namespaces/${r.metadata.namespace}/rollouts/${r.metadata.name}`;

function lastWrites(server: KubeApiServer) {
  const w = server.requests.filter((r) => r.method === 'PATCH' || r.method === 'PUT');
  server.clearRequests();
  return w.map((r) => {
    const body = r.body as Record<string, unknown>;
    // The resourceVersion precondition rides along on guarded actions; the rest is the plugin's body.
    const { metadata: _precondition, ...plugin } = Array.isArray(body)
      ? { metadata: undefined, ...{ ops: body } }
      : body;
    return { path: r.path, contentType: r.contentType, body: plugin };
  });
}

describe('control-room rollouts <action> on an Argo Rollouts connection', () => {
  it("promote in the paused, inconclusive and mid-analysis cases sends the plugin's bodies", async () => {
    const { server, dir } = await workspace();
    const paused = rollout('basic-canary');
    const inconclusive = rollout('inconclusive');
    const mid = rollout('canary-analysis');
    server.clearRequests();
    const a = await cli(['rollouts', 'promote', full(paused), '--workspace', dir, '--reason', 'looks good']);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(lastWrites(server)).toEqual([
      {
        path: `${path(paused)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { pauseConditions: null } },
      },
    ]);
    expect((await cli(['rollouts', 'promote', full(inconclusive), '--workspace', dir])).code).toBe(0);
    const index = (inconclusive.status as { currentStepIndex: number }).currentStepIndex;
    expect(lastWrites(server)).toEqual([
      {
        path: `${path(inconclusive)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: index + 1 } },
      },
    ]);
    expect((await cli(['rollouts', 'promote', full(mid), '--workspace', dir])).code).toBe(0);
    const midIndex = (mid.status as { currentStepIndex: number }).currentStepIndex;
    expect(lastWrites(server)).toEqual([
      {
        path: `${path(mid)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { pauseConditions: null, currentStepIndex: midIndex + 1 } },
      },
    ]);
    // Every action is in the audit log under the full id.
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord);
    expect(audit.filter((x) => x.kind === 'action.succeeded').map((x) => x.target)).toEqual([
      full(paused),
      full(inconclusive),
      full(mid),
    ]);
  }, 60_000);

  it('pause, abort, retry, promote-full, undo --to-revision N and restart match the plugin', async () => {
    const { server, dir } = await workspace();
    const r = rollout('basic-canary');
    const run = async (...args: string[]) => {
      const result = await cli(['rollouts', ...args, '--workspace', dir]);
      expect(result.err, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
      return lastWrites(server);
    };
    server.clearRequests();
    expect(await run('pause', full(r))).toEqual([
      { path: path(r), contentType: 'application/merge-patch+json', body: { spec: { paused: true } } },
    ]);
    expect(await run('abort', full(r))).toEqual([
      {
        path: `${path(r)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { abort: true } },
      },
    ]);
    expect(await run('retry', full(r))).toEqual([
      {
        path: `${path(r)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { abort: false } },
      },
    ]);
    expect(await run('promote-full', full(r))).toEqual([
      {
        path: `${path(r)}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { promoteFull: true } },
      },
      { path: path(r), contentType: 'application/merge-patch+json', body: { spec: { paused: false } } },
    ]);
    const sets = loadFixture('basic-canary').filter((o) => o.kind === 'ReplicaSet');
    const oldest = sets.sort(
      (a, b) =>
        Number(a.metadata.annotations?.['rollout.argoproj.io/revision']) -
        Number(b.metadata.annotations?.['rollout.argoproj.io/revision']),
    )[0]!;
    const revision = oldest.metadata.annotations!['rollout.argoproj.io/revision']!;
    const undo = await run('undo', full(r), '--to-revision', revision);
    expect(undo).toHaveLength(1);
    expect(undo[0]).toMatchObject({ path: path(r), contentType: 'application/json-patch+json' });
    const ops = (undo[0]!.body as { ops: { op: string; path: string; value?: unknown }[] }).ops;
    const template = structuredClone(
      (oldest.spec as { template: { metadata: { labels: Record<string, string> } } }).template,
    );
    delete template.metadata.labels['rollouts-pod-template-hash'];
    expect(ops.filter((o) => o.op !== 'test')).toEqual([
      { op: 'replace', path: '/spec/template', value: template },
    ]);
    const restart = await run('restart', full(r));
    expect(restart).toEqual([
      {
        path: path(r),
        contentType: 'application/merge-patch+json',
        body: { spec: { restartAt: expect.stringMatching(/Z$/) } },
      },
    ]);
  }, 90_000);
});
