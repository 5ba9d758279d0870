/**
 * Electron main: lifecycle and glue only. Everything it exposes to the renderer goes through the
 * IPC dispatcher into core, which validates against the contract.
 */
import path from 'node:path';
import { app, autoUpdater as nativeUpdater, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { installSignalListener, type SignalListener } from './signal-listener';
import { installMcpSwitch, type McpSwitch } from './mcp-switch';
import { createCore, DataFolderLockedError } from '../core/index';
import { assertSqliteLoads } from '../core/db/native-module-error';
import { redact } from '../core/logs/redact';
import { logFileFor } from '../core/logs/rotating-log';
import { resolveDataDir } from '../core/paths';
import type { Core } from '../core/types';
import { packagedMenuTemplate } from './app-menu';
import { appUrlFor } from './app-url';
import { windowsAppUserModelId } from './app-identity';
import { installBotsHost, type BotsHost } from './bots-host';
import { handleDatabaseRefusal } from './database-refusal';
import { APP_LINKS, ccxtExchangeLinks, createExternalLinkPolicy } from './external-links';
import { guardWebContents, hardenSession } from './hardening';
import { createNativeConfirmer } from './native-confirmer';
import { bindIpc } from './ipc';
import { createIpcDispatcher, type IpcDispatcher } from './ipc-dispatch';
import { appPaths } from './paths';
import { loadPreferences, preferencesFile, savePreferences } from './preferences';
import { createUpdateController, type UpdateController } from './updates/updater';
import { createMainWindow } from './window';
import { popoutUrlFor, popoutWindowOptions } from './popout-window';

/** Main's own lines: to the data folder's rotating log file (core/logs) and, redacted, to stderr. */
const log = (line: string): void => {
  logFileFor(resolveDataDir()).write(line, 'main');
  process.stderr.write(`[main] ${redact(line)}\n`);
};

const paths = appPaths(__dirname, app.isPackaged, process.resourcesPath);
const appUrl = appUrlFor(paths.rendererIndex);
// A dock panel detached into its own window (the only window.open the app allows).
const popout = { url: popoutUrlFor(paths.rendererIndex), windowOptions: () => popoutWindowOptions(!app.isPackaged) };
// An explicit (non-empty) TRADEWIND_ASSETS_DIR wins, as core documents.
if (!process.env.TRADEWIND_ASSETS_DIR) process.env.TRADEWIND_ASSETS_DIR = paths.assets;

// Chromium's profile (and with it the single-instance lock) lives in our data folder, so a
// TRADEWIND_DATA_DIR run is fully isolated from the user's real installation.
app.setPath('userData', path.join(resolveDataDir(), 'electron'));
app.enableSandbox();
// Without it Windows drops the app's toast notifications (app-identity.ts).
if (process.platform === 'win32') app.setAppUserModelId(windowsAppUserModelId(app.isPackaged, process.execPath));

let mainWindow: BrowserWindow | null = null;
let corePromise: Promise<Core> | null = null;
let dispatcher: IpcDispatcher | null = null;
let botsHost: BotsHost | null = null;
let updates: UpdateController | null = null;
let signalListener: SignalListener | null = null;
let mcpSwitch: McpSwitch | null = null;
/** Set once the person said yes to quitting with running bots. */
let quitConfirmed = false;
// Links go to the browser only when they lead to an exchange's own site or docs (external-links.ts).
const linkToOpen = createExternalLinkPolicy(() => [APP_LINKS, ccxtExchangeLinks()]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { appUrl, linkToOpen, openExternal: (url) => void shell.openExternal(url), log, popout });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // macOS dock click: bring back a window hidden to the tray, or open one.
  app.on('activate', () => showWindow());
  installGracefulQuit();
  // A stray rejection in a background task is logged; it must not take down a terminal that
  // may be running bots (Node's default would crash the main process).
  process.on('unhandledRejection', (reason) =>
    log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
  );
  app.whenReady().then(start, (err: unknown) => fatal(err));
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, log);
  try {
    // SQLite's native module first: when it cannot load, the advice is about node_modules
    // (`npm ci` with Node 24), not about the data folder that core would blame.
    assertSqliteLoads();
  } catch (err) {
    fatal(err);
    return;
  }
  corePromise = createCore({
    host: 'electron',
    // Core writes its own lines to the log file and hands them over redacted: stderr only here.
    log: (line) => process.stderr.write(`[core] ${line}\n`),
    // "Open logs folder" in the Data dialog: only main may drive the desktop shell.
    openFolder: (dir) => shell.openPath(dir),
    // Weakening actions (confirmations off, risky keys, live bots, limits) are confirmed in a native dialog, never by the page.
    trustedConfirmer: createNativeConfirmer({ dialog, window: () => mainWindow }),
  });
  let core: Core;
  try {
    core = await corePromise;
  } catch (err) {
    corePromise = null;
    fatal(err);
    return;
  }
  dispatcher = createIpcDispatcher(core, appUrl, log);
  bindIpc(ipcMain, dispatcher);
  botsHost = installBotsHost({ core, showWindow, quit: () => app.quit(), log });
  // Opt-in loopback port for inbound signals (Bots → Signals…); closed while signals are off.
  signalListener = installSignalListener(core, log);
  // Opt-in loopback MCP endpoint for AI agents (Agents dialog's switch); `tradewind mcp` relays to it.
  mcpSwitch = installMcpSwitch(core, loadPreferences(preferencesFile(core.dataDir), log).mcpPort, log);
  installUpdates(preferencesFile(core.dataDir));
  openWindow(dispatcher);
}

