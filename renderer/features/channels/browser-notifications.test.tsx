// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore, type Store } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { ChannelsDialog } from './ChannelsDialog';
import { useBrowserNotifications } from './browser-notifications';

/** The browser's Notification API as jsdom lacks it: records what the page shows and asks. */
class FakeBrowserNotification {
  static permission: NotificationPermission = 'default';
  static requests = 0;
  static shown: Array<{ title: string; body?: string }> = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeBrowserNotification.requests += 1;
    FakeBrowserNotification.permission = 'granted';
    return Promise.resolve('granted');
  }
  constructor(title: string, options?: NotificationOptions) {
    FakeBrowserNotification.shown.push({ title, body: options?.body });
  }
}

function Feed() {
  useBrowserNotifications();
  return null;
}

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(async () => {
  FakeBrowserNotification.permission = 'default';
  FakeBrowserNotification.requests = 0;
  FakeBrowserNotification.shown = [];
  vi.stubGlobal('Notification', FakeBrowserNotification);
  localStorage.clear();
  useStore.setState(useStore.getInitialState(), true);
  useStore.setState({ appInfo: { host: 'server' } as Store['appInfo'] });
  bridge = new MemoryBridge({ 'channels.list': () => [], 'channels.deliveries': () => [] });
  view = render(
    <>
      <Feed />
      <ChannelsDialog onClose={() => {}} />
    </>,
    createRpcClient(bridge),
  );
  await flush();
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

const note = (title: string) => ({ id: title, at: 1, level: 'fill' as const, title, body: `${title} body`, botId: null });

describe('browser notifications on the headless host', () => {
  it('asks for permission only on the click, then shows each notification', async () => {
    act(() => bridge.emit('notification', note('Before')));
    expect(FakeBrowserNotification.requests).toBe(0);
    expect(FakeBrowserNotification.shown).toEqual([]);

    const toggle = byRole<HTMLInputElement>(document.body, 'checkbox', 'Show notifications from this browser');
    expect(toggle.checked).toBe(false);
    click(toggle);
    await flush();
    expect(FakeBrowserNotification.requests).toBe(1);
    expect(toggle.checked).toBe(true);

    act(() => bridge.emit('notification', note('Buy order filled: BTC/USDT')));
    expect(FakeBrowserNotification.shown).toEqual([{ title: 'Buy order filled: BTC/USDT', body: 'Buy order filled: BTC/USDT body' }]);

    click(toggle);
    await flush();
    act(() => bridge.emit('notification', note('After')));
    expect(FakeBrowserNotification.shown).toHaveLength(1);
  });
});
