import type { NotificationItem, NotificationSeverity } from '../../../shared/api/notifications-api';
import type { IconName } from '../../components/status-icon';
import type { Route } from '../../app/routes';

/**
 * Where a notification leads. Incidents and alerts have no view on this branch yet: until their
 * routes exist they lead to the list of notifications (the integrator points them at their views).
 */
export function notificationRoute(n: Pick<NotificationItem, 'link'>): Route {
  switch (n.link.view) {
    case 'rollout':
      return { name: 'rollout', id: n.link.id };
    case 'settings':
      return { name: 'settings' };
    case 'incident':
    case 'alerts':
      return { name: 'notifications' };
  }
}

/** Severity by icon and word, never by colour alone. */
export const SEVERITY_LOOK: Record<NotificationSeverity, { icon: IconName; word: string }> = {
  critical: { icon: 'critical', word: 'Critical' },
  warning: { icon: 'warning', word: 'Warning' },
  info: { icon: 'dot', word: 'Info' },
};
