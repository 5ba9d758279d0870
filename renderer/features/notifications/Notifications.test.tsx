// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { NotificationCentre } from './NotificationCentre';
import { NotificationToasts, TOAST_MS } from './NotificationToasts';
import { TOAST_MAX } from './notifications-slice';

const note = (id: string, level: Notification['level'], title: string, at = 1_000): Notification => ({
  id,
  at,
  level,
  title,
  body: `${title} body`,
  botId: null,
});

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  useStore.setState(useStore.getInitialState(), true);
  bridge = new MemoryBridge({ 'notifications.list': () => [note('old-1', 'info', 'Earlier stop', 500)] });
  view = render(
    <>
      <NotificationCentre />
      <NotificationToasts />
    </>,
    createRpcClient(bridge),
  );
  await flush();
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const toasts = () =>
  [...document.querySelectorAll<HTMLElement>('[data-testid="toast"]')].map((toast) => toast.querySelector('.toast-title')?.textContent);

describe('notifications', () => {
  it('shows each notification event as a toast in a live region, which dismisses itself', async () => {
    await flush();
    expect(toasts()).toEqual([]);
    const region = document.querySelector('[data-testid="toasts"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');

    act(() => bridge.emit('notification', note('n1', 'fill', 'Grid bought 0.01 BTC', 2_000)));
    act(() => bridge.emit('notification', note('n2', 'error', 'Bot stopped: max daily loss', 3_000)));
    act(() => bridge.emit('notification', note('n1', 'fill', 'Grid bought 0.01 BTC', 2_000)));
    expect(toasts()).toEqual(['Grid bought 0.01 BTC', 'Bot stopped: max daily loss']);

    act(() => vi.advanceTimersByTime(TOAST_MS.fill));
    expect(toasts()).toEqual(['Bot stopped: max daily loss']);
    click(byRole(document, 'button', 'Dismiss: Bot stopped: max daily loss'));
    expect(toasts()).toEqual([]);
  });

  it('opens the bot a notification is about', () => {
    act(() => bridge.emit('notification', { ...note('n9', 'warning', 'Grid stopped'), botId: 'bot-7' }));
    click(byRole(document, 'button', 'Open the bot: Grid stopped'));
    expect(useStore.getState().workspace).toBe('bots');
    expect(useStore.getState().selectedBotId).toBe('bot-7');
    expect(toasts()).toEqual([]);
  });

  it('keeps at most a few toasts on screen', async () => {
    await flush();
    for (let index = 0; index < TOAST_MAX + 2; index += 1)
      act(() => bridge.emit('notification', note(`n${index}`, 'info', `Event ${index}`, index)));
    expect(toasts()).toEqual(Array.from({ length: TOAST_MAX }, (_, index) => `Event ${index + 2}`));
  });

  it('lists past and new notifications in the centre, newest first, with the unread count', async () => {
    await flush();
    expect(bridge.callsOf('notifications.list')).toEqual([{ limit: 100 }]);
    act(() => bridge.emit('notification', note('n1', 'warning', 'Exchange errors on Binance', 2_000)));
    const button = byRole(document, 'button', 'Notifications, 1 unread');
    click(button);
    const centre = byRole(document, 'dialog', 'Notifications');
    expect([...centre.querySelectorAll('.notification-title')].map((title) => title.textContent)).toEqual([
      'Exchange errors on Binance',
      'Earlier stop',
    ]);
    click(byRole(centre, 'button', 'Close'));
    expect(byRole(document, 'button', 'Notifications').textContent).toBe('Notifications');
  });
});
