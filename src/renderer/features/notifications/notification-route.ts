import type { NotificationItem, NotificationSeverity } from '../../../shared/api/notifications-api';
import type { IconName } from '../../components/status-icon';
import { parseRoute, type Route } from '../../app/routes';
import { notificationHref } from '../../../shared/app-hash-routes';

/** Where a notification leads: the same route the desktop app's OS notification opens. */
export function notificationRoute(n: Pick<NotificationItem, 'link'>): Route {
  return parseRoute(notificationHref(n.link));
}

/** Severity by icon and word, never by colour alone. */
export const SEVERITY_LOOK: Record<NotificationSeverity, { icon: IconName; word: string }> = {
  critical: { icon: 'critical', word: 'Critical' },
  warning: { icon: 'warning', word: 'Warning' },
  info: { icon: 'dot', word: 'Info' },
};
