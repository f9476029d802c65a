import { useState } from 'react';
import { useMarkRead, useNotifications } from '../../api/use-notifications';
import { NotificationList } from './notification-list';
import { unreadLabel } from './notification-bell';
import './notifications.css';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';

/** `#/notifications`: every kept notification of the caller, newest first. */
export function NotificationsView() {
  const { data, isPending, error } = useNotifications();
  const markRead = useMarkRead();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const items = (data?.items ?? []).filter((n) => !unreadOnly || !n.read);
  const unread = data?.unread ?? 0;
  // The list's Mark all read and each Mark read, for the palette.
  useScreenPaletteEntries('notifications', [
    {
      id: 'notifications:mark-all',
      name: 'Mark all read',
      keywords: ['notifications', 'unread', 'clear'],
      kind: 'action',
      group: 'Notifications',
      ...(unread === 0 ? { disabled: true, detail: 'Nothing unread' } : {}),
      run: () => markRead.mutate({ all: true }),
    },
    ...items
      .filter((n) => !n.read)
      .map((n): PaletteEntry => ({
        id: `notifications:mark:${n.id}`,
        name: `Mark read: ${n.title}`,
        keywords: ['notification', n.text],
        kind: 'action',
        group: 'Notifications',
        run: () => markRead.mutate({ ids: [n.id] }),
      })),
  ]);
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
