// One Kubernetes context running Argo Rollouts as a DeploymentBackend. Rollouts, AnalysisRuns and
// ReplicaSets are listed and watched per namespace (or cluster-wide when the credentials may), so
// list() answers from memory and never waits on the cluster. Actions send what kubectl-argo-rollouts
// sends, after checking that the rollout is still the one the action was decided on; Argo's
// controller moves the rollout, and the watch brings back what it did.
import type { TimelineEventKind } from '../../../shared/domain';
import { ApiError } from '../../core/api/api-error';
import { isoTime, type Clock } from '../../core/clock';
import type { ConnectionHealth } from '../../core/connections/connection-health';
import {
  BackendRefusal,
  type BackendAnswer,
  type BackendChange,
  type BackendCommand,
  type DeploymentBackend,
  type RolloutSnapshot,
} from '../../core/rollouts/deployment-backend';
import { imageVersion, mapRollout, ownedBy, type ObservedHistory } from './argo-mapping';
import { KubeApiError, type KubeClient, type KubeList, type KubeObject } from './kube-client';
import {
  PAUSE_PATCH,
  PlanRefused,
  promoteFullPlan,
  promotePlan,
  restartPatch,
  RESUME_PATCH,
  setImageBody,
  statusFlagPlan,
  undoPatch,
  undoTarget,
  type PlannedRequest,
  type PromotePlan,
} from './plugin-patches';
import { ResourceWatch } from './resource-watch';

const ROLLOUTS = '/apis/argoproj.io/v1alpha1';
const APPS = '/apis/apps/v1';
/** A watch down for longer than this makes its namespace's rows stale (a normal re-watch takes ms). */
const STALE_GRACE_MS = 3_000;
const HISTORY_LIMIT = 200;
const CONTROLLER = 'argo-rollouts';

/** Which actions the plugin guards by nothing and we guard by the resourceVersion decided on. */
const GUARDED = new Set(['promote', 'promote-full', 'undo', 'roll-forward']);

export interface ArgoDeploymentsOptions {
  name: string;
  /** Absent when the kubeconfig could not be used: `failure` says why, on every read. */
  client?: KubeClient;
  failure?: string;
  health: ConnectionHealth;
  clock: Clock;
  /** The namespaces to watch; undefined: all the credentials may list. */
  namespaces?: readonly string[];
  stallMs: number;
  /** Seconds a watch runs before the server ends it (tests make it short). */
  watchSeconds?: number;
}

interface Scope {
  /** undefined: the whole cluster. */
  namespace: string | undefined;
  rollouts: ResourceWatch;
  replicaSets: ResourceWatch;
  analysisRuns: ResourceWatch;
}

interface Mapped {
  /** The resourceVersions it was mapped from: mapped again only when one moved. */
  key: string;
  snapshot: RolloutSnapshot;
  history: ObservedHistory;
}

function namespacedPath(group: string, resource: string, namespace: string | undefined): string {
  return namespace ? `${group}/namespaces/${namespace}/${resource}` : `${group}/${resource}`;
}

/** The kinds of change a person reading the timeline cares about, told apart. */
function changesBetween(
  before: RolloutSnapshot,
  after: RolloutSnapshot,
): { kind: TimelineEventKind; message: string }[] {
  const out: { kind: TimelineEventKind; message: string }[] = [];
  if (after.canaryVersion !== before.canaryVersion && after.phase !== 'completed')
    out.push({
      kind: 'rollout-started',
      message: `Rolling out ${after.canaryVersion} (was ${before.canaryVersion})`,
    });
  if (after.currentStepIndex !== before.currentStepIndex)
    out.push({
      kind: 'step-started',
      message: `Step ${Math.min(after.currentStepIndex + 1, after.stepCount)}/${after.stepCount}: ${after.message}`,
    });
  if (after.phase !== before.phase) {
    const kind: TimelineEventKind =
      after.phase === 'aborted' || after.phase === 'degraded'
        ? 'aborted'
        : after.phase === 'completed'
          ? 'completed'
          : after.phase === 'paused' || after.phase === 'awaiting-promotion'
            ? 'paused'
            : before.phase === 'paused' || before.phase === 'awaiting-promotion'
              ? 'resumed'
              : 'action';
    out.push({ kind, message: after.message });
  }
  return out;
}