/**
 * Opt-in updates, and the packaged menu that offers them. DevTools and Electron's default menu
 * (Toggle Developer Tools, Reload) exist only in development.
 */
function installUpdates(file: string): void {
  const controller = createUpdateController({
    // Loaded on the first check only; a run that never checks never loads it.
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    preferences: () => loadPreferences(file, log),
    savePreferences: (changes) => void savePreferences(file, changes, log),
    packaged: app.isPackaged,
    currentVersion: app.getVersion(),
    platform: process.platform,
    ask: async (options) => (await dialog.showMessageBox(options)).response,
    // Asked before the installer starts; the quit that follows does not ask again (below).
    confirmQuit: async () => (await botsHost?.confirmQuit()) ?? true,
    log: (line) => log(line),
  });
  updates = controller;
  // electron-updater (and Squirrel.Mac) announce this right before the quit that installs, which
  // comes only after the person answered the running-bots question above: no second question.
  // Squirrel.Mac closes the windows before quitting: they must close, not hide to the tray.
  nativeUpdater.on('before-quit-for-update', () => {
    quitConfirmed = true;
    botsHost?.markQuitting();
  });
  if (!app.isPackaged) return;
  const refreshMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        packagedMenuTemplate(
          process.platform,
          { automaticUpdates: controller.automatic() },
          {
            checkForUpdates: () => void controller.checkNow(),
            setAutomaticUpdates: (on) => {
              controller.setAutomatic(on);
              refreshMenu();
            },
          },
        ),
      ),
    );
  refreshMenu();
}

function openWindow(ipc: IpcDispatcher): void {
  const win = createMainWindow({ preloadPath: paths.preload, rendererIndex: paths.rendererIndex, devTools: !app.isPackaged }, ipc, log);
  mainWindow = win;
  botsHost?.attachWindow(win);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}

/** Shows the main window (restored, focused), or opens one when there is none. */
function showWindow(): void {
  if (!mainWindow) {
    if (dispatcher && BrowserWindow.getAllWindows().length === 0) openWindow(dispatcher);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * Quitting with live bots asks first (the bots host knows them); then core flushes storage and
 * stops bots and streams before the process goes.
 */
function installGracefulQuit(): void {
  let closing = false;
  let asking = false;
  app.on('before-quit', (event) => {
    // Also covers a quit while core is still starting: wait for it, then close it.
    const pending = corePromise;
    if (!pending) return;
    event.preventDefault();
    if (closing || asking) return;
    const host = botsHost;
    if (host && !quitConfirmed) {
      asking = true;
      host.confirmQuit().then(
        (ok) => {
          asking = false;
          if (!ok) return;
          quitConfirmed = true;
          app.quit();
        },
        (err: unknown) => {
          asking = false;
          log(`quit confirmation failed: ${String(err)}; not quitting`);
        },
      );
      return;
    }
    closing = true;
    host?.markQuitting();
    host?.dispose();
    updates?.dispose();
    dispatcher?.dispose();
    pending
      .then(async (core) => {
        await signalListener?.dispose().catch((err: unknown) => log(`closing the signal listener failed: ${String(err)}`));
        await mcpSwitch?.dispose().catch((err: unknown) => log(`closing the MCP endpoint failed: ${String(err)}`));
        await core.close();
      })
      .catch((err: unknown) => log(`core.close failed: ${String(err)}`))
      .finally(() => {
        corePromise = null;
        app.exit(0);
      });
  });
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log(`fatal: ${message}`);
  if (handleDatabaseRefusal(err, log)) return;
  // Another Tradewind (often a headless `tradewind serve`, which Electron's single-instance lock
  // cannot see) holds the data folder: the message names it and says what to do.
  const title = err instanceof DataFolderLockedError ? 'Tradewind is already running on this data folder' : 'Tradewind could not start';
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
  app.exit(1);
}
