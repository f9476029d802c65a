// The test Kubernetes API server behaves as a cluster's does, seen through @kubernetes/client-node 1.4
// (kubeconfig, TLS, token / client certificate / exec auth, list, Watch) and raw HTTPS for the answers
// a library would hide: the patch semantics, the status subresource, 401/403/404/409/410/415/422
// bodies word for word, bookmarks, and the faults (compaction, dropped, stalled, down).
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_NAMES,
  FIXTURE_NOW,
  loadAllFixtures,
  loadFixture,
  manyRollouts,
} from './support/argo-fixtures';
import {
  startKubeApiServer,
  writeExecCredentialScript,
  type KubeApiServer,
  type KubeApiServerOptions,
  type KubeObject,
} from './support/kube-api-server';
import { applyJsonPatch, applyMergePatch, JsonPatchApplyError } from './support/json-patches';
import { parseLabelSelector } from './support/kube-selectors';
import { tempDirs } from './support/temp-dirs';

const TOKEN = 'alice-token';
const ROLLOUTS = '/apis/argoproj.io/v1alpha1';
const tempDir = tempDirs('kube-api-server-test-');
const servers: KubeApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const server = await startKubeApiServer({ tokens: { [TOKEN]: 'alice' }, ...options });
  servers.push(server);
  server.seed(loadAllFixtures());
  return server;
}

interface Reply {
  status: number;
  body: unknown;
  text: string;
}