export class ArgoDeployments implements DeploymentBackend {
  readonly name = 'argo-rollouts';
  private scopes: Scope[] = [];
  private readonly mapped = new Map<string, Mapped>();
  private readonly histories = new Map<string, ObservedHistory>();
  private readonly listeners = new Set<(change: BackendChange) => void>();
  private readonly rowListeners = new Set<(id: string, revision: number) => void>();
  private listCache: RolloutSnapshot[] | undefined;
  private dirty = true;
  /** Why a namespace is not watched (forbidden, gone), for the health line and the Settings test. */
  readonly problems = new Map<string, string>();
  private started = false;
  private pendingAttribution = new Map<string, { actor: string; idempotencyKey?: string }>();

  constructor(private readonly options: ArgoDeploymentsOptions) {}

  private get client(): KubeClient {
    if (!this.options.client) throw new Error(this.options.failure ?? 'no kubeconfig');
    return this.options.client;
  }

  /** Finds the scopes to watch and starts every watch; resolves once they are started (not synced). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (!this.options.client) {
      this.problems.set('*', this.options.failure ?? 'no kubeconfig');
      return;
    }
    const namespaces = this.options.namespaces ?? (await this.discoverNamespaces());
    for (const namespace of namespaces) this.scopes.push(this.scope(namespace));
    for (const s of this.scopes) for (const w of [s.rollouts, s.replicaSets, s.analysisRuns]) w.start();
  }

  stop(): void {
    for (const s of this.scopes) for (const w of [s.rollouts, s.replicaSets, s.analysisRuns]) w.stop();
  }

  /**
   * All namespaces (one cluster-wide watch) when the credentials may list rollouts at the cluster
   * scope; else each namespace they may list; the others are named on the health line.
   */
  private async discoverNamespaces(): Promise<(string | undefined)[]> {
    const client = this.client;
    for (;;) {
      try {
        await client.request<KubeList>('GET', `${ROLLOUTS}/rollouts`, { query: { limit: '1' } });
        return [undefined];
      } catch (error) {
        if (!(error instanceof KubeApiError) || error.code !== 403) {
          this.problems.set('*', error instanceof Error ? error.message : String(error));
          await new Promise((r) => setTimeout(r, 2000));
          if (!this.started) return [];
          continue;
        }
        this.problems.set('*', error.message);
      }
      try {
        const list = await client.request<KubeList>('GET', '/api/v1/namespaces');
        this.problems.delete('*');
        return list.items.map((n) => n.metadata.name);
      } catch (error) {
        this.problems.set(
          '*',
          `${this.problems.get('*') ?? ''}; and ${error instanceof Error ? error.message : String(error)}: name the namespaces in config.yaml (namespaces: [..])`,
        );
        return [];
      }
    }
  }

  private scope(namespace: string | undefined): Scope {
    const where = namespace ? `in namespace ${namespace}` : 'in every namespace';
    const watch = (group: string, resource: string) =>
      new ResourceWatch({
        client: this.client,
        path: namespacedPath(group, resource, namespace),
        what: `${resource} ${where}`,
        stallMs: this.options.stallMs,
        ...(this.options.watchSeconds === undefined ? {} : { watchSeconds: this.options.watchSeconds }),
        onChange: (_type, object, listing) => this.changed(resource, object, !listing),
        onSynced: () => this.invalidate(),
        onState: () => this.stateChanged(namespace),
      });
    return {
      namespace,
      rollouts: watch(ROLLOUTS, 'rollouts'),
      replicaSets: watch(APPS, 'replicasets'),
      analysisRuns: watch(ROLLOUTS, 'analysisruns'),
    };
  }

  private stateChanged(namespace: string | undefined): void {
    const key = namespace ?? '*';
    const scope = this.scopes.find((s) => s.namespace === namespace);
    const error =
      scope && [scope.rollouts, scope.replicaSets, scope.analysisRuns].map((w) => w.lastError).find(Boolean);
    if (error) this.problems.set(key, error);
    else this.problems.delete(key);
    this.invalidate();
  }

  private invalidate(): void {
    this.dirty = true;
  }

