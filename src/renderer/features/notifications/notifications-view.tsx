import { useState } from 'react';
import { useMarkRead, useNotifications } from '../../api/use-notifications';
import { NotificationList } from './notification-list';
import { unreadLabel } from './notification-bell';
import './notifications.css';

/** `#/notifications`: every kept notification of the caller, newest first. */
export function NotificationsView() {
  const { data, isPending, error } = useNotifications();
  const markRead = useMarkRead();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const items = (data?.items ?? []).filter((n) => !unreadOnly || !n.read);
  return (
    <section className="notifications-view" aria-labelledby="notifications-heading">
      <header className="notifications-view-head">
        <h1 id="notifications-heading">Notifications</h1>
        <span>{unreadLabel(data?.unread ?? 0)}</span>
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
          Unread only
        </label>
        <button
          type="button"
          className="btn btn-small"
          disabled={(data?.unread ?? 0) === 0}
          onClick={() => markRead.mutate({ all: true })}
        >
          Mark all read
        </button>
      </header>
      {error ? (
        <p role="alert">Could not load notifications: {error.message}</p>
      ) : isPending ? (
        <p>Loading notifications…</p>
      ) : (
        <NotificationList items={items} />
      )}
    </section>
  );
}