function call(
  server: KubeApiServer,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; contentType?: string } = {},
): Promise<Reply> {
  const token = options.token === undefined ? TOKEN : options.token;
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method,
        ca: readFileSync(server.caFile),
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
          ...(payload !== undefined ? { 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // plain text
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface RawWatch {
  events: { type: string; object: KubeObject & { code?: number; message?: string } }[];
  ended: Promise<void>;
  isEnded(): boolean;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A watch read line by line off the socket, to see exactly what the server streams and when it ends. */
function rawWatch(server: KubeApiServer, path: string): Promise<RawWatch> {
  return new Promise((resolve, reject) => {
    const events: RawWatch['events'] = [];
    let ended = false;
    let markEnded: () => void = () => undefined;
    const endedPromise = new Promise<void>((r) => (markEnded = r));
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        ca: readFileSync(server.caFile),
        headers: { Authorization: `Bearer ${TOKEN}` },
      },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) if (line) events.push(JSON.parse(line) as RawWatch['events'][number]);
        });
        const finish = () => {
          ended = true;
          markEnded();
        };
        res.on('end', finish);
        res.on('close', finish);
        resolve({
          events,
          ended: endedPromise,
          isEnded: () => ended,
          async waitFor(count, timeoutMs = 3000) {
            const deadline = Date.now() + timeoutMs;
            while (events.length < count) {
              if (Date.now() > deadline)
                throw new Error(`${events.length} of ${count} events: ${JSON.stringify(events)}`);
              await sleep(10);
            }
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kubeConfigFor(server: KubeApiServer, context = 'token'): KubeConfig {
  const path = join(tempDir(), 'kubeconfig');
  server.writeKubeconfig(path, [{ name: context, user: { token: TOKEN }, namespace: 'shop' }]);
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

/** The metav1.Status envelope of an API error, spelled out here independently of the server's own. */
const failure = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

const names = (list: unknown) => (list as { items: KubeObject[] }).items.map((o) => o.metadata.name);

describe('the test Kubernetes API server through @kubernetes/client-node 1.4', () => {
  it('lists Rollouts, ReplicaSets and namespaces over TLS with a token from a kubeconfig', async () => {
    const server = await start();
    const kc = kubeConfigFor(server);
    const custom = kc.makeApiClient(CustomObjectsApi);

    const all = (await custom.listClusterCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'rollouts',
    })) as { kind: string; metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(all.kind).toBe('RolloutList');
    expect(all.metadata.resourceVersion).toBe(String(server.resourceVersion()));
    expect(names(all)).toEqual([
      'fraud-check',
      'gift-cards',
      'ledger',
      'notifications',
      'payments-api',
      'cart',
      'checkout',
      'recommendations',
      'search',
      'storefront',
    ]);

    const shop = await custom.listNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'shop',
      plural: 'rollouts',
    });
    expect(names(shop)).toEqual(['cart', 'checkout', 'recommendations', 'search', 'storefront']);

    const replicaSets = await kc
      .makeApiClient(AppsV1Api)
      .listNamespacedReplicaSet({ namespace: 'shop', labelSelector: 'app=checkout' });
    expect(replicaSets.items.map((rs) => rs.metadata?.name)).toEqual([
      'checkout-6d8f7c9b5',
      'checkout-7c9d5b8f4',
    ]);
    expect(replicaSets.items[0]?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('1');

    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual([
      'default',
      'kube-system',
      'payments',
      'shop',
    ]);
    expect(server.requests.map((r) => [r.method, r.path, r.status, r.user])).toEqual([
      ['GET', `${ROLLOUTS}/rollouts`, 200, 'alice'],
      ['GET', `${ROLLOUTS}/namespaces/shop/rollouts`, 200, 'alice'],
      ['GET', '/apis/apps/v1/namespaces/shop/replicasets', 200, 'alice'],
      ['GET', '/api/v1/namespaces', 200, 'alice'],
    ]);
  });

  it('authenticates a client certificate as its CN and an exec plugin by the token it prints', async () => {
    const server = await start({ clientCerts: true, tokens: { 'exec-token': 'erin' } });
    const dir = tempDir();
    const cert = server.issueClientCert('carol');
    const path = join(dir, 'kubeconfig');
    server.writeKubeconfig(
      path,
      [
        { name: 'cert', user: cert },
        { name: 'exec', user: { exec: { command: writeExecCredentialScript(dir, 'exec-token') } } },
        { name: 'revoked', user: { token: 'no-longer-valid' } },
        {
          name: 'broken-exec',
          user: {
            exec: {
              command: writeExecCredentialScript(dir, 'unused', { exitCode: 1, stderr: 'token expired' }),
            },
          },
        },
      ],
      'cert',
    );
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const list = () =>
      kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: 'payments',
        plural: 'rollouts',
      });

    expect(names(await list())).toContain('ledger');
    kc.setCurrentContext('exec');
    expect(names(await list())).toContain('ledger');
    kc.setCurrentContext('revoked');
    await expect(list()).rejects.toMatchObject({ code: 401 });
    kc.setCurrentContext('broken-exec');
    await expect(list()).rejects.toThrow('token expired');
    expect(server.requests.map((r) => [r.status, r.user])).toEqual([
      [200, 'carol'],
      [200, 'erin'],
      [401, undefined],
    ]);
  });

  it('is not trusted through the CA of another test cluster (ownCa)', async () => {
    const shared = await start();
    const other = await start({ ownCa: true });
    const path = join(tempDir(), 'kubeconfig');
    other.writeKubeconfig(path, [
      { name: 'wrong-ca', user: { token: TOKEN }, certificateAuthority: shared.caFile },
    ]);
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const list = kc
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' });
    await expect(list).rejects.toThrow(/certificate/);
    expect(other.requests).toEqual([]);
  });

  it("streams watch events to the library's Watch, from the resourceVersion of a list", async () => {
    const server = await start();
    const kc = kubeConfigFor(server);
    const fromRv = String(server.resourceVersion());
    const seen: { type: string; name: string; rv: string }[] = [];
    let done: unknown = 'not yet';
    await new Watch(kc).watch(
      `${ROLLOUTS}/namespaces/shop/rollouts`,
      { resourceVersion: fromRv, allowWatchBookmarks: true },
      (type, obj: KubeObject) =>
        seen.push({ type, name: obj.metadata.name, rv: obj.metadata.resourceVersion ?? '' }),
      (err) => (done = err),
    );
    const updated = server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.status as Record<string, unknown>).currentStepIndex = 2;
    });
    server.update('rollouts', 'payments', 'ledger', (r) => {
      (r.status as Record<string, unknown>).abort = false;
    });
    await until(() => seen.length > 0);
    expect(seen).toEqual([{ type: 'MODIFIED', name: 'checkout', rv: updated.metadata.resourceVersion }]);
    expect(Number(updated.metadata.resourceVersion)).toBe(Number(fromRv) + 1);
    expect(server.openWatches()).toBe(1);
    expect(done).toBe('not yet');
    server.dropWatches();
    await until(() => done !== 'not yet');
    expect(done).toBeNull();
    expect(server.requests.at(-1)).toMatchObject({
      path: `${ROLLOUTS}/namespaces/shop/rollouts`,
      query: { watch: 'true', resourceVersion: fromRv, allowWatchBookmarks: 'true' },
      status: 200,
      user: 'alice',
    });
  });

  it('takes a merge patch on the status subresource from the library as kubectl-argo-rollouts sends it', async () => {
    const server = await start();
    const custom = kubeConfigFor(server).makeApiClient(CustomObjectsApi);
    const patched = (await custom.patchNamespacedCustomObjectStatus(
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: 'shop',
        plural: 'rollouts',
        name: 'checkout',
        body: { status: { pauseConditions: null } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as KubeObject;
    expect(patched.status?.pauseConditions).toBeUndefined();
    expect(patched.status?.controllerPause).toBe(true);
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `${ROLLOUTS}/namespaces/shop/rollouts/checkout/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { pauseConditions: null } },
      rawBody: '{"status":{"pauseConditions":null}}',
      status: 200,
      user: 'alice',
    });
  });
});

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(10);
  }
}

const CHECKOUT = `${ROLLOUTS}/namespaces/shop/rollouts/checkout`;
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

describe('patches as the API server applies them', () => {
  it('a merge patch on the main resource changes the spec (generation moves) but never .status', async () => {
    const server = await start();
    const before = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    const rvBefore = server.resourceVersion();
    const reply = await call(server, 'PATCH', CHECKOUT, {
      contentType: MERGE,
      body: { spec: { paused: true }, status: { pauseConditions: null } },
    });
    expect(reply.status).toBe(200);
    const after = reply.body as KubeObject;
    expect(after.spec?.paused).toBe(true);
    expect(after.status?.pauseConditions).toEqual(before.status?.pauseConditions);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    expect(Number(after.metadata.resourceVersion)).toBe(rvBefore + 1);
    expect(server.get('rollouts', 'shop', 'checkout')).toEqual(after);

    // The same patch again changes nothing: no new resourceVersion, as on a real server.
    const again = await call(server, 'PATCH', CHECKOUT, {
      contentType: MERGE,
      body: { spec: { paused: true } },
    });
    expect((again.body as KubeObject).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
  });

  it('a merge patch on /status changes only .status and leaves the generation', async () => {
    const server = await start();
    const before = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    const reply = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      contentType: 'application/merge-patch+json; charset=utf-8',
      body: { spec: { paused: true }, status: { pauseConditions: null, currentStepIndex: 2 } },
    });
    expect(reply.status).toBe(200);
    const after = reply.body as KubeObject;
    expect(after.spec).toEqual(before.spec);
    expect(after.status?.pauseConditions).toBeUndefined();
    expect(after.status?.currentStepIndex).toBe(2);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
  });

  it('a JSON patch replaces the pod template; a failed test changes nothing and answers 422', async () => {
    const server = await start();
    const rs = server.get('replicasets', 'shop', 'checkout-6d8f7c9b5') as KubeObject;
    const template = structuredClone(rs.spec?.template) as { metadata: { labels: Record<string, string> } };
    delete template.metadata.labels['rollouts-pod-template-hash'];
    const before = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    const undo = await call(server, 'PATCH', CHECKOUT, {
      contentType: JSON_PATCH,
      body: [{ op: 'replace', path: '/spec/template', value: template }],
    });
    expect(undo.status).toBe(200);
    const undone = undo.body as KubeObject;
    expect(undone.spec?.template).toEqual(template);
    expect(undone.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);

    const stale = await call(server, 'PATCH', CHECKOUT, {
      contentType: JSON_PATCH,
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: before.metadata.resourceVersion },
        { op: 'replace', path: '/spec/paused', value: true },
      ],
    });
    expect(stale.status).toBe(422);
    expect(stale.body).toEqual(
      failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {}),
    );
    expect(server.get('rollouts', 'shop', 'checkout')).toEqual(undone);

    const notAList = await call(server, 'PATCH', CHECKOUT, { contentType: JSON_PATCH, body: { spec: {} } });
    expect(notAList.status).toBe(400);
  });

  it('without a status subresource, /status is 404 and the main resource takes spec and status', async () => {
    const server = await start();
    server.setStatusSubresource('rollouts', false);
    const before = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    const status = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      contentType: MERGE,
      body: { status: { pauseConditions: null } },
    });
    expect(status.status).toBe(404);
    expect(status.body).toEqual(
      failure(404, 'NotFound', 'rollouts.argoproj.io "checkout" not found', {
        name: 'checkout',
        group: 'argoproj.io',
        kind: 'rollouts',
      }),
    );
    // The plugin's fallback: one unified patch on the main resource.
    const unified = await call(server, 'PATCH', CHECKOUT, {
      contentType: MERGE,
      body: { spec: { paused: false }, status: { pauseConditions: null } },
    });
    expect(unified.status).toBe(200);
    const after = unified.body as KubeObject;
    expect(after.status?.pauseConditions).toBeUndefined();
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);

    // AnalysisRuns have no status subresource at all, as Argo Rollouts' CRD declares.
    const run = await call(
      server,
      'GET',
      `${ROLLOUTS}/namespaces/shop/analysisruns/storefront-6f9c8b7d5-5-pre/status`,
    );
    expect(run.status).toBe(404);
  });

  it('a patch or update from a stale resourceVersion is a 409 Conflict; an update without one is 422', async () => {
    const server = await start();
    const before = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.status as Record<string, unknown>).currentStepIndex = 2;
    });
    const conflict = failure(
      409,
      'Conflict',
      'Operation cannot be fulfilled on rollouts.argoproj.io "checkout": the object has been modified; please apply your changes to the latest version and try again',
      { name: 'checkout', group: 'argoproj.io', kind: 'rollouts' },
    );
    const patch = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      contentType: MERGE,
      body: { metadata: { resourceVersion: before.metadata.resourceVersion }, status: { promoteFull: true } },
    });
    expect([patch.status, patch.body]).toEqual([409, conflict]);
    const put = await call(server, 'PUT', CHECKOUT, { contentType: 'application/json', body: before });
    expect([put.status, put.body]).toEqual([409, conflict]);
    expect(server.get('rollouts', 'shop', 'checkout')?.status?.promoteFull).toBeUndefined();

    const { resourceVersion: _rv, ...withoutRv } = before.metadata;
    const unconditional = await call(server, 'PUT', CHECKOUT, {
      contentType: 'application/json',
      body: { ...before, metadata: withoutRv },
    });
    expect(unconditional.status).toBe(422);
    expect((unconditional.body as { message: string }).message).toBe(
      'rollouts.argoproj.io "checkout" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );

    const latest = server.get('rollouts', 'shop', 'checkout') as KubeObject;
    const replaced = await call(server, 'PUT', CHECKOUT, {
      contentType: 'application/json',
      body: { ...latest, spec: { ...latest.spec, paused: true }, status: { phase: 'Healthy' } },
    });
    expect(replaced.status).toBe(200);
    expect((replaced.body as KubeObject).spec?.paused).toBe(true);
    expect((replaced.body as KubeObject).status).toEqual(latest.status);
  });

  it('refuses strategic merge patches on custom resources and unknown content types with 415', async () => {
    const server = await start();
    const smp = await call(server, 'PATCH', CHECKOUT, {
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { paused: true } },
    });
    expect([smp.status, smp.body]).toEqual([
      415,
      failure(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json',
      ),
    ]);
    const text = await call(server, 'PATCH', CHECKOUT, { contentType: 'text/plain', body: 'pause' });
    expect(text.status).toBe(415);
    const builtIn = await call(
      server,
      'PATCH',
      '/apis/apps/v1/namespaces/shop/replicasets/checkout-7c9d5b8f4',
      {
        contentType: 'application/strategic-merge-patch+json',
        body: { metadata: { labels: { pinned: 'yes' } } },
      },
    );
    expect(builtIn.status).toBe(200);
    expect(server.get('rollouts', 'shop', 'checkout')?.spec?.paused).toBeUndefined();
  });

  it('answers an unknown object with 404, and bad requests as the API server does', async () => {
    const server = await start();
    const missing = await call(server, 'GET', `${ROLLOUTS}/namespaces/shop/rollouts/nope`);
    expect([missing.status, missing.body]).toEqual([
      404,
      failure(404, 'NotFound', 'rollouts.argoproj.io "nope" not found', {
        name: 'nope',
        group: 'argoproj.io',
        kind: 'rollouts',
      }),
    ]);
    const patch = await call(server, 'PATCH', `${ROLLOUTS}/namespaces/payments/rollouts/checkout`, {
      contentType: MERGE,
      body: { spec: { paused: true } },
    });
    expect(patch.status).toBe(404);

    const experiments = await call(server, 'GET', `${ROLLOUTS}/namespaces/shop/experiments`);
    expect([experiments.status, (experiments.body as { message: string }).message]).toEqual([
      404,
      'the server could not find the requested resource',
    ]);
    expect((await call(server, 'DELETE', CHECKOUT)).status).toBe(405);
    const selector = await call(
      server,
      'GET',
      `${ROLLOUTS}/rollouts?labelSelector=${encodeURIComponent('a b')}`,
    );
    expect([selector.status, (selector.body as { reason: string }).reason]).toEqual([400, 'BadRequest']);
    const huge = await call(server, 'PATCH', CHECKOUT, {
      contentType: MERGE,
      body: { metadata: { annotations: { big: 'x'.repeat(3 * 1024 * 1024) } } },
    });
    expect([huge.status, (huge.body as { message: string }).message]).toEqual([
      413,
      'Request entity too large: limit is 3145728',
    ]);
    const renamed = await call(server, 'PATCH', CHECKOUT, {
      contentType: MERGE,
      body: { metadata: { name: 'checkout-2' } },
    });
    expect((renamed.body as { message: string }).message).toBe(
      'the name of the object (checkout-2) does not match the name on the URL (checkout)',
    );
  });
});

describe('authentication and RBAC answers', () => {
  it('answers no credentials and an unknown token with 401 Unauthorized', async () => {
    const server = await start();
    const unauthorized = failure(401, 'Unauthorized', 'Unauthorized');
    for (const token of [null, 'who-knows']) {
      const reply = await call(server, 'GET', `${ROLLOUTS}/rollouts`, { token });
      expect([reply.status, reply.body]).toEqual([401, unauthorized]);
    }
    expect((await call(server, 'GET', '/version', { token: null })).status).toBe(200);
  });

  it("denies what a rule forbids with the API server's 403 message, and lifts it", async () => {
    const server = await start({ tokens: { [TOKEN]: 'alice', 'bob-token': 'bob' } });
    const lift = server.forbid({
      verb: 'patch',
      resource: 'rollouts/status',
      namespace: 'shop',
      user: 'alice',
    });
    server.forbid({ verb: 'list', resource: 'rollouts', scope: 'cluster' });
    server.forbid({ verb: 'list', resource: 'namespaces' });

    const patch = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      contentType: MERGE,
      body: { status: { abort: true } },
    });
    expect([patch.status, patch.body]).toEqual([
      403,
      failure(
        403,
        'Forbidden',
        'rollouts.argoproj.io "checkout" is forbidden: User "alice" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "shop"',
        { name: 'checkout', group: 'argoproj.io', kind: 'rollouts' },
      ),
    ]);
    const bob = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      token: 'bob-token',
      contentType: MERGE,
      body: { status: { abort: true } },
    });
    expect(bob.status).toBe(200);

    const clusterList = await call(server, 'GET', `${ROLLOUTS}/rollouts`);
    expect([clusterList.status, clusterList.body]).toEqual([
      403,
      failure(
        403,
        'Forbidden',
        'rollouts.argoproj.io is forbidden: User "alice" cannot list resource "rollouts" in API group "argoproj.io" at the cluster scope',
        { group: 'argoproj.io', kind: 'rollouts' },
      ),
    ]);
    expect((await call(server, 'GET', `${ROLLOUTS}/namespaces/shop/rollouts`)).status).toBe(200);
    const namespaces = await call(server, 'GET', '/api/v1/namespaces');
    expect((namespaces.body as { message: string }).message).toBe(
      'namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    server.forbid({ verb: 'watch', resource: 'replicasets', namespace: 'shop' });
    const watch = await call(server, 'GET', '/apis/apps/v1/namespaces/shop/replicasets?watch=1');
    expect((watch.body as { message: string }).message).toBe(
      'replicasets.apps is forbidden: User "alice" cannot watch resource "replicasets" in API group "apps" in the namespace "shop"',
    );

    server.forbid({ verb: 'get', resource: 'rollouts', user: 'bob' });
    const bobGet = await call(server, 'GET', `${ROLLOUTS}/namespaces/payments/rollouts/ledger`, {
      token: 'bob-token',
    });
    expect((bobGet.body as { message: string }).message).toBe(
      'rollouts.argoproj.io "ledger" is forbidden: User "bob" cannot get resource "rollouts" in API group "argoproj.io" in the namespace "payments"',
    );

    lift();
    const again = await call(server, 'PATCH', `${CHECKOUT}/status`, {
      contentType: MERGE,
      body: { status: { abort: false } },
    });
    expect(again.status).toBe(200);
    server.allowAll();
    expect((await call(server, 'GET', `${ROLLOUTS}/rollouts`)).status).toBe(200);
  });
});

describe('watch as the API server streams it', () => {
  it('replays every change after a resourceVersion, across resources on one counter, filtered by selector', async () => {
    const server = await start();
    const from = server.resourceVersion();
    server.update('replicasets', 'shop', 'checkout-7c9d5b8f4', (rs) => {
      (rs.spec as Record<string, unknown>).replicas = 2;
    });
    server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.status as Record<string, unknown>).currentStepIndex = 2;
    });
    server.update('rollouts', 'shop', 'search', (r) => {
      (r.status as Record<string, unknown>).currentStepIndex = 2;
    });
    const watch = await rawWatch(
      server,
      `${ROLLOUTS}/namespaces/shop/rollouts?watch=1&resourceVersion=${from}&labelSelector=app%3Dcheckout`,
    );
    await watch.waitFor(1);
    expect(
      watch.events.map((e) => [e.type, e.object.metadata.name, e.object.metadata.resourceVersion]),
    ).toEqual([['MODIFIED', 'checkout', String(from + 2)]]);
    expect(watch.events[0]?.object.kind).toBe('Rollout');

    // An object leaving the selector is DELETED for this watch; one arriving is ADDED.
    server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.metadata.labels as Record<string, string>).app = 'checkout-v2';
    });
    server.update('rollouts', 'shop', 'cart', (r) => {
      (r.metadata.labels as Record<string, string>).app = 'checkout';
    });
    await watch.waitFor(3);
    expect(watch.events.slice(1).map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['DELETED', 'checkout'],
      ['ADDED', 'cart'],
    ]);
    server.remove('rollouts', 'shop', 'cart');
    await watch.waitFor(4);
    expect(watch.events[3]?.type).toBe('DELETED');
    watch.close();
  });

  it('starts a watch without a resourceVersion with the current objects as ADDED', async () => {
    const server = await start();
    const watch = await rawWatch(server, `${ROLLOUTS}/namespaces/payments/analysisruns?watch=true`);
    await watch.waitFor(4);
    expect(watch.events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'fraud-check-9b4d7f5c6-2-1'],
      ['ADDED', 'ledger-8d6b4f9c7-3-1'],
      ['ADDED', 'payments-api-6b8f9d7c5-2-2'],
      ['ADDED', 'payments-api-8f5d6c7b9-3-2'],
    ]);
    watch.close();
  });

  it('sends bookmarks with the current resourceVersion only to watches that allow them', async () => {
    const server = await start({ bookmarkEveryMs: 40 });
    const rv = server.resourceVersion();
    const withBookmarks = await rawWatch(
      server,
      `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`,
    );
    const without = await rawWatch(server, `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${rv}`);
    await withBookmarks.waitFor(1);
    server.update('replicasets', 'shop', 'checkout-7c9d5b8f4', (rs) => {
      (rs.status as Record<string, unknown>).readyReplicas = 0;
    });
    await withBookmarks.waitFor(3);
    expect(withBookmarks.events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Rollout',
        apiVersion: 'argoproj.io/v1alpha1',
        metadata: { resourceVersion: String(rv) },
      },
    });
    // A bookmark after a change elsewhere carries the global resourceVersion that moved past it.
    expect(withBookmarks.events.at(-1)?.object.metadata.resourceVersion).toBe(String(rv + 1));
    expect(without.events).toEqual([]);
    withBookmarks.close();
    without.close();
  });

  it('after compact(), a watch from an older resourceVersion gets 410 Expired and ends; exact lists and continue tokens too', async () => {
    const server = await start();
    const old = server.resourceVersion();
    const page = (await call(server, 'GET', `${ROLLOUTS}/rollouts?limit=3`)).body as {
      metadata: { continue: string; remainingItemCount: number };
      items: KubeObject[];
    };
    expect(page.items).toHaveLength(3);
    expect(page.metadata.remainingItemCount).toBe(7);
    server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.status as Record<string, unknown>).currentStepIndex = 2;
    });
    server.compact();
    const watch = await rawWatch(server, `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${old}`);
    await watch.ended;
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: failure(410, 'Expired', `too old resource version: ${old} (${old + 1})`),
      },
    ]);
    const exact = await call(
      server,
      'GET',
      `${ROLLOUTS}/rollouts?resourceVersion=${old}&resourceVersionMatch=Exact`,
    );
    expect([exact.status, (exact.body as { message: string }).message]).toEqual([
      410,
      'The resourceVersion for the provided list is too old.',
    ]);
    const next = await call(server, 'GET', `${ROLLOUTS}/rollouts?limit=3&continue=${page.metadata.continue}`);
    expect(next.status).toBe(410);
    // A watch from the compaction point on is fine.
    const fresh = await rawWatch(server, `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${old + 1}`);
    expect(fresh.isEnded()).toBe(false);
    fresh.close();
  });

  it("pages a list consistently at the first page's resourceVersion", async () => {
    const server = await start();
    const first = (await call(server, 'GET', `${ROLLOUTS}/rollouts?limit=4`)).body as {
      metadata: { continue: string; resourceVersion: string };
      items: KubeObject[];
    };
    server.remove('rollouts', 'shop', 'storefront');
    const rest: KubeObject[] = [];
    let token: string | undefined = first.metadata.continue;
    while (token) {
      const page = (await call(server, 'GET', `${ROLLOUTS}/rollouts?limit=4&continue=${token}`)).body as {
        metadata: { continue?: string; resourceVersion: string };
        items: KubeObject[];
      };
      expect(page.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      rest.push(...page.items);
      token = page.metadata.continue;
    }
    expect([...first.items, ...rest].map((o) => o.metadata.name)).toContain('storefront');
    expect(first.items.length + rest.length).toBe(10);
  });

  it('ends a watch cleanly at timeoutSeconds and on dropWatches()', async () => {
    const server = await start();
    const rv = server.resourceVersion();
    const started = Date.now();
    const timed = await rawWatch(
      server,
      `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    const dropped = await rawWatch(server, `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${rv}`);
    expect(server.openWatches()).toBe(2);
    await timed.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(dropped.isEnded()).toBe(false);
    server.dropWatches();
    await dropped.ended;
    expect(server.openWatches()).toBe(0);
    expect(timed.events).toEqual([]);
  });

  it('a stalled watch stays open and sends nothing (no events, bookmarks or timeout); what fell due is lost', async () => {
    const server = await start({ bookmarkEveryMs: 30 });
    const rv = server.resourceVersion();
    const path = `${ROLLOUTS}/namespaces/shop/rollouts?watch=1&allowWatchBookmarks=true&resourceVersion=`;
    const losing = await rawWatch(server, `${path}${rv}`);
    const quiet = await rawWatch(
      server,
      `${ROLLOUTS}/namespaces/payments/rollouts?watch=1&resourceVersion=${rv}`,
    );
    const timed = await rawWatch(server, `${path}${rv}&timeoutSeconds=1`);
    server.stallWatches(true);
    const before = losing.events.length;
    const changed = server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.spec as Record<string, unknown>).paused = true;
    });
    await sleep(1200);
    expect(losing.events.length).toBe(before);
    expect([losing.isEnded(), quiet.isEnded(), timed.isEnded()]).toEqual([false, false, false]);
    expect(server.openWatches()).toBe(3);

    // When the stall ends, streams that lost an event or outlived their timeout end; the client resumes.
    server.stallWatches(false);
    await Promise.all([losing.ended, timed.ended]);
    expect(losing.events.some((e) => e.type === 'MODIFIED')).toBe(false);
    expect(quiet.isEnded()).toBe(false);
    const resumed = await rawWatch(server, `${path}${rv}`);
    await resumed.waitFor(1);
    expect(resumed.events[0]).toMatchObject({
      type: 'MODIFIED',
      object: { metadata: { resourceVersion: changed.metadata.resourceVersion } },
    });
    quiet.close();
    resumed.close();
  });

  it('when down, refuses connections and keeps its state; comes back on the same port', async () => {
    const server = await start();
    const watch = await rawWatch(
      server,
      `${ROLLOUTS}/rollouts?watch=1&resourceVersion=${server.resourceVersion()}`,
    );
    await server.setDown(true);
    await watch.ended;
    await expect(call(server, 'GET', `${ROLLOUTS}/rollouts`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    server.update('rollouts', 'shop', 'checkout', (r) => {
      (r.spec as Record<string, unknown>).paused = true;
    });
    await server.setDown(false);
    const back = await call(server, 'GET', `${ROLLOUTS}/namespaces/shop/rollouts/checkout`);
    expect(back.status).toBe(200);
    expect((back.body as KubeObject).spec?.paused).toBe(true);
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
  });
});

describe('the Argo Rollouts fixtures', () => {
  it('parse, seed, and hold together: owners, pod hashes, revisions and analysis links', async () => {
    const server = await start();
    expect(FIXTURE_NAMES).toEqual(
      expect.arrayContaining([
        'basic-canary',
        'canary-analysis',
        'timed-pause',
        'blue-green',
        'aborted',
        'inconclusive',
        'all-steps',
      ]),
    );
    const all = loadAllFixtures();
    const list = (kind: string) => all.filter((o) => o.kind === kind);
    const rollouts = list('Rollout');
    for (const owned of [...list('ReplicaSet'), ...list('AnalysisRun')]) {
      const where = `${owned.kind} ${owned.metadata.namespace}/${owned.metadata.name}`;
      const owner = owned.metadata.ownerReferences?.[0];
      const rollout = rollouts.find(
        (r) => r.metadata.name === owner?.name && r.metadata.namespace === owned.metadata.namespace,
      );
      expect(rollout, where).toBeDefined();
      expect(owner, where).toMatchObject({ kind: 'Rollout', controller: true, uid: rollout?.metadata.uid });
      const hash = owned.metadata.labels?.['rollouts-pod-template-hash'];
      expect(hash, where).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{9,10}$/);
      if (owned.kind === 'ReplicaSet') {
        expect(owned.metadata.name, where).toBe(`${owner?.name}-${hash}`);
        expect(owned.metadata.annotations?.['rollout.argoproj.io/revision'], where).toMatch(/^[0-9]+$/);
        const template = owned.spec?.template as { metadata: { labels: Record<string, string> } };
        expect(template.metadata.labels['rollouts-pod-template-hash'], where).toBe(hash);
      } else {
        const steps = ((rollout?.spec?.strategy as { canary?: { steps: Record<string, unknown>[] } }).canary
          ?.steps ?? []) as Record<string, unknown>[];
        const type = owned.metadata.labels?.['rollout-type'];
        expect(['Step', 'Background', 'PrePromotion', 'PostPromotion'], where).toContain(type);
        if (type === 'Step')
          expect(steps[Number(owned.metadata.labels?.['step-index'])], where).toHaveProperty('analysis');
        expect(owned.status?.phase, where).toBeTypeOf('string');
      }
    }
    for (const rollout of rollouts) {
      const status = rollout.status ?? {};
      for (const hash of [status.stableRS, status.currentPodHash].filter(Boolean))
        expect(
          server.get('replicasets', rollout.metadata.namespace, `${rollout.metadata.name}-${String(hash)}`),
          rollout.metadata.name,
        ).toBeDefined();
      const run = (status.canary as { currentStepAnalysisRunStatus?: { name: string } } | undefined)
        ?.currentStepAnalysisRunStatus;
      if (run)
        expect(server.get('analysisruns', rollout.metadata.namespace, run.name), run.name).toBeDefined();
      if (status.observedGeneration !== undefined) expect(status.observedGeneration).toBeTypeOf('string');
    }
  });

  it('describe the scenarios the adapter maps', () => {
    const rollout = (name: string) => loadFixture(name).find((o) => o.kind === 'Rollout') as KubeObject;
    const basic = rollout('basic-canary');
    expect(basic.status).toMatchObject({
      currentStepIndex: 1,
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
      canary: { weights: { canary: { weight: 20 } } },
    });
    expect((basic.spec?.strategy as { canary: { steps: unknown[] } }).canary.steps[1]).toEqual({ pause: {} });
    expect(rollout('timed-pause').status?.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: '2025-06-02T09:57:00Z' },
    ]);
    expect(rollout('blue-green').status).toMatchObject({ pauseConditions: [{ reason: 'BlueGreenPause' }] });
    expect(rollout('aborted').status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(rollout('inconclusive').status).toMatchObject({
      controllerPause: true,
      pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }],
      canary: { currentStepAnalysisRunStatus: { status: 'Inconclusive' } },
    });
    const kinds = (
      rollout('all-steps').spec?.strategy as { canary: { steps: object[] } }
    ).canary.steps.flatMap((s) => Object.keys(s));
    expect(new Set(kinds)).toEqual(
      new Set([
        'setWeight',
        'pause',
        'analysis',
        'experiment',
        'setCanaryScale',
        'setHeaderRoute',
        'setMirrorRoute',
      ]),
    );
    const running = loadFixture('canary-analysis').find(
      (o) => o.kind === 'AnalysisRun' && o.status?.phase === 'Running',
    ) as KubeObject;
    expect(running.status?.metricResults).toContainEqual(
      expect.objectContaining({
        metadata: {
          ResolvedPrometheusQuery:
            'sum(rate(http_requests_total{service="payments-api-canary",code!~"5.."}[2m])) / sum(rate(http_requests_total{service="payments-api-canary"}[2m]))',
        },
      }),
    );
  });

  it("shift their times so that the fixtures' now falls on a given instant", () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const shifted = loadFixture('timed-pause', { now }).find((o) => o.kind === 'Rollout') as KubeObject;
    const start = (shifted.status?.pauseConditions as { startTime: string }[])[0]?.startTime;
    expect(Date.parse(start ?? '') - now.getTime()).toBe(
      Date.parse('2025-06-02T09:57:00Z') - Date.parse(FIXTURE_NOW),
    );
    expect(() => loadFixture('no-such-scenario')).toThrow(/no Argo Rollouts fixture "no-such-scenario"/);
  });

  it('manyRollouts makes distinct canaries with one ReplicaSet each, listed fast', async () => {
    const server = await startKubeApiServer({ tokens: { [TOKEN]: 'alice' } });
    servers.push(server);
    const objects = manyRollouts(500, ['shop', 'payments']);
    server.seed(objects);
    const rollouts = objects.filter((o) => o.kind === 'Rollout');
    expect(new Set(rollouts.map((o) => o.metadata.name)).size).toBe(500);
    expect(objects.filter((o) => o.kind === 'ReplicaSet')).toHaveLength(500);
    const started = performance.now();
    const all = await call(server, 'GET', `${ROLLOUTS}/rollouts`);
    const ms = performance.now() - started;
    expect(names(all.body)).toHaveLength(500);
    expect((await call(server, 'GET', `${ROLLOUTS}/namespaces/payments/rollouts`)).body).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({ metadata: expect.objectContaining({ name: 'svc-0002' }) }),
      ]),
    });
    console.log(`listed 500 rollouts in ${ms.toFixed(1)} ms`);
  });
});