  /** A watched object moved: its rollout is mapped again and its changes reported. */
  private changed(resource: string, object: KubeObject, live: boolean): void {
    this.dirty = true;
    // A ReplicaSet or AnalysisRun: its owning rollout is mapped again.
    const owner =
      resource === 'rollouts'
        ? object.metadata.name
        : object.metadata.ownerReferences?.find((r) => r.kind === 'Rollout')?.name;
    if (owner) this.refresh(`${object.metadata.namespace}/${owner}`, live);
  }

  /** Maps one rollout now and reports what changed since its last mapping. */
  private refresh(localId: string, live = false): RolloutSnapshot | undefined {
    const before = this.mapped.get(localId)?.snapshot;
    const after = this.snapshotOf(localId);
    if (!after || before === after) return after;
    // Screens hear of moves the open watch brings, not of the first lists of a start.
    if (live || before) for (const listener of this.rowListeners) listener(localId, after.revision);
    if (!before) return after;
    const changes = changesBetween(before, after);
    if (changes.length === 0) return after;
    const by = this.pendingAttribution.get(localId);
    const history = this.histories.get(localId);
    for (const c of changes) {
      const event = {
        time: isoTime(this.options.clock.now()),
        kind: c.kind,
        actor: by?.actor ?? CONTROLLER,
        message: c.message,
      };
      history?.timeline.push(event);
      if (history && history.timeline.length > HISTORY_LIMIT) history.timeline.shift();
      const change: BackendChange = {
        id: localId,
        revision: after.revision,
        kind: c.kind,
        actor: event.actor,
        message: c.message,
        version: after.canaryVersion,
        ...(by?.idempotencyKey ? { idempotencyKey: by.idempotencyKey } : {}),
      };
      for (const listener of this.listeners) listener(change);
    }
    return after;
  }

  private findRollout(localId: string): { scope: Scope; object: KubeObject } | undefined {
    const slash = localId.indexOf('/');
    if (slash <= 0) return undefined;
    const key = localId;
    for (const s of this.scopes) {
      const object = s.rollouts.objects.get(key);
      if (object) return { scope: s, object };
    }
    return undefined;
  }

  private related(
    scope: Scope,
    rollout: KubeObject,
  ): { replicaSets: KubeObject[]; analysisRuns: KubeObject[] } {
    return {
      replicaSets: ownedBy(rollout, scope.replicaSets.objects.values()),
      analysisRuns: ownedBy(rollout, scope.analysisRuns.objects.values()),
    };
  }

