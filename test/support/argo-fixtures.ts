// Argo Rollouts objects to seed the test Kubernetes API server with: one YAML file per scenario in
// test/fixtures/argo-rollouts/ (the Rollout, its ReplicaSets, its AnalysisRuns, written from Argo
// Rollouts' CRD schemas, examples and the status its controller writes), and a generator of many
// plain canaries for the fleet benchmarks.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from './kube-object-store';

export type { KubeObject } from './kube-object-store';

const FIXTURES = fileURLToPath(new URL('../fixtures/argo-rollouts/', import.meta.url));

/** The instant the fixtures' times are written around (a pause "started three minutes ago" is 09:57:00Z). */
export const FIXTURE_NOW = '2025-06-02T10:00:00Z';

export const FIXTURE_NAMES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

export interface FixtureOptions {
  /** Shift every timestamp so that FIXTURE_NOW falls on this instant (for countdowns on a real clock). */
  now?: Date;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function shiftTimes(value: unknown, byMs: number): unknown {
  if (typeof value === 'string' && TIMESTAMP.test(value))
    return new Date(Date.parse(value) + byMs).toISOString().replace(/\.000Z$/, 'Z');
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, byMs));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, byMs)]));
  return value;
}

const parsed = new Map<string, KubeObject[]>();

/** The objects of one scenario file (`basic-canary`, `blue-green` …), in file order. */
export function loadFixture(name: string, options: FixtureOptions = {}): KubeObject[] {
  if (!FIXTURE_NAMES.includes(name))
    throw new Error(`no Argo Rollouts fixture "${name}" (there are ${FIXTURE_NAMES.join(', ')})`);
  if (!parsed.has(name)) parsed.set(name, parseFixture(name));
  const objects = structuredClone(parsed.get(name) as KubeObject[]);
  if (!options.now) return objects;
  return shiftTimes(objects, options.now.getTime() - Date.parse(FIXTURE_NOW)) as KubeObject[];
}

function parseFixture(name: string): KubeObject[] {
  const file = `${FIXTURES}${name}.yaml`;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter });
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    const line = lineCounter.linePos(doc.range[0]).line;
    const error = doc.errors[0];
    if (error) throw new Error(`${file}:${error.linePos?.[0].line ?? line}: ${error.message}`);
    const obj = doc.toJS() as unknown;
    if (obj === null || obj === undefined) continue;
    const o = obj as Partial<KubeObject>;
    if (
      typeof o.kind !== 'string' ||
      typeof o.apiVersion !== 'string' ||
      typeof o.metadata?.name !== 'string'
    )
      throw new Error(`${file}:${line}: a document needs apiVersion, kind and metadata.name`);
    objects.push(o as KubeObject);
  }
  return objects;
}

/** Every scenario at once (names are unique across files, so they can share one server). */
export function loadAllFixtures(options: FixtureOptions = {}): KubeObject[] {
  return FIXTURE_NAMES.flatMap((name) => loadFixture(name, options));
}

// Pod template hashes are written in the alphabet Kubernetes' SafeEncodeString uses (no vowels, no 0/1/3).
const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function podHash(seed: number): string {
  let x = (seed + 1) * 2654435761;
  let out = '';
  for (let i = 0; i < 9; i++) {
    out += HASH_ALPHABET[x % HASH_ALPHABET.length];
    x = Math.floor(x / HASH_ALPHABET.length) + (i + 7) * 40503;
  }
  return out;
}

const uidFor = (kind: number, i: number) =>
  `00000000-0000-4000-8${kind}00-${i.toString(16).padStart(12, '0')}`;

/**
 * `count` distinct canary Rollouts (`svc-0001` …) spread over `namespaces` in turn, each with one
 * ReplicaSet; every fifth is paused at its untimed pause step, the others are Healthy.
 */
export function manyRollouts(count: number, namespaces: string[]): KubeObject[] {
  if (namespaces.length === 0) throw new Error('manyRollouts needs at least one namespace');
  const objects: KubeObject[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    const namespace = namespaces[(i - 1) % namespaces.length] as string;
    const hash = podHash(i);
    const image = `registry.acme.io/fleet/${name}:1.${i % 17}.${i % 5}`;
    const paused = i % 5 === 0;
    const steps = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '5m' } }];
    const uid = uidFor(1, i);
    const created = new Date(Date.parse(FIXTURE_NOW) - (count - i + 1) * 60_000).toISOString();
    const createdAt = created.replace(/\.\d{3}Z$/, 'Z');
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name,
        namespace,
        uid,
        generation: 2,
        creationTimestamp: createdAt,
        labels: { app: name },
        annotations: { 'rollout.argoproj.io/revision': '1' },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'app', image }] },
        },
        strategy: { canary: { steps } },
      },
      status: {
        availableReplicas: 2,
        readyReplicas: 2,
        replicas: 2,
        updatedReplicas: 2,
        currentPodHash: hash,
        stableRS: hash,
        currentStepIndex: paused ? 1 : steps.length,
        observedGeneration: '2',
        selector: `app=${name}`,
        ...(paused
          ? {
              phase: 'Paused',
              message: 'CanaryPauseStep',
              controllerPause: true,
              pauseConditions: [{ reason: 'CanaryPauseStep', startTime: createdAt }],
            }
          : { phase: 'Healthy' }),
      },
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        uid: uidFor(2, i),
        generation: 1,
        creationTimestamp: createdAt,
        labels: { app: name, 'rollouts-pod-template-hash': hash },
        annotations: { 'rollout.argoproj.io/revision': '1', 'rollout.argoproj.io/desired-replicas': '2' },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name,
            uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name, 'rollouts-pod-template-hash': hash } },
        template: {
          metadata: { labels: { app: name, 'rollouts-pod-template-hash': hash } },
          spec: { containers: [{ name: 'app', image }] },
        },
      },
      status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
    });
  }
  return objects;
}