describe('the patch formats and selectors underneath', () => {
  it('merge patch (RFC 7386): objects merge, null removes, lists and scalars replace', () => {
    const doc = {
      spec: { paused: true, steps: [{ setWeight: 20 }] },
      status: { abort: true, phase: 'Degraded' },
    };
    expect(applyMergePatch(doc, { spec: { steps: [] }, status: { abort: null } })).toEqual({
      spec: { paused: true, steps: [] },
      status: { phase: 'Degraded' },
    });
    expect(doc.status.abort).toBe(true);
  });

  it('JSON patch (RFC 6902): add, remove, replace, move, copy, test, with ~ escapes and "-"', () => {
    const doc = { metadata: { labels: { 'rollouts-pod-template-hash': 'x' } }, steps: [1, 2] };
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/steps/-', value: 3 },
        { op: 'add', path: '/steps/0', value: 0 },
        { op: 'remove', path: '/steps/1' },
        { op: 'copy', from: '/steps/0', path: '/first' },
        { op: 'move', from: '/first', path: '/zero' },
        { op: 'test', path: '/metadata/labels/rollouts-pod-template-hash', value: 'x' },
        { op: 'replace', path: '/metadata/labels', value: { app: 'a~b/c' } },
        { op: 'add', path: '/metadata/labels/team~1owner', value: 'shop' },
      ]),
    ).toEqual({ metadata: { labels: { app: 'a~b/c', 'team/owner': 'shop' } }, steps: [0, 2, 3], zero: 0 });
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/spec/paused', value: true }])).toThrow(
      JsonPatchApplyError,
    );
    expect(() => applyJsonPatch(doc, [{ op: 'remove', path: '/steps/2' }])).toThrow(/out of bounds/);
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/steps', value: [1] }])).toThrow(
      'testing value /steps failed',
    );
  });

  it('label selectors: equality, inequality, existence and set terms', () => {
    const obj = (labels: Record<string, string>) => ({ metadata: { name: 'x', labels } });
    const select = parseLabelSelector('app=checkout,tier!=db,canary,!legacy,env in (prod, staging)');
    expect(select(obj({ app: 'checkout', canary: '', env: 'prod' }))).toBe(true);
    expect(select(obj({ app: 'checkout', canary: '', env: 'dev' }))).toBe(false);
    expect(select(obj({ app: 'checkout', canary: '', env: 'prod', legacy: '1' }))).toBe(false);
    expect(select(obj({ app: 'checkout', env: 'prod' }))).toBe(false);
    expect(parseLabelSelector('app=')(obj({ app: '' }))).toBe(true);
    expect(() => parseLabelSelector('a b c')).toThrow(/unable to parse requirement/);
  });
});
