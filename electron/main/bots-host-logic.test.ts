import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotView, Notification } from '../../shared/ipc/schemas/bots';
import type { Core } from '../core/types';
import { countBots, trackBotCensus } from './bot-census';
import { decideOnClose, keepRunningPrompt, killSwitchReport, quitPrompt } from './close-policy';
import { bindOsNotifications, type OsNotifier } from './os-notifications';
import { DEFAULT_PREFERENCES, loadPreferences, preferencesFile, savePreferences } from './preferences';
import { trayMenuTemplate } from './tray-menu';

type Bot = Pick<BotView, 'id' | 'state' | 'mode'>;
const bot = (id: string, state: BotView['state'], mode: BotView['mode'] = 'paper'): Bot => ({ id, state, mode });

/** Just enough of core for main's bot glue: bots.list answers and an event stream. */
function fakeCore(listed: { ok: true; value: Bot[] } | { ok: false; error: { code: 'unknown_method'; message: string } }) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const core = {
    invoke: vi.fn(async () => listed),
    subscribe: vi.fn((topic: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener);
      listeners.set(topic, set);
      return () => set.delete(listener);
    }),
  };
  const emit = (topic: string, payload: unknown) => listeners.get(topic)?.forEach((listener) => listener(payload));
  return { core: core as unknown as Pick<Core, 'invoke' | 'subscribe'>, emit, listeners };
}

describe('bot census', () => {
  it('counts running, paused and stopping bots, and the live ones among them', () => {
    expect(
      countBots([
        bot('a', 'running', 'live'),
        bot('b', 'paused'),
        bot('c', 'stopped', 'live'),
        bot('d', 'stopping', 'live'),
        bot('e', 'error'),
      ]),
    ).toEqual({ active: 3, live: 2 });
  });

  it('follows bots.list and the change events, and keeps the last state when core cannot answer', async () => {
    const { core, emit } = fakeCore({ ok: true, value: [bot('a', 'running', 'live')] });
    const log = vi.fn();
    const census = trackBotCensus(core, log);
    const changes: unknown[] = [];
    census.onChange((next) => changes.push(next));
    expect(await census.refresh()).toEqual({ active: 1, live: 1 });
    emit('bots.changed', { bots: [bot('b', 'running')] });
    expect(census.current()).toEqual({ active: 2, live: 1 });
    emit('bots.deleted', { ids: ['a'] });
    expect(census.current()).toEqual({ active: 1, live: 0 });
    expect(changes).toEqual([
      { active: 1, live: 1 },
      { active: 2, live: 1 },
      { active: 1, live: 0 },
    ]);

    const failing = trackBotCensus(
      fakeCore({ ok: false, error: { code: 'unknown_method', message: 'No handler for bots.list' } }).core,
      log,
    );
    expect(await failing.refresh()).toEqual({ active: 0, live: 0 });
    expect(log).toHaveBeenCalledWith('bots: cannot list bots (unknown_method: No handler for bots.list); using the last known state');
  });
});

