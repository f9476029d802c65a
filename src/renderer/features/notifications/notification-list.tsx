import type { NotificationItem } from '../../../shared/api/notifications-api';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { routeHref } from '../../app/routes';
import { useMarkRead } from '../../api/use-notifications';
import { notificationRoute, SEVERITY_LOOK } from './notification-route';

/** Each notification linking to what it is about; following the link marks it read. */
export function NotificationList({ items, onFollow }: { items: NotificationItem[]; onFollow?: () => void }) {
  const markRead = useMarkRead();
  if (items.length === 0) return <p className="notification-empty">No notifications.</p>;
  return (
    <ul className="notification-list">
      {items.map((n) => {
        const look = SEVERITY_LOOK[n.severity];
        return (
          <li key={n.id} className={`notification notification-${n.severity}${n.read ? '' : ' unread'}`}>
            <span className="notification-severity">
              <StatusIcon name={look.icon} /> {look.word}
            </span>
            <a
              className="notification-title"
              href={routeHref(notificationRoute(n))}
              onClick={() => {
                if (!n.read) markRead.mutate({ ids: [n.id] });
                onFollow?.();
              }}
            >
              {n.title}
            </a>
            <span className="notification-text">{n.text}</span>
            <time className="notification-time" dateTime={n.time}>
              {formatDateTime(n.time)}
            </time>
            {n.read ? (
              <span className="notification-read">Read</span>
            ) : (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => markRead.mutate({ ids: [n.id] })}
                aria-label={`Mark read: ${n.title}`}
              >
                Mark read
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
