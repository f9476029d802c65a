// The notifications part of the API contract: what happened that the caller did not cause (an
// automatic rollback or pause, a failing analysis, someone else's freeze override, a connection
// going down or up, a new firing alert), each unread or read for the calling person.
import { z } from 'zod';
import { text } from './text-input';

export const NOTIFICATION_KINDS = [
  'automatic-rollback',
  'automatic-pause',
  'analysis-failed',
  'freeze-overridden',
  'connection-down',
  'connection-up',
  'alert-firing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationSeverity = 'critical' | 'warning' | 'info';

/** Where a notification leads, as a route the renderer knows. */
export type NotificationLink =
  | { view: 'rollout'; id: string }
  | { view: 'incident'; id: string }
  | { view: 'alerts'; id?: string }
  | { view: 'settings'; connection: string };

export interface NotificationItem {
  /** `audit-<seq>` for those derived from the audit log, `live-<n>` / `alert-<id>` otherwise. */
  id: string;
  time: string;
  kind: NotificationKind;
  severity: NotificationSeverity;
  title: string;
  text: string;
  link: NotificationLink;
  /** Whether the calling person has read it. */
  read: boolean;
}

export interface NotificationList {
  /** Newest first. */
  items: NotificationItem[];
  /** How many of all (not only those listed) the caller has not read. */
  unread: number;
}

export const notificationsApiInputSchemas = {
  'notifications.list': z.object({ unreadOnly: z.boolean().default(false) }).strict(),
  /** Marks the caller's own notifications read: these ids, or all of them. */
  'notifications.markRead': z
    .union([
      z.object({ ids: z.array(text().min(1).max(200)).min(1).max(1000) }).strict(),
      z.object({ all: z.literal(true) }).strict(),
    ])
    .describe('{ ids: [...] } or { all: true }'),
} as const;

// markRead changes only the caller's own read marks, nothing on the fleet: observers may call it.
export const notificationsOperatorMethods = [] as const;

export interface NotificationsApiOutputs {
  'notifications.list': NotificationList;
  'notifications.markRead': { unread: number };
}
