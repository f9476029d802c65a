// List, then watch, one kind of object in one scope (a namespace, or the whole cluster), keeping a
// cache of them. The resourceVersion of the last list, event or bookmark is where the next watch
// starts, so a dropped watch resumes without a re-list; 410 Gone (history compacted) forces a full
// re-list; failures back off; a watch silent for longer than the stall timeout is made again, since a
// half-open connection never ends by itself.
import { KubeApiError, type KubeClient, type KubeList, type KubeObject } from './kube-client';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ResourceWatchOptions {
  client: KubeClient;
  /** e.g. /apis/argoproj.io/v1alpha1/namespaces/shop/rollouts */
  path: string;
  /** In words, for errors: "rollouts in namespace shop". */
  what: string;
  /** Silence longer than this ends the watch and starts it again. */
  stallMs: number;
  /** The server ends a watch after this long; a new one starts from the last resourceVersion. */
  watchSeconds?: number;
  /** `listing`: it came from a full list (start, or after 410), not from the open watch. */
  onChange(type: WatchEventType, object: KubeObject, listing: boolean): void;
  /** After each full list has replaced the cache. */
  onSynced(): void;
  /** Whenever the watch goes live or stops being live (the rows' staleness). */
  onState(): void;
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Kubernetes says resourceVersions are opaque; etcd's are integers, and only newer ones are taken. */
function newer(candidate: string | undefined, current: string | undefined): boolean {
  if (candidate === undefined || current === undefined) return true;
  if (/^\d+$/.test(candidate) && /^\d+$/.test(current)) return BigInt(candidate) >= BigInt(current);
  return candidate !== current;
}

export class ResourceWatch {
  readonly objects = new Map<string, KubeObject>();
  resourceVersion: string | undefined;
  /** Whether the cache holds a full list and a watch is open on top of it. */
  live = false;
  /** When the cache was last known to be complete (a list, or an open watch's event). */
  liveAt: number | undefined;
  lastError: string | undefined;
  /** Counters, for tests and the health line: lists made, watches opened, stalls detected. */
  readonly counts = { lists: 0, watches: 0, stalls: 0, gone: 0 };
  /** Moves on whenever `objects` changes: indexes built over them know when to be rebuilt. */
  generation = 0;
  private stopped = false;
  private abort: AbortController | undefined;
  private attempt = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly options: ResourceWatchOptions) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private setLive(live: boolean): void {
    // The cache was complete up to now while the watch was open: staleness counts from here.
    if (live || this.live) this.liveAt = Date.now();
    if (this.live === live) return;
    this.live = live;
    this.options.onState();
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        const opened = Date.now();
        const outcome = await this.watchOnce();
        if (outcome === 'gone') {
          this.counts.gone++;
          needList = true;
        }
        // A watch the server ends at once, over and over (a proxy's idle limit), is not hammered.
        if (outcome === 'ended' && Date.now() - opened < 1000)
          await this.sleep(BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)] ?? 30_000);
        else this.attempt = 0;
      } catch (error) {
        this.setLive(false);
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onState();
        // 410 as the answer to the watch request itself: the history is gone, list again.
        if (error instanceof KubeApiError && error.code === 410) {
          this.counts.gone++;
          needList = true;
          continue;
        }
        await this.sleep(BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)] ?? 30_000);
      }
    }
    this.setLive(false);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** A full list replaces the cache; what vanished meanwhile is reported deleted. */
  private async list(): Promise<void> {
    const list = await this.options.client.request<KubeList>('GET', this.options.path);
    this.counts.lists++;
    const seen = new Set<string>();
    for (const item of list.items) {
      const key = keyOf(item);
      seen.add(key);
      const before = this.objects.get(key);
      if (before?.metadata.resourceVersion === item.metadata.resourceVersion) continue;
      this.objects.set(key, item);
      this.generation++;
      this.options.onChange(before ? 'MODIFIED' : 'ADDED', item, true);
    }
    for (const [key, object] of [...this.objects]) {
      if (seen.has(key)) continue;
      this.objects.delete(key);
      this.generation++;
      this.options.onChange('DELETED', object, true);
    }
    this.resourceVersion = list.metadata.resourceVersion;
    this.lastError = undefined;
    this.liveAt = Date.now();
    this.options.onSynced();
  }

  /** One watch from the last resourceVersion: 'ended' when it closed cleanly, 'gone' on 410. */
  private async watchOnce(): Promise<'ended' | 'gone' | 'stalled'> {
    const abort = new AbortController();
    this.abort = abort;
    let outcome: 'ended' | 'gone' | 'stalled' = 'ended';
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const armStall = (): void => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        outcome = 'stalled';
        this.counts.stalls++;
        this.lastError = `the watch of ${this.options.what} sent nothing for ${Math.round(this.options.stallMs / 1000)} s: made again`;
        this.setLive(false);
        abort.abort();
      }, this.options.stallMs);
    };
    armStall();
    this.counts.watches++;
    const query: Record<string, string> = {
      watch: '1',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(this.options.watchSeconds ?? 300),
      ...(this.resourceVersion ? { resourceVersion: this.resourceVersion } : {}),
    };
    try {
      await this.options.client.stream(
        this.options.path,
        query,
        (line) => {
          armStall();
          if (outcome === 'gone') return;
          outcome = this.onLine(line) ?? outcome;
          if (outcome === 'gone') abort.abort();
        },
        abort.signal,
        // Headers came: the watch is open on top of a complete list, so the cache is live.
        () => {
          this.lastError = undefined;
          this.setLive(true);
          this.options.onState();
        },
      );
    } finally {
      clearTimeout(stallTimer);
      this.abort = undefined;
    }
    return outcome;
  }

  /** One watch event; 'gone' for a 410 ERROR event. */
  private onLine(line: string): 'gone' | undefined {
    let event: { type?: string; object?: KubeObject & { code?: number; message?: string } };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      this.lastError = `the watch of ${this.options.what} sent a line that is not JSON: ${line.slice(0, 80)}`;
      return undefined;
    }
    const object = event.object;
    if (!object) return undefined;
    if (event.type === 'ERROR') {
      if (object.code === 410) return 'gone';
      this.lastError = `the watch of ${this.options.what} failed: ${object.message ?? JSON.stringify(object)}`;
      return undefined;
    }
    this.setLive(true);
    const version = object.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (version) this.resourceVersion = version;
      return undefined;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return undefined;
    const key = keyOf(object);
    if (event.type === 'DELETED') {
      if (this.objects.delete(key)) {
        this.generation++;
        this.options.onChange('DELETED', object, false);
      }
    } else {
      const before = this.objects.get(key);
      if (before && !newer(version, before.metadata.resourceVersion)) return undefined;
      this.objects.set(key, object);
      this.generation++;
      this.options.onChange(before ? 'MODIFIED' : 'ADDED', object, false);
    }
    if (version) this.resourceVersion = version;
    return undefined;
  }

  /** What an action wrote, taken in at once (the watch brings the same resourceVersion later). */
  accept(object: KubeObject): boolean {
    const key = keyOf(object);
    const before = this.objects.get(key);
    if (before && !newer(object.metadata.resourceVersion, before.metadata.resourceVersion)) return false;
    if (before?.metadata.resourceVersion === object.metadata.resourceVersion) return false;
    this.objects.set(key, object);
    this.generation++;
    return true;
  }
}
