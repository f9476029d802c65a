// The storage behind the test Kubernetes API server, kept as etcd and the apiserver keep it: one
// resourceVersion counter for every object, a history of changes a watch replays from any
// resourceVersion until compact() forgets it, and the update strategies that decide what a write may
// change (the status subresource) and when metadata.generation moves.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

export type KubeResource = 'rollouts' | 'analysisruns' | 'replicasets' | 'namespaces';

export interface KubeOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: KubeOwnerReference[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ResourceType {
  resource: KubeResource;
  group: string;
  version: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  /** A custom resource (CRD): no strategic merge patch, and a stricter update strategy. */
  custom: boolean;
}

export const RESOURCE_TYPES: Record<KubeResource, ResourceType> = {
  rollouts: {
    resource: 'rollouts',
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Rollout',
    listKind: 'RolloutList',
    namespaced: true,
    custom: true,
  },
  analysisruns: {
    resource: 'analysisruns',
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'AnalysisRun',
    listKind: 'AnalysisRunList',
    namespaced: true,
    custom: true,
  },
  replicasets: {
    resource: 'replicasets',
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    listKind: 'ReplicaSetList',
    namespaced: true,
    custom: false,
  },
  namespaces: {
    resource: 'namespaces',
    group: '',
    version: 'v1',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    custom: false,
  },
};

export const apiVersionOf = (t: ResourceType) => (t.group ? `${t.group}/${t.version}` : t.version);

export function resourceOfKind(kind: string): KubeResource {
  const found = Object.values(RESOURCE_TYPES).find((t) => t.kind === kind);
  if (!found)
    throw new Error(
      `the test API server stores no kind "${kind}" (it serves ${Object.values(RESOURCE_TYPES)
        .map((t) => t.kind)
        .join(', ')})`,
    );
  return found.resource;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  resourceVersion: number;
  type: WatchEventType;
  resource: KubeResource;
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED), so a filtered watch can tell entering from leaving. */
  previous?: KubeObject;
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** Kubernetes writes times to the second. */
export const kubeTime = (date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

// Fields only the server sets: a write cannot change them.
const SYSTEM_METADATA = ['name', 'namespace', 'uid', 'creationTimestamp', 'generation', 'resourceVersion'];

export class KubeObjectStore {
  private readonly objects = new Map<KubeResource, Map<string, KubeObject>>(
    Object.keys(RESOURCE_TYPES).map((r) => [r as KubeResource, new Map()]),
  );
  private history: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private readonly statusSubresource: Record<KubeResource, boolean> = {
    rollouts: true,
    // Argo Rollouts' AnalysisRun CRD declares `subresources: {}`: its status is written with the object.
    analysisruns: false,
    replicasets: true,
    namespaces: true,
  };
  private rv: number;
  /** History up to and including this resourceVersion is forgotten. */
  compactedRv: number;

  constructor(startRv = 1000) {
    this.rv = startRv;
    this.compactedRv = startRv;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  hasStatusSubresource(resource: KubeResource): boolean {
    return this.statusSubresource[resource];
  }

  setStatusSubresource(resource: KubeResource, enabled: boolean): void {
    if (resource === 'replicasets' || resource === 'namespaces')
      throw new Error(`${resource} is a built-in resource: its status subresource cannot be turned off`);
    this.statusSubresource[resource] = enabled;
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(resource: KubeResource, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.objects.get(resource)?.get(keyOf(this.scope(resource, namespace), name));
    return found && structuredClone(found);
  }

  /** The objects of a resource (in a namespace), as they were at `atRv` when given, sorted as etcd keys. */
  list(resource: KubeResource, namespace?: string, atRv?: number): KubeObject[] {
    const state = new Map(this.objects.get(resource));
    if (atRv !== undefined)
      for (const event of [...this.history].reverse()) {
        if (event.resourceVersion <= atRv) break;
        if (event.resource !== resource) continue;
        const key = keyOf(event.object.metadata.namespace, event.object.metadata.name);
        if (event.type === 'ADDED') state.delete(key);
        else if (event.previous) state.set(key, event.previous);
      }
    return [...state.entries()]
      .filter(([, o]) => namespace === undefined || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => structuredClone(o));
  }

  /** Changes after `rv` to the given resource, oldest first; undefined when history no longer reaches back. */
  eventsAfter(resource: KubeResource, rv: number): StoredEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    return this.history.filter((e) => e.resource === resource && e.resourceVersion > rv);
  }

  compact(): void {
    this.history = [];
    this.compactedRv = this.rv;
  }

  /** Stores a new object as a create would; keeps the uid, creationTimestamp and generation it carries. */
  create(input: KubeObject): KubeObject {
    const resource = resourceOfKind(input.kind);
    const type = RESOURCE_TYPES[resource];
    const obj = structuredClone(input);
    if (!obj.metadata?.name) throw new Error(`a ${input.kind} needs metadata.name`);
    if (type.namespaced && !obj.metadata.namespace)
      throw new Error(`${input.kind} ${obj.metadata.name} needs metadata.namespace`);
    if (!type.namespaced) delete obj.metadata.namespace;
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    if (this.objects.get(resource)?.has(key))
      throw new Error(`${type.resource} ${key} already exists in the test API server`);
    if (type.namespaced) this.ensureNamespace(obj.metadata.namespace as string);
    obj.apiVersion = apiVersionOf(type);
    obj.metadata.uid ??= randomUUID();
    obj.metadata.creationTimestamp ??= kubeTime();
    if (resource !== 'namespaces') obj.metadata.generation ??= 1;
    return this.commit(resource, undefined, obj);
  }

  ensureNamespace(name: string): void {
    if (this.objects.get('namespaces')?.has(keyOf(undefined, name))) return;
    this.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  /** A change as a controller makes it (spec and status alike), with the bookkeeping of an API write. */
  update(
    resource: KubeResource,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KubeObject) => void,
  ): KubeObject {
    const previous = this.require(resource, namespace, name);
    const next = structuredClone(previous);
    mutate(next);
    this.keepSystemMetadata(previous, next);
    return this.commit(resource, previous, next, { statusCounts: !this.statusSubresource[resource] });
  }

  /**
   * A write through the API (PUT or PATCH) with the apiserver's update strategy: the main resource
   * cannot change .status while there is a status subresource, and the subresource changes only .status.
   */
  write(
    resource: KubeResource,
    namespace: string | undefined,
    name: string,
    candidate: KubeObject,
    subresource?: 'status',
  ): KubeObject {
    const previous = this.require(resource, namespace, name);
    let next: KubeObject;
    if (subresource === 'status') {
      next = structuredClone(previous);
      if (candidate.status === undefined) delete next.status;
      else next.status = structuredClone(candidate.status);
    } else {
      next = structuredClone(candidate);
      next.apiVersion = previous.apiVersion;
      next.kind = previous.kind;
      this.keepSystemMetadata(previous, next);
      if (this.statusSubresource[resource]) {
        if (previous.status === undefined) delete next.status;
        else next.status = structuredClone(previous.status);
      }
    }
    return this.commit(resource, previous, next, { statusCounts: !this.statusSubresource[resource] });
  }

  remove(resource: KubeResource, namespace: string | undefined, name: string): KubeObject {
    const previous = this.require(resource, namespace, name);
    const gone = structuredClone(previous);
    this.rv += 1;
    gone.metadata.resourceVersion = String(this.rv);
    this.objects.get(resource)?.delete(keyOf(previous.metadata.namespace, name));
    this.record({ resourceVersion: this.rv, type: 'DELETED', resource, object: gone, previous });
    return structuredClone(gone);
  }

  private scope(resource: KubeResource, namespace: string | undefined) {
    return RESOURCE_TYPES[resource].namespaced ? namespace : undefined;
  }

  private require(resource: KubeResource, namespace: string | undefined, name: string): KubeObject {
    const found = this.objects.get(resource)?.get(keyOf(this.scope(resource, namespace), name));
    if (!found) throw new Error(`no ${resource} ${namespace ?? ''}/${name} in the test API server`);
    return structuredClone(found);
  }

  private keepSystemMetadata(previous: KubeObject, next: KubeObject) {
    next.metadata ??= { name: previous.metadata.name };
    for (const field of SYSTEM_METADATA) {
      if (previous.metadata[field] === undefined) delete next.metadata[field];
      else next.metadata[field] = previous.metadata[field];
    }
  }

  /**
   * Stores `next` unless it equals `previous` (a no-op write moves no resourceVersion and sends no
   * event, as on the server). metadata.generation moves as the strategies move it: for a built-in
   * resource when .spec changes; for a custom resource when anything but metadata changes, counting
   * .status only when the CRD has no status subresource.
   */
  private commit(
    resource: KubeResource,
    previous: KubeObject | undefined,
    next: KubeObject,
    { statusCounts }: { statusCounts: boolean } = { statusCounts: false },
  ): KubeObject {
    if (previous) {
      const { resourceVersion: _a, ...before } = previous.metadata;
      const { resourceVersion: _b, ...after } = next.metadata;
      if (isDeepStrictEqual({ ...previous, metadata: before }, { ...next, metadata: after }))
        return structuredClone(previous);
      const type = RESOURCE_TYPES[resource];
      const body = (o: KubeObject) => {
        const { metadata: _m, status, ...rest } = o;
        return statusCounts ? { ...rest, status } : rest;
      };
      const moved = type.custom
        ? !isDeepStrictEqual(body(previous), body(next))
        : !isDeepStrictEqual(previous.spec, next.spec);
      if (moved && previous.metadata.generation !== undefined)
        next.metadata.generation = previous.metadata.generation + 1;
    }
    this.rv += 1;
    next.metadata.resourceVersion = String(this.rv);
    this.objects
      .get(resource)
      ?.set(keyOf(next.metadata.namespace, next.metadata.name), structuredClone(next));
    this.record({
      resourceVersion: this.rv,
      type: previous ? 'MODIFIED' : 'ADDED',
      resource,
      object: structuredClone(next),
      ...(previous ? { previous } : {}),
    });
    return structuredClone(next);
  }

  private record(event: StoredEvent) {
    this.history.push(event);
    for (const listener of this.listeners) listener(event);
  }
}
