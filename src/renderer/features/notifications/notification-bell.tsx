import { useEffect, useRef, useState } from 'react';
import { useMarkRead, useNotifications } from '../../api/use-notifications';
import { routeHref } from '../../app/routes';
import { NotificationList } from './notification-list';
import './notifications.css';

export function unreadLabel(unread: number): string {
  return `${unread} unread notification${unread === 1 ? '' : 's'}`;
}

/** The bell in the top bar: unread count, and a panel below it that covers no data (it opens on demand). */
export function NotificationBell() {
  const { data } = useNotifications();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const unread = data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <span className="notification-bell" ref={root}>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label={unreadLabel(unread)}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          className="icon"
          viewBox="0 0 16 16"
          width="14"
          height="14"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.7"
          aria-hidden="true"
        >
          <path d="M4 11V7a4 4 0 0 1 8 0v4l1 1.5H3z M6.5 14h3" />
        </svg>
        <span className="notification-count">{unread}</span>
      </button>
      {open && (
        <div id="notification-panel" className="notification-panel" role="region" aria-label="Notifications">
          <div className="notification-panel-head">
            <strong>Notifications</strong>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={unread === 0}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
            <a href={routeHref({ name: 'notifications' })} onClick={() => setOpen(false)}>
              All notifications
            </a>
          </div>
          <NotificationList items={(data?.items ?? []).slice(0, 20)} onFollow={() => setOpen(false)} />
        </div>
      )}
    </span>
  );
}
