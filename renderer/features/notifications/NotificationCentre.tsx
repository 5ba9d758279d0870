import { useId, useMemo, useState } from 'react';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { PanelMessage } from '../../ui/PanelMessage';
import './notifications.css';
import { formatTime } from '../../lib/format/time';
import { NotificationMutes } from './NotificationMutes';
import { matchesNotification } from './notification-search';
import { ChannelsDialog } from '../channels/ChannelsDialog';
import { useBrowserNotifications } from '../channels/browser-notifications';

/** The top bar's notification button (with the unread count) and the list it opens. */
export function NotificationCentre() {
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [channelsOpen, setChannelsOpen] = useState(false);
  useBrowserNotifications();
  const unread = useStore((state) => state.unreadNotifications);
  const notifications = useStore((state) => state.notifications);
  const markRead = useStore((state) => state.markNotificationsRead);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => notifications.filter((notification) => matchesNotification(notification, query)), [notifications, query]);
  return (
    <>
      <button
        type="button"
        className={`badge notification-button${unread > 0 ? ' notification-button--unread' : ''}`}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        data-testid="notification-centre-button"
        onClick={() => {
          setOpen(true);
          markRead();
        }}
      >
        Notifications{unread > 0 ? <span className="notification-count num">{unread}</span> : null}
      </button>
      {open ? (
        <Dialog labelledBy={titleId} onDismiss={() => setOpen(false)} className="dialog--notifications">
          <h2 className="dialog-title" id={titleId}>
            Notifications
          </h2>
          <input
            type="search"
            className="input notification-search"
            placeholder="Search notifications"
            aria-label="Search notifications"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {notifications.length === 0 ? (
            <PanelMessage>No notifications yet. Fills, errors, bot stops and your alerts appear here.</PanelMessage>
          ) : shown.length === 0 ? (
            <PanelMessage>No notification matches “{query.trim()}”. Clear the search to see them all.</PanelMessage>
          ) : (
            <ol className="notification-list" data-testid="notification-list">
              {shown.map((notification) => (
                <li key={notification.id} className={`notification-item notification-item--${notification.level}`}>
                  <span className="notification-time num">{formatTime(notification.at)}</span>
                  <strong className="notification-title">{notification.title}</strong>
                  <span className="notification-body">{notification.body}</span>
                </li>
              ))}
            </ol>
          )}
          <NotificationMutes />
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              title="Telegram, webhook and e-mail delivery, and this browser's notifications"
              onClick={() => {
                setOpen(false);
                setChannelsOpen(true);
              }}
            >
              Channels…
            </button>
            <button type="button" className="button" data-autofocus onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
      {channelsOpen ? <ChannelsDialog onClose={() => setChannelsOpen(false)} /> : null}
    </>
  );
}
