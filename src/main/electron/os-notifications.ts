// OS notifications in the desktop app: what someone else (or the machine) did is told by the OS, a
// burst folded into one, and a click brings the window to what it is about. The Notification class
// and the window are passed in, so a unit test can play Electron and the person clicking.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationSeverity } from '../../shared/api/notifications-api';
import { notificationHref } from '../../shared/app-hash-routes';
import type { RaisedNotification } from '../core/notifications/notification-rules';

/** The part of Electron's Notification used here. */
export interface OsNotification {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

export interface OsNotificationClass {
  new (options: NotificationConstructorOptions): OsNotification;
  isSupported(): boolean;
}

export interface OsNotificationOptions {
  Notification: OsNotificationClass;
  /** The person at this desk: what they did themself is never news to them. */
  actor: string;
  /** Brings the window to the front showing this hash route (see reveal-app-route.ts). */
  reveal: (hash: string) => void;
  /** Told which notifications a click opened (their own view, so they count as read). */
  opened?: (ids: string[]) => void;
  /** A burst ends after this long without a new notification... */
  quietMs?: number;
  /** ...or this long after it began, so a steady storm still says something now and then. */
  maxWaitMs?: number;
}

export const QUIET_MS = 1000;
export const MAX_WAIT_MS = 5000;
/** Notifications kept referenced until clicked or closed (an unreferenced one loses its click). */
const KEPT = 20;
const LIST_HREF = '#/notifications';
const TITLE_MAX = 120;
const BODY_MAX = 300;

/** Who is told of what: one OS notification per burst of notifications the actor did not cause. */
export function connectOsNotifications(
  source: { onRaised(listener: (n: RaisedNotification) => void): () => void },
  options: OsNotificationOptions,
): () => void {
  const { Notification, actor, reveal } = options;
  if (!Notification.isSupported()) return () => undefined;
  const quietMs = options.quietMs ?? QUIET_MS;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const kept = new Set<OsNotification>();
  let burst: RaisedNotification[] = [];
  let burstStart = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const told = burst;
    burst = [];
    if (told.length === 0) return;
    const { options: shown, hash } = osNotificationFor(told);
    const notification = new Notification(shown);
    const forget = () => kept.delete(notification);
    notification.on('click', () => {
      forget();
      reveal(hash);
      // Opening the list of them reads none; opening what they are about reads them, as in the app.
      try {
        if (hash !== LIST_HREF) options.opened?.(told.map((n) => n.id));
      } catch (error) {
        // The marks could not be saved: the bell still counts them, nothing else is hurt.
        console.error(
          `could not mark opened notifications read: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    notification.on('close', forget);
    kept.add(notification);
    if (kept.size > KEPT) kept.delete(kept.values().next().value as OsNotification);
    notification.show();
  };

  const unsubscribe = source.onRaised((n) => {
    if (n.causedBy === actor) return;
    const now = Date.now();
    if (burst.length === 0) burstStart = now;
    burst.push(n);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(quietMs, burstStart + maxWaitMs - now)));
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    burst = [];
    kept.clear();
  };
}

const RANK: Record<NotificationSeverity, number> = { critical: 0, warning: 1, info: 2 };
const URGENCY = { critical: 'critical', warning: 'normal', info: 'low' } as const;

/** What the OS shows for a burst, and the route a click opens. */
export function osNotificationFor(burst: readonly RaisedNotification[]): {
  options: NotificationConstructorOptions;
  hash: string;
} {
  const worst = [...burst].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const top = worst[0]!;
  // Information (a connection answering again) is shown but makes no sound.
  const look = { silent: top.severity === 'info', urgency: URGENCY[top.severity] };
  if (burst.length === 1)
    return {
      options: { title: clip(top.title, TITLE_MAX), body: clip(withoutSecrets(top.text), BODY_MAX), ...look },
      hash: notificationHref(top.link),
    };
  const counts = (['critical', 'warning', 'info'] as const)
    .map((s) => [s, burst.filter((n) => n.severity === s).length] as const)
    .filter(([, count]) => count > 0)
    .map(([s, count]) => `${count} ${s}`)
    .join(', ');
  const named = worst.slice(0, 3).map((n) => n.title);
  const more = burst.length - named.length;
  const hrefs = new Set(burst.map((n) => notificationHref(n.link)));
  return {
    options: {
      title: `${burst.length} new notifications`,
      body: clip([counts, ...named, ...(more > 0 ? [`and ${more} more`] : [])].join('\n'), BODY_MAX),
      ...look,
    },
    // All about one thing: its view; otherwise the list of them.
    hash: hrefs.size === 1 ? [...hrefs][0]! : LIST_HREF,
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A notification's text can carry a backend's error message; the OS keeps notifications in its
 * history and shows them on the lock screen, so credentials in URLs and tokens are cut out.
 */
export function withoutSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1')
    .replace(/\b([\w-]*(?:token|key|secret|password|passwd|pwd|auth)[\w-]*)=[^\s&]+/gi, '$1=…')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 …');
}
