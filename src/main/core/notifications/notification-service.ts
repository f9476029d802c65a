// Notifications for each person: derived from the audit log where the facts are audited, held in
// memory for live-only sources (connections going down or up, new firing alerts). Bounded; read
// marks per person survive a restart (ReadMarksStore).
import type { Alert } from '../../../shared/alerts';
import type { ConnectionStatus } from '../../../shared/connections';
import type { AuditRecord } from '../../../shared/domain';
import type { NotificationItem, NotificationList } from '../../../shared/api/notifications-api';
import { notificationFromAudit, type RaisedNotification } from './notification-rules';
import type { ReadMarksStore } from './read-marks-file';

/** How many notifications are kept (newest win); older ones are in the audit log. */
export const NOTIFICATION_LIMIT = 500;

export interface NotificationServiceDeps {
  history: () => readonly AuditRecord[];
  marks: ReadMarksStore;
  now: () => Date;
  /** Told when the list changed (a ChangeEvent `{ type: 'notification' }`). */
  changed: () => void;
}

export class NotificationService {
  private items: RaisedNotification[] = [];
  private seenSeq = 0;
  private liveCount = 0;
  private readonly reachable = new Map<string, boolean>();
  private readonly raisedListeners = new Set<(n: RaisedNotification) => void>();
  private readonly marks;

  constructor(private readonly deps: NotificationServiceDeps) {
    this.marks = deps.marks.load();
    this.sync(false);
  }

  /** Reads the audit records written since the last call. */
  sync(tell = true): void {
    const history = this.deps.history();
    let added = false;
    for (let i = history.length - 1; i >= 0 && history[i]!.seq > this.seenSeq; i--) {
      // Walk back to the first unseen record, then forward, so the order is the log's.
      if (i === 0 || history[i - 1]!.seq <= this.seenSeq) {
        for (const record of history.slice(i)) {
          const n = notificationFromAudit(record);
          if (n && this.add(n)) {
            added = true;
            if (tell) this.tellRaised(n);
          }
        }
        break;
      }
    }
    this.seenSeq = history.at(-1)?.seq ?? this.seenSeq;
    if (added && tell) this.deps.changed();
  }

  /** A live notification (from a source that is not audited). */
  raise(n: Omit<RaisedNotification, 'id' | 'time'> & { id?: string; time?: string }): void {
    const item = {
      ...n,
      id: n.id ?? `live-${++this.liveCount}-${this.deps.now().getTime()}`,
      time: n.time ?? this.deps.now().toISOString(),
    };
    if (!this.add(item)) return;
    this.deps.changed();
    this.tellRaised(item);
  }

  /**
   * Each notification as it is raised, with who caused it (the desktop shell shows it by the OS).
   * Not told of those already in the log at start: they are old news.
   */
  onRaised(listener: (n: RaisedNotification) => void): () => void {
    this.raisedListeners.add(listener);
    return () => this.raisedListeners.delete(listener);
  }

  /** Wired to the alert service's `onNewFiring`. */
  fromAlert(alert: Alert): void {
    const where = [alert.service, alert.environment].filter(Boolean).join(' in ');
    this.raise({
      id: `alert-${alert.id}-${alert.startsAt}`,
      time: alert.startsAt,
      kind: 'alert-firing',
      severity: alert.severity === 'critical' ? 'critical' : 'warning',
      title: `Alert firing: ${alert.name}`,
      text: [where, alert.annotations.summary ?? alert.annotations.description, `from ${alert.connection}`]
        .filter(Boolean)
        .join(' · '),
      link: { view: 'alerts', id: alert.id },
    });
  }

  /** Called with every connection's health line; a reachable → unreachable change (and back) is news. */
  observeConnections(statuses: readonly ConnectionStatus[]): void {
    for (const s of statuses) {
      if (s.reachable === undefined) continue;
      const before = this.reachable.get(s.name);
      this.reachable.set(s.name, s.reachable);
      if (before === undefined || before === s.reachable) continue;
      this.raise(
        s.reachable
          ? {
              kind: 'connection-up',
              severity: 'info',
              title: `${s.name} is reachable again`,
              text: `${s.kind} connection answers again`,
              link: { view: 'settings', connection: s.name },
            }
          : {
              kind: 'connection-down',
              severity: 'critical',
              title: `${s.name} is unreachable`,
              text: s.lastError?.message ?? `${s.kind} connection does not answer`,
              link: { view: 'settings', connection: s.name },
            },
      );
    }
  }

  list(actor: string, unreadOnly = false): NotificationList {
    const read = new Set(this.marks[actor]?.ids ?? []);
    const mine = this.forActor(actor).map(({ causedBy: _c, ...n }): NotificationItem => ({
      ...n,
      read: read.has(n.id),
    }));
    const items = mine.filter((n) => !unreadOnly || !n.read).reverse();
    return { items, unread: mine.filter((n) => !n.read).length };
  }

  markRead(actor: string, which: { ids: string[] } | { all: true }): { unread: number } {
    const ids = 'all' in which ? this.forActor(actor).map((n) => n.id) : which.ids;
    const kept = new Set(this.items.map((n) => n.id));
    // Marks of notifications no longer kept are dropped, so the file stays bounded too.
    const next = new Set([...(this.marks[actor]?.ids ?? []), ...ids].filter((id) => kept.has(id)));
    this.marks[actor] = { ids: [...next] };
    this.deps.marks.save(this.marks);
    this.deps.changed();
    return { unread: this.list(actor).unread };
  }

  /** Never what the person did themself. */
  private forActor(actor: string): RaisedNotification[] {
    return this.items.filter((n) => n.causedBy !== actor);
  }

  private tellRaised(n: RaisedNotification): void {
    for (const listener of this.raisedListeners) {
      try {
        listener(n);
      } catch (error) {
        // A listener's failure must not stop the others or the list itself.
        console.error(
          `a notification listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private add(n: RaisedNotification): boolean {
    if (this.items.some((m) => m.id === n.id)) return false;
    this.items.push(n);
    if (this.items.length > NOTIFICATION_LIMIT) this.items.splice(0, this.items.length - NOTIFICATION_LIMIT);
    return true;
  }
}
