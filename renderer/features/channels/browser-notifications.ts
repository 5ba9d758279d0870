/**
 * OS notifications on the headless host, through the browser's Notification API: off until the
 * person turns them on (the permission is asked on that click, never on load), remembered in
 * localStorage. The Electron host shows native notifications itself, so there this stays off.
 */
import { useState } from 'react';
import { useRpcEvent } from '../../lib/ipc/client-context';
import { useStore } from '../../store';

const KEY = 'tradewind.browserNotifications';

export type BrowserNotificationState = 'unsupported' | 'denied' | 'off' | 'on';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function browserNotificationState(): BrowserNotificationState {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on' ? 'on' : 'off';
}

/** Turns them on (asking for permission, so call it from a click) or off; returns the new state. */
export async function setBrowserNotifications(on: boolean): Promise<BrowserNotificationState> {
  if (!supported()) return 'unsupported';
  if (!on) {
    localStorage.setItem(KEY, 'off');
    return browserNotificationState();
  }
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission === 'granted') localStorage.setItem(KEY, 'on');
  return browserNotificationState();
}

/** The setting and a setter, for the channels screen. */
export function useBrowserNotificationSetting(): [BrowserNotificationState, (on: boolean) => Promise<void>] {
  const [state, setState] = useState<BrowserNotificationState>(browserNotificationState);
  return [state, async (on) => setState(await setBrowserNotifications(on))];
}

/** Shows each core notification as a browser notification while they are on (headless host only). */
export function useBrowserNotifications(): void {
  const host = useStore((state) => state.appInfo?.host ?? null);
  useRpcEvent('notification', (notification) => {
    if (host === 'electron' || browserNotificationState() !== 'on') return;
    try {
      new Notification(notification.title, { body: notification.body, tag: notification.id });
    } catch {
      // Some browsers only allow notifications from a service worker; the in-app toast still shows it.
    }
  });
}
