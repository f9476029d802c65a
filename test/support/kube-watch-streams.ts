// Open watch streams of the test API server: newline-delimited JSON events over a chunked response,
// filtered per watch the way the apiserver's watch cache filters them (an object that stops matching
// a selector is DELETED for that watch, one that starts matching is ADDED), bookmarks on a timer, and
// the faults a real connection shows: dropped, stalled (open but silent), timed out.
import type { ServerResponse } from 'node:http';
import type { KubeObject, ResourceType, StoredEvent, WatchEventType } from './kube-object-store';
import { apiVersionOf } from './kube-object-store';

export interface WatchEvent {
  type: WatchEventType | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

export interface WatchSpec {
  type: ResourceType;
  /** Whether an object belongs to this watch (namespace, label and field selectors). */
  matches: (obj: KubeObject) => boolean;
  bookmarks: boolean;
  timeoutSeconds?: number;
}

interface OpenWatch {
  spec: WatchSpec;
  res: ServerResponse;
  timers: NodeJS.Timeout[];
  /** An event fell due during a stall and was lost: the stream cannot go on as if nothing happened. */
  broken: boolean;
  /** Its timeoutSeconds passed during a stall. */
  expired: boolean;
}

/** How a stored change looks to a watch with a filter: as it is, as an arrival, a departure, or nothing. */
export function eventFor(spec: WatchSpec, change: StoredEvent): WatchEvent | undefined {
  if (change.resource !== spec.type.resource) return undefined;
  const was = change.previous !== undefined && spec.matches(change.previous);
  const is = spec.matches(change.object);
  if (change.type === 'DELETED') return was ? { type: 'DELETED', object: change.object } : undefined;
  if (change.type === 'ADDED') return is ? { type: 'ADDED', object: change.object } : undefined;
  if (was && is) return { type: 'MODIFIED', object: change.object };
  if (is) return { type: 'ADDED', object: change.object };
  if (was) return { type: 'DELETED', object: change.object };
  return undefined;
}

export class WatchStreams {
  private readonly open = new Set<OpenWatch>();
  /** Watches asked for during a stall: not even their headers go out until it ends. */
  private readonly waiting = new Set<() => void>();
  private stalled = false;

  constructor(
    private readonly bookmarkEveryMs: number,
    private readonly currentResourceVersion: () => number,
  ) {}

  get count(): number {
    return this.open.size;
  }

  /** Runs `begin` now, or when the stall ends if the client is still there then. */
  whenFlowing(res: ServerResponse, begin: () => void): void {
    if (!this.stalled) return begin();
    const run = () => {
      this.waiting.delete(run);
      if (!res.destroyed) begin();
    };
    this.waiting.add(run);
    res.on('close', () => this.waiting.delete(run));
  }

  /** Starts a stream on `res` with `initial` events already due, then follows live changes. */
  start(res: ServerResponse, spec: WatchSpec, initial: WatchEvent[]): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const watch: OpenWatch = { spec, res, timers: [], broken: false, expired: false };
    this.open.add(watch);
    res.on('close', () => this.forget(watch));
    for (const event of initial) this.send(watch, event);
    if (spec.bookmarks)
      watch.timers.push(
        setInterval(() => {
          if (!this.stalled) this.send(watch, this.bookmark(spec.type));
        }, this.bookmarkEveryMs),
      );
    if (spec.timeoutSeconds !== undefined && spec.timeoutSeconds > 0)
      watch.timers.push(
        setTimeout(() => {
          if (this.stalled) watch.expired = true;
          else this.end(watch);
        }, spec.timeoutSeconds * 1000),
      );
  }

  /** A stream that ends at once after one event: the ERROR of a watch from too old a resourceVersion. */
  refuse(res: ServerResponse, event: WatchEvent): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.end(`${JSON.stringify(event)}\n`);
  }

  publish(change: StoredEvent): void {
    for (const watch of this.open) {
      const event = eventFor(watch.spec, change);
      if (event) this.send(watch, event);
    }
  }

  bookmark(type: ResourceType, annotations?: Record<string, string>): WatchEvent {
    return {
      type: 'BOOKMARK',
      object: {
        kind: type.kind,
        apiVersion: apiVersionOf(type),
        metadata: {
          resourceVersion: String(this.currentResourceVersion()),
          ...(annotations ? { annotations } : {}),
        },
      },
    };
  }

  /** Ends every open stream cleanly (the response completes), as a server closing idle watches. */
  dropAll(): void {
    for (const watch of [...this.open]) this.end(watch);
  }

  /**
   * While stalled, streams stay open and send nothing at all (events, bookmarks, the end at
   * timeoutSeconds), as over a connection that broke without closing: what fell due is lost; a new
   * watch gets no answer, not even its headers. When the stall ends, a stream that lost an event or
   * outlived its timeout ends (its client resumes from the last resourceVersion it saw, as after any
   * reconnect), the others go on, and the watches that waited start.
   */
  stall(on: boolean): void {
    this.stalled = on;
    if (on) return;
    for (const watch of [...this.open]) if (watch.broken || watch.expired) this.end(watch);
    for (const begin of [...this.waiting]) begin();
  }

  /** Forgets every stream without ending it: their sockets are being destroyed. */
  abandonAll(): void {
    for (const watch of [...this.open]) this.forget(watch);
    this.waiting.clear();
  }

  private send(watch: OpenWatch, event: WatchEvent) {
    if (this.stalled) watch.broken ||= event.type !== 'BOOKMARK';
    else watch.res.write(`${JSON.stringify(event)}\n`);
  }

  private end(watch: OpenWatch) {
    this.forget(watch);
    watch.res.end();
  }

  private forget(watch: OpenWatch) {
    watch.timers.forEach((t) => clearTimeout(t));
    this.open.delete(watch);
  }
}
