/**
 * Electron's binary is unavailable in CI, so the real main bundle runs here in plain Node against
 * a fake `electron` module (test-fixtures/fake-electron.cjs), with the real core behind it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataFolderLock } from '../core/db/data-folder-lock';
import { bundleConfigs } from '../../scripts/bundles.mjs';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'test-fixtures');

describe('main process bundle (fake Electron, real core)', { timeout: 60_000 }, () => {
  let dir: string;
  let result: Record<string, unknown>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-main-smoke-'));
    const bundleDir = path.join(dir, 'dist', 'electron');
    // Bundled with scripts/build.mjs's own options (scripts/bundles.mjs): the shipped shape.
    const main = bundleConfigs({ root: ROOT, quiet: true }).find((config) => config.outfile.endsWith(`${path.sep}main.cjs`));
    if (!main) throw new Error('scripts/bundles.mjs builds no main.cjs');
    await build({ ...main, outfile: path.join(bundleDir, 'main.cjs'), sourcemap: false, logLevel: 'error' });
    // Laid out like a checkout: the bundle must find <root>/assets on its own.
    symlinkSync(path.join(ROOT, 'assets'), path.join(dir, 'assets'), 'dir');
    mkdirSync(path.join(dir, 'node_modules', 'electron'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'fake-electron.cjs'), path.join(dir, 'node_modules', 'electron', 'index.js'));
    // The person chose to keep bots running in the tray (main's own preferences file).
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    writeFileSync(path.join(dir, 'data', 'electron-preferences.json'), JSON.stringify({ keepBotsInTray: true }));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(FIXTURES, 'drive-main.cjs'), path.join(bundleDir, 'main.cjs')],
      {
        env: {
          ...process.env,
          // The fake electron sits next to the bundle; everything else resolves from the project.
          NODE_PATH: path.join(ROOT, 'node_modules'),
          TRADEWIND_DATA_DIR: path.join(dir, 'data'),
          TRADEWIND_OFFLINE: '1',
          TRADEWIND_ASSETS_DIR: '',
        },
      },
    );
    result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts without errors', () => {
    expect(result.error).toBeUndefined();
  });

  it("keeps main's and core's log lines in the data folder's rotating log file", () => {
    const text = readFileSync(path.join(dir, 'data', 'logs', 'tradewind.log'), 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \[(main|core)\] /m);
  });

  it('isolates Chromium state in the data folder and enables the sandbox everywhere', () => {
    expect(result.userData).toBe(path.join(dir, 'data', 'electron'));
    expect(result.sandboxEnabled).toBe(true);
  });

  it('hardens the session', () => {
    expect(result.sessionHooks).toEqual([
      'onBeforeRequest',
      'onHeadersReceived',
      'setDevicePermissionHandler',
      'setPermissionCheckHandler',
      'setPermissionRequestHandler',
    ]);
  });

  it('opens one hardened window on the built renderer, shown when ready', () => {
    expect(result.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: path.join(dir, 'dist', 'electron', 'preload.cjs'),
    });
    expect(result.show).toBe(false);
    expect(result.shown).toBe(true);
    expect(result.loaded).toEqual([path.join(dir, 'dist', 'renderer', 'index.html')]);
    expect(result.assetsDir).toBe(path.join(dir, 'assets'));
  });

  it('serves core over IPC to the trusted frame only', () => {
    expect(result.channels).toEqual(['tradewind:invoke', 'tradewind:sub', 'tradewind:unsub']);
    expect(result.info).toMatchObject({ ok: true, value: { name: 'Tradewind', host: 'electron', dataDir: path.join(dir, 'data') } });
    expect(result.foreign).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(result.sub).toEqual({ ok: true, value: null });
    expect(result.badSub).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('writes the full hardening into the window, with DevTools and the default menu in development only', () => {
    expect(result.webPreferences).toEqual({
      preload: path.join(dir, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    });
    // Electron's default menu (with Toggle Developer Tools) is left in place.
    expect(result.applicationMenu).toBeNull();
  });

  it('keeps WebRTC off the network and never loads the updater unless the person opted in', () => {
    expect(result.webRTCIPHandlingPolicy).toBe('disable_non_proxied_udp');
    expect(result.updaterLoaded).toBe(false);
  });

  it('as an installed app: no DevTools, its own menu without developer items, updates offered there', async () => {
    const dataDir = path.join(dir, 'data-packaged');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(FIXTURES, 'drive-main.cjs'), path.join(dir, 'dist', 'electron', 'main.cjs'), 'packaged'],
      {
        timeout: 30_000,
        env: {
          ...process.env,
          NODE_PATH: path.join(ROOT, 'node_modules'),
          TRADEWIND_DATA_DIR: dataDir,
          TRADEWIND_OFFLINE: '1',
          TRADEWIND_ASSETS_DIR: '',
        },
      },
    );
    const packaged = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
    expect(packaged.error).toBeUndefined();
    expect(packaged.webPreferences).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true, nodeIntegration: false });
    // Resources of an installed app sit next to app.asar.
    expect(packaged.assetsDir).toBe(path.join(dir, 'assets'));
    const fileMenu = process.platform === 'darwin' ? 'Tradewind' : 'File';
    expect(JSON.stringify(packaged.applicationMenu)).not.toMatch(/toggleDevTools|reload|forceReload|viewMenu/i);
    expect(packaged.applicationMenu).toContainEqual({
      [fileMenu]: expect.arrayContaining(['Check for updates…', 'Check for updates automatically', 'quit']),
    });
    expect(packaged.webRTCIPHandlingPolicy).toBe('disable_non_proxied_udp');
    expect(packaged.updaterLoaded).toBe(false);
    expect(packaged.exitCode).toBe(0);
  });

  it('blocks foreign navigation and window.open', () => {
    expect(result.navigationPrevented).toBe(true);
    expect(result.windowOpen).toEqual({ action: 'deny' });
  });

  it('puts Tradewind in the tray with its menu', () => {
    expect(result.tray).toEqual({
      toolTip: 'Tradewind · No bots running',
      menu: [
        'Show Tradewind',
        'No bots running',
        'separator',
        'Keep bots running in the tray when the window is closed',
        'separator',
        'Kill switch: stop all bots…',
        'separator',
        'Quit Tradewind',
      ],
      iconBytes: 16 * 16 * 4,
    });
  });

  it('hides the window to the tray on close when the person chose so, and shows it again from the tray', () => {
    expect(result.keepInTrayChecked).toBe(true);
    expect(result.closeHidden).toEqual({ prevented: true, shown: false });
    expect(result.shownFromTray).toBe(true);
  });

  it('closes core before exiting 0 on quit', () => {
    expect(result.exitCode).toBe(0);
    expect(pathToFileURL(path.join(dir, 'x')).protocol).toBe('file:');
  });

  it('refuses with a native error box naming the holder when another process holds the data folder', async () => {
    // A headless host on the same folder is invisible to Electron's single-instance lock.
    const dataDir = path.join(dir, 'data');
    const held = acquireDataFolderLock(dataDir, { host: 'tradewind serve' });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(FIXTURES, 'drive-main.cjs'), path.join(dir, 'dist', 'electron', 'main.cjs'), 'refused'],
        {
          timeout: 30_000,
          env: {
            ...process.env,
            NODE_PATH: path.join(ROOT, 'node_modules'),
            TRADEWIND_DATA_DIR: dataDir,
            TRADEWIND_OFFLINE: '1',
            TRADEWIND_ASSETS_DIR: '',
          },
        },
      );
      const refused = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { exitCode: number; exits: unknown[]; windows: number };
      expect(refused.exitCode).toBe(1);
      expect(refused.windows).toBe(0);
      expect(refused.exits).toHaveLength(2);
      expect(refused.exits[0]).toMatch(/^error: Tradewind is already running on this data folder: /);
      expect(refused.exits[0]).toContain(`The data folder ${dataDir} is in use by pid ${process.pid} (tradewind serve, started `);
      expect(refused.exits[0]).toContain('Close it, or point TRADEWIND_DATA_DIR elsewhere.');
      expect(refused.exits[1]).toBe(1);
    } finally {
      held.release();
    }
  });
});
