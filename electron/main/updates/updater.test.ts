/**
 * The update controller against a stand-in feed (the UpdaterPort electron-updater's autoUpdater
 * fills in the app): no network, fake timers for the schedule.
 */
import type { MessageBoxOptions } from 'electron';
import type { UpdateCheckResult } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, type MainPreferences } from '../preferences';
import { AUTO_CHECK_INTERVAL_MS, upToDatePrompt } from './update-policy';
import { createUpdateController, FIRST_AUTO_CHECK_DELAY_MS, type UpdateControllerDeps, type UpdaterPort } from './updater';

/** A feed that has `latest` (or nothing when null) and records what the controller asked of it. */
function standInFeed(latest: string | null, current = '0.2.0') {
  const calls: string[] = [];
  const feed = {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    setFeedURL: (options: unknown) => void calls.push(`setFeedURL ${JSON.stringify(options)}`),
    checkForUpdates: async () => {
      calls.push('check');
      if (latest === null) return null;
      return {
        isUpdateAvailable: latest !== current,
        updateInfo: {
          version: latest,
          releaseNotes: '<p>Grid bots</p>',
          releaseDate: '2026-12-01T00:00:00Z',
          files: [],
          path: '',
          sha512: '',
        },
      } as unknown as UpdateCheckResult;
    },
    downloadUpdate: async () => {
      calls.push('download');
      return [];
    },
    quitAndInstall: () => void calls.push('quitAndInstall'),
  };
  return { feed: feed as unknown as UpdaterPort & typeof feed, calls };
}

function setup(
  options: {
    preferences?: Partial<MainPreferences>;
    packaged?: boolean;
    latest?: string | null;
    answers?: number[];
    quitOk?: boolean;
  } = {},
) {
  let preferences: MainPreferences = { ...DEFAULT_PREFERENCES, ...options.preferences };
  const { feed, calls } = standInFeed(options.latest === undefined ? '0.3.0' : options.latest);
  const asked: MessageBoxOptions[] = [];
  const answers = [...(options.answers ?? [])];
  const loadUpdater = vi.fn(async () => feed);
  const deps: UpdateControllerDeps = {
    loadUpdater,
    preferences: () => preferences,
    savePreferences: (changes) => {
      preferences = { ...preferences, ...changes };
    },
    packaged: options.packaged ?? true,
    currentVersion: '0.2.0',
    platform: 'linux',
    ask: async (prompt) => {
      asked.push(prompt);
      return answers.shift() ?? (prompt.cancelId as number | undefined) ?? 0;
    },
    confirmQuit: async () => {
      calls.push('confirmQuit');
      return options.quitOk ?? true;
    },
    log: () => {},
  };
  const controller = createUpdateController(deps);
  return { controller, feed, calls, asked, loadUpdater, preferences: () => preferences };
}

describe('update controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never checks on its own by default: electron-updater is not even loaded', async () => {
    const { controller, loadUpdater } = setup();
    await vi.advanceTimersByTimeAsync(AUTO_CHECK_INTERVAL_MS * 3);
    expect(loadUpdater).not.toHaveBeenCalled();
    controller.dispose();
  });

  it('opted in: checks a minute after start, then every interval; never downloads without asking', async () => {
    const { controller, calls, feed, asked } = setup({ preferences: { autoUpdate: true }, latest: '0.2.0' });
    await vi.advanceTimersByTimeAsync(FIRST_AUTO_CHECK_DELAY_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['check']);
    expect(feed.autoDownload).toBe(false);
    expect(feed.autoInstallOnAppQuit).toBe(true);
    await vi.advanceTimersByTimeAsync(AUTO_CHECK_INTERVAL_MS);
    expect(calls).toEqual(['check', 'check']);
    // Automatic checks that find nothing say nothing.
    expect(asked).toEqual([]);
    controller.dispose();
    await vi.advanceTimersByTimeAsync(AUTO_CHECK_INTERVAL_MS * 2);
    expect(calls).toEqual(['check', 'check']);
  });

  it('the menu checkbox saves the choice and starts or stops the schedule', async () => {
    const { controller, calls, preferences } = setup();
    controller.setAutomatic(true);
    expect(preferences().autoUpdate).toBe(true);
    expect(controller.automatic()).toBe(true);
    await vi.advanceTimersByTimeAsync(FIRST_AUTO_CHECK_DELAY_MS);
    expect(calls).toEqual(['check']);
    controller.setAutomatic(false);
    await vi.advanceTimersByTimeAsync(AUTO_CHECK_INTERVAL_MS * 2);
    expect(calls).toEqual(['check']);
    controller.dispose();
  });

  it('"Check for updates…" says when the app is up to date', async () => {
    const { controller, asked } = setup({ latest: '0.2.0' });
    await controller.checkNow();
    expect(asked).toEqual([upToDatePrompt('0.2.0')]);
  });

  it('shows the new version with its release notes, downloads on yes, installs after the quit question', async () => {
    const { controller, calls, asked } = setup({ answers: [0, 0] });
    await controller.checkNow();
    expect(asked.map((prompt) => prompt.title)).toEqual(['Update available', 'Update ready']);
    expect(asked[0]?.message).toContain('Tradewind 0.3.0 is available');
    expect(asked[0]?.detail).toContain('Grid bots');
    expect(calls).toEqual(['check', 'download', 'confirmQuit', 'quitAndInstall']);
  });

  it('"Later" downloads nothing, and automatic checks do not ask again about that version', async () => {
    const { controller, calls, asked } = setup({ preferences: { autoUpdate: true }, answers: [1] });
    await controller.checkNow();
    expect(calls).toEqual(['check']);
    await vi.advanceTimersByTimeAsync(FIRST_AUTO_CHECK_DELAY_MS);
    expect(calls).toEqual(['check', 'check']);
    expect(asked).toHaveLength(1);
    controller.dispose();
  });

  it('keeps the app running when the person cancels the quit (running bots)', async () => {
    const { controller, calls } = setup({ answers: [0, 0], quitOk: false });
    await controller.checkNow();
    expect(calls).toEqual(['check', 'download', 'confirmQuit']);
  });

  it("uses the person's feed URL instead of the built-in one", async () => {
    const { controller, calls } = setup({ preferences: { updateFeedUrl: 'https://mirror.example/tradewind/' }, latest: '0.2.0' });
    await controller.checkNow();
    expect(calls).toEqual(['setFeedURL {"provider":"generic","url":"https://mirror.example/tradewind/"}', 'check']);
  });

  it('refuses a bad feed URL with the reason, without loading the updater', async () => {
    const { controller, asked, loadUpdater } = setup({ preferences: { updateFeedUrl: 'http://mirror.example/' } });
    await controller.checkNow();
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(asked[0]?.title).toBe('Update failed');
    expect(asked[0]?.detail).toMatch(/updateFeedUrl must use https/);
  });

  it('says updates need an installed app when electron-updater is inactive (development)', async () => {
    const { controller, asked } = setup({ packaged: false, latest: null });
    await controller.checkNow();
    expect(asked[0]?.message).toBe('Updates are checked only in an installed Tradewind.');
  });
});
