import { describe, expect, it } from 'vitest';
import { gridBot, liveDcaBot } from './test-fixtures';
import { createAppStore } from '../../store';

describe('bots slice', () => {
  it('selects the newest bot, applies changes and forgets deleted bots', () => {
    const store = createAppStore();
    const grid = gridBot();
    const dca = liveDcaBot();
    store.getState().setBots([grid, dca]);
    expect(store.getState().selectedBotId).toBe(dca.id);
    store.getState().selectBot(grid.id);
    store.getState().applyBotViews([{ ...grid, state: 'running' }]);
    expect(store.getState().botsById[grid.id]?.state).toBe('running');
    store.getState().setBots([grid, dca]);
    expect(store.getState().selectedBotId).toBe(grid.id);
    store.getState().removeBots([grid.id]);
    expect(Object.keys(store.getState().botsById)).toEqual([dca.id]);
    expect(store.getState().selectedBotId).toBeNull();
  });

  it('keeps one notification per id, newest first, and toasts only new ones', () => {
    const store = createAppStore();
    const note = (id: string, at: number) => ({ id, at, level: 'info' as const, title: id, body: '', botId: null });
    store.getState().pushNotification(note('b', 2));
    store.getState().setNotifications([note('a', 1), note('b', 2)]);
    store.getState().pushNotification(note('b', 2));
    store.getState().pushNotification(note('c', 3));
    expect(store.getState().notifications.map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(store.getState().toastIds).toEqual(['b', 'c']);
    expect(store.getState().unreadNotifications).toBe(2);
    store.getState().markNotificationsRead();
    expect(store.getState().unreadNotifications).toBe(0);
  });
});