  private snapshotOf(localId: string): RolloutSnapshot | undefined {
    const found = this.findRollout(localId);
    if (!found) {
      this.mapped.delete(localId);
      return undefined;
    }
    const { replicaSets, analysisRuns } = this.related(found.scope, found.object);
    const key = [found.object, ...replicaSets, ...analysisRuns]
      .map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)
      .join(',');
    const cached = this.mapped.get(localId);
    if (cached?.key === key) return cached.snapshot;
    let history = this.histories.get(localId);
    if (!history) {
      history = { revision: 0, timeline: [], weightHistory: [] };
      this.histories.set(localId, history);
    }
    history.revision++;
    const snapshot = mapRollout({
      rollout: found.object,
      replicaSets,
      analysisRuns,
      history,
      now: this.options.clock.now(),
    });
    const lastWeight = history.weightHistory.at(-1);
    if (lastWeight?.weight !== snapshot.weight) {
      history.weightHistory.push({ time: isoTime(this.options.clock.now()), weight: snapshot.weight });
      if (history.weightHistory.length > HISTORY_LIMIT) history.weightHistory.shift();
    }
    this.mapped.set(localId, { key, snapshot, history });
    return snapshot;
  }

  /** The row as served: a stale scope's rows say so, with an age fresh at every read. */
  private served(localId: string): RolloutSnapshot | undefined {
    const row = this.refresh(localId);
    const found = row && this.findRollout(localId);
    const stale = found ? this.staleness(found.scope) : undefined;
    return row && stale ? { ...row, stale } : row;
  }

  /** Rows of a namespace whose watches are down are stale, with their age; the others stay live. */
  private staleness(scope: Scope): RolloutSnapshot['stale'] {
    const watches = [scope.rollouts, scope.replicaSets, scope.analysisRuns];
    if (watches.every((w) => w.live)) return undefined;
    const since = Math.min(
      ...watches.map((w) => (w.live ? Date.now() : (w.liveAt ?? Number.NEGATIVE_INFINITY))),
    );
    const age = Date.now() - since;
    if (age < STALE_GRACE_MS) return undefined;
    const reason = watches.map((w) => w.lastError).find(Boolean) ?? 'the watch is being made again';
    return { ageMs: Number.isFinite(age) ? Math.round(age) : -1, reason: `${this.options.name}: ${reason}` };
  }

  list(): RolloutSnapshot[] {
    const anyStale = this.scopes.some((s) => this.staleness(s) !== undefined);
    if (!this.dirty && this.listCache && !anyStale) return this.listCache;
    const rows: RolloutSnapshot[] = [];
    for (const s of this.scopes)
      for (const key of s.rollouts.objects.keys()) {
        const row = this.served(key);
        if (row) rows.push(row);
      }
    this.listCache = rows;
    this.dirty = false;
    return rows;
  }

  get(id: string): RolloutSnapshot | undefined {
    return this.findRollout(id) ? this.served(id) : undefined;
  }

  knownVersions(id: string): readonly string[] | undefined {
    const r = this.get(id);
    if (!r?.kubernetes) return undefined;
    const images = r.kubernetes.revisions.flatMap((v) => v.images.map((i) => i.image));
    return [...new Set(images)];
  }

  tick(): void {
    // Argo's controller runs the rollouts; a timed pause's countdown is recomputed at each read.
  }

  onChange(listener: (change: BackendChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRowChange(listener: (id: string, revision: number) => void): () => void {
    this.rowListeners.add(listener);
    return () => this.rowListeners.delete(listener);
  }

  /** Whether every watch of every scope holds a full list (tests wait for it). */
  get synced(): boolean {
    return (
      this.scopes.length > 0 &&
      this.scopes.every((s) => [s.rollouts, s.replicaSets, s.analysisRuns].every((w) => w.live))
    );
  }

  /** Resolves when every scope has its first full list, or the connection failed, or after `timeoutMs`. */
  async firstList(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const listed =
        this.started &&
        (this.problems.has('*') && this.scopes.length === 0
          ? true
          : this.scopes.length > 0 &&
            this.scopes.every((s) =>
              [s.rollouts, s.replicaSets, s.analysisRuns].every((w) => w.counts.lists > 0 || w.lastError),
            ));
      if (listed) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Watch bookkeeping per scope, for tests and the Settings test. */
  watchCounts(): { scope: string; lists: number; watches: number; stalls: number; gone: number }[] {
    return this.scopes.flatMap((s) =>
      [s.rollouts, s.replicaSets, s.analysisRuns].map((w) => ({ scope: s.namespace ?? '*', ...w.counts })),
    );
  }

  async apply(id: string, command: BackendCommand): Promise<BackendAnswer> {
    const found = this.findRollout(id);
    if (!found) throw new ApiError('not-found', `No rollout with id "${id}"`, 'id');
    const judged = this.get(id);
    if (!judged) throw new ApiError('not-found', `No rollout with id "${id}"`, 'id');
    const guarded = GUARDED.has(command.kind);
    if (guarded && command.basedOnRevision !== undefined && command.basedOnRevision !== judged.revision)
      throw new BackendRefusal(`${id} moved since the action was decided (${judged.message})`);
    const judgedVersion = found.object.metadata.resourceVersion;
    const namespace = found.object.metadata.namespace ?? 'default';
    const name = found.object.metadata.name;
    const path = `${ROLLOUTS}/namespaces/${namespace}/rollouts/${name}`;
    const client = this.client;
    // The plugin reads the rollout first and decides on what it reads; so do we, and when it is not
    // what the action was decided on, the action is refused with what moved.
    const fresh = await client.request<KubeObject>('GET', path);
    if (guarded && fresh.metadata.resourceVersion !== judgedVersion) {
      found.scope.rollouts.accept(fresh);
      const now = this.refresh(id);
      throw new BackendRefusal(
        `${id} changed since it was judged (resourceVersion ${judgedVersion} → ${fresh.metadata.resourceVersion}; now: ${now?.message ?? 'unknown'}). Look again before you act.`,
      );
    }
    const done: string[] = [];
    let latest = fresh;
    const send = async (request: PlannedRequest): Promise<KubeObject> => {
      // Guarded writes carry the resourceVersion they were computed from: the API server refuses them (409) if it moved.
      const body =
        guarded && request.method === 'PATCH' && request.contentType !== 'application/json-patch+json'
          ? { ...(request.body as object), metadata: { resourceVersion: latest.metadata.resourceVersion } }
          : guarded && request.method === 'PATCH'
            ? [
                { op: 'test', path: '/metadata/resourceVersion', value: latest.metadata.resourceVersion },
                ...(request.body as unknown[]),
              ]
            : request.body;
      const answer = await client.request<KubeObject>(
        request.method,
        request.subresource ? `${path}/${request.subresource}` : path,
        {
          body,
          contentType: request.contentType,
        },
      );
      done.push(request.does);
      latest = answer;
      return answer;
    };
    const runPlan = async (plan: PromotePlan): Promise<void> => {
      let spec = plan.spec;
      if (plan.status) {
        try {
          await send(plan.status);
        } catch (error) {
          // No status subresource on this cluster (an old CRD): the plugin patches the main resource.
          if (!(error instanceof KubeApiError) || error.code !== 404) throw error;
          spec = plan.unified;
        }
      }
      if (spec) await send(spec);
    };
    this.pendingAttribution.set(id, {
      actor: command.actor,
      ...(command.idempotencyKey ? { idempotencyKey: command.idempotencyKey } : {}),
    });
    try {
      switch (command.kind) {
        case 'pause':
          await send(PAUSE_PATCH);
          break;
        case 'resume':
          await send(RESUME_PATCH);
          break;
        case 'promote':
          await runPlan(promotePlan(fresh));
          break;
        case 'promote-full':
          await runPlan(promoteFullPlan(fresh));
          break;
        case 'abort':
          await runPlan(statusFlagPlan(true));
          break;
        case 'retry':
          await runPlan(statusFlagPlan(false));
          break;
        case 'restart':
          await send(restartPatch(this.options.clock.now()));
          break;
        case 'undo': {
          const { replicaSets } = this.related(found.scope, fresh);
          await send(undoPatch(fresh, undoTarget(fresh, replicaSets, command.toRevision)));
          break;
        }
        case 'roll-forward': {
          const { body, image, container } = setImageBody(fresh, command.container, command.toVersion);
          await send({
            method: 'PUT',
            contentType: 'application/json',
            body,
            does: `set ${container}'s image to ${image}`,
          });
          break;
        }
        case 'reapply':
          throw new BackendRefusal('nothing to re-apply: Argo Rollouts keeps its own traffic split');
        case 'analysis-result':
          throw new BackendRefusal('Argo Rollouts judges its own analysis steps with AnalysisRuns');
      }
    } catch (error) {
      if (error instanceof PlanRefused) throw new BackendRefusal(error.message);
      const partial = done.length > 0 ? ` It had already ${done.join(' and ')}.` : ' Nothing was changed.';
      if (
        error instanceof KubeApiError &&
        (error.code === 409 || (error.code === 422 && /resourceVersion/.test(error.message)))
      )
        throw done.length === 0
          ? new BackendRefusal(
              `${id} changed while the action was sent: ${error.message}. Look again before you act.`,
            )
          : new Error(`${id} changed midway: ${error.message}.${partial}`, { cause: error });
      throw new Error(`${error instanceof Error ? error.message : String(error)}.${partial}`, {
        cause: error,
      });
    } finally {
      // What the API server answered is the rollout now: taken in at once, attributed to the actor.
      if (latest !== fresh) found.scope.rollouts.accept(latest);
      this.dirty = true;
      this.refresh(id);
      this.pendingAttribution.delete(id);
    }
    const rollout = this.get(id) ?? judged;
    const message =
      done.length === 0
        ? `Nothing to send: ${rollout.message}`
        : `${command.kind === 'roll-forward' ? `Rolling out ${imageVersion(String(rollout.kubernetes?.containers[0]?.image ?? ''))}: ` : ''}${id} ${done.join(', then ')}`;
    return { message, rollout };
  }
}