describe('close and quit policy', () => {
  it('hides to the tray only when chosen, and asks when never chosen and bots run', () => {
    expect(decideOnClose(true, { active: 0, live: 0 })).toBe('hide');
    expect(decideOnClose(false, { active: 3, live: 1 })).toBe('close');
    expect(decideOnClose(null, { active: 0, live: 0 })).toBe('close');
    expect(decideOnClose(null, { active: 2, live: 0 })).toBe('ask');
    expect(keepRunningPrompt({ active: 2, live: 0 })).toMatchObject({
      message: '2 bots are running. Keep them running in the tray?',
      buttons: ['Keep running in the tray', 'Quit'],
      checkboxLabel: expect.stringContaining('Remember'),
    });
  });

  it('asks before quitting only with live bots, naming how many, with Cancel as the default', () => {
    expect(quitPrompt({ active: 4, live: 0 })).toBeNull();
    expect(quitPrompt({ active: 4, live: 1 })).toMatchObject({
      message: '1 bot is trading with real money. Quit anyway?',
      buttons: ['Quit', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    });
    expect(quitPrompt({ active: 4, live: 3 })?.message).toBe('3 bots are trading with real money. Quit anyway?');
  });

  it('reports the kill switch outcome, failures included', () => {
    expect(killSwitchReport({ ok: true, value: { botsStopped: 2, ordersCancelled: 5, failures: [] } })).toMatchObject({
      type: 'info',
      message: '2 bots stopped, 5 orders cancelled.',
    });
    expect(
      killSwitchReport({
        ok: true,
        value: { botsStopped: 1, ordersCancelled: 0, failures: [{ clientOrderId: 'tw-1', message: 'timed out' }] },
      }).detail,
    ).toBe('1 could not be cancelled; check them on the exchange:\n• tw-1: timed out');
    expect(killSwitchReport({ ok: false, error: { message: 'Core is closing.' } })).toMatchObject({
      type: 'error',
      detail: 'Core is closing. Open Tradewind and check the bots.',
    });
  });
});

describe('tray menu', () => {
  it('shows the bot status, the preference as a checkbox, and wires every action', () => {
    const actions = { show: vi.fn(), killSwitch: vi.fn(), setKeepBotsInTray: vi.fn(), quit: vi.fn() };
    const items = trayMenuTemplate({ census: { active: 3, live: 1 }, keepBotsInTray: false }, actions);
    expect(items.map((item) => item.label ?? item.type)).toEqual([
      'Show Tradewind',
      '3 bots running (1 live)',
      'separator',
      'Keep bots running in the tray when the window is closed',
      'separator',
      'Kill switch: stop all bots…',
      'separator',
      'Quit Tradewind',
    ]);
    const click = (label: string, checked = false) => {
      const item = items.find((candidate) => candidate.label === label);
      (item?.click as unknown as (menuItem: { checked: boolean }) => void)({ checked });
    };
    click('Show Tradewind');
    click('Keep bots running in the tray when the window is closed', true);
    click('Kill switch: stop all bots…');
    click('Quit Tradewind');
    expect(actions.show).toHaveBeenCalledOnce();
    expect(actions.setKeepBotsInTray).toHaveBeenCalledWith(true);
    expect(actions.killSwitch).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
    expect(items[3]).toMatchObject({ type: 'checkbox', checked: false });
  });
});

describe('OS notifications', () => {
  const notification: Notification = { id: 'n1', at: 1, level: 'error', title: 'Bot stopped', body: 'Max daily loss reached', botId: 'b1' };

  it('shows each core notification where the OS supports it, and opens the app on click', () => {
    const { core, emit } = fakeCore({ ok: true, value: [] });
    const shown: Array<{ title: string; body: string; urgent: boolean; click: () => void }> = [];
    const notifier: OsNotifier = { isSupported: () => true, show: (note, onClick) => shown.push({ ...note, click: onClick }) };
    const onClick = vi.fn();
    bindOsNotifications(core, notifier, onClick, () => {});
    emit('notification', notification);
    expect(shown.map(({ click: _click, ...rest }) => rest)).toEqual([
      { title: 'Bot stopped', body: 'Max daily loss reached', urgent: true },
    ]);
    shown[0]!.click();
    expect(onClick).toHaveBeenCalledWith(notification);
  });

  it('leaves it to the in-app toast where the OS has no notifications, and says so once', () => {
    const { core, emit } = fakeCore({ ok: true, value: [] });
    const show = vi.fn();
    const log = vi.fn();
    const off = bindOsNotifications(core, { isSupported: () => false, show }, () => {}, log);
    emit('notification', notification);
    expect(show).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    off();
  });
});

describe('preferences file', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('starts with "never chosen", saves atomically and reads back; a broken file falls back with a log line', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-prefs-'));
    const file = preferencesFile(path.join(dir, 'data'));
    const log = vi.fn();
    expect(loadPreferences(file, log)).toEqual(DEFAULT_PREFERENCES);
    expect(log).not.toHaveBeenCalled();
    savePreferences(file, { keepBotsInTray: true }, log);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...DEFAULT_PREFERENCES, keepBotsInTray: true });
    expect(loadPreferences(file, log)).toEqual({ ...DEFAULT_PREFERENCES, keepBotsInTray: true });
    // Each part of main changes its own preferences; the others stay as saved.
    savePreferences(file, { autoUpdate: true }, log);
    expect(loadPreferences(file, log)).toEqual({ ...DEFAULT_PREFERENCES, keepBotsInTray: true, autoUpdate: true });

    writeFileSync(file, '{"keepBotsInTray":"yes"}');
    expect(loadPreferences(file, log)).toEqual(DEFAULT_PREFERENCES);
    writeFileSync(file, 'not json');
    expect(loadPreferences(file, log)).toEqual(DEFAULT_PREFERENCES);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]![0]).toContain('keepBotsInTray');
  });
});
