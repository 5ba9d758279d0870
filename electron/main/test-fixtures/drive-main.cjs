/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS driver: loads the CJS main bundle with require() */
/**
 * Runs the bundled main process against the fake Electron and reports what happened as one JSON
 * line on stdout. argv: <main.cjs> [refused|packaged]. `packaged` runs it as an installed app.
 * With `refused`, main is expected to give up at
 * start (its data folder is held by another process): the report is its exit and error boxes.
 */
const [, , mainBundle, mode] = process.argv;
const out = {};
globalThis.__onFakeExit = (code) => {
  out.exitCode = code;
  if (mode === 'refused') {
    out.exits = globalThis.__fakeElectron.exits;
    out.windows = globalThis.__fakeElectron.windows.length;
    out.messageBoxes = globalThis.__fakeElectron.messageBoxes;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
};

// Resolving the real 'electron' package would start a binary download; refuse unless the bundle
// sees the fake one.
const path = require('node:path');
const resolved = require.resolve('electron', { paths: [path.dirname(mainBundle)] });
if (!resolved.startsWith(path.resolve(path.dirname(mainBundle), '../..'))) {
  process.stdout.write(`${JSON.stringify({ error: `bundle would load the real electron: ${resolved}` })}\n`);
  process.exit(1);
}
if (mode === 'packaged') {
  // As an installed app: app.isPackaged, and resources (assets) next to the app.
  require(resolved).app.isPackaged = true;
  process.resourcesPath = path.resolve(path.dirname(mainBundle), '../..');
}
require(mainBundle);
const record = globalThis.__fakeElectron;
/** A menu as labels (or roles), submenus nested. */
const menuShape = (items) =>
  items.map((item) => (item.submenu ? { [item.label]: menuShape(item.submenu) } : (item.label ?? item.role ?? item.type)));

async function waitFor(check) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('timed out waiting for main to start');
}

(async () => {
  // A refused start reports through __onFakeExit; nothing to drive.
  if (mode === 'refused') return;
  await waitFor(() => record.windows.length === 1 && record.handlers['tradewind:invoke']);
  const win = record.windows[0];
  const contents = win.webContents;
  const trusted = { sender: contents, senderFrame: contents.mainFrame };
  const foreign = { sender: contents, senderFrame: { ...contents.mainFrame, url: 'https://evil.example/' } };

  out.userData = record.setPaths.userData;
  out.sandboxEnabled = record.sandboxEnabled;
  out.sessionHooks = record.sessionHooks.sort();
  out.webPreferences = win.options.webPreferences;
  out.webRTCIPHandlingPolicy = contents.webRTCIPHandlingPolicy;
  out.applicationMenu = record.applicationMenu ? menuShape(record.applicationMenu.items) : null;
  // Updates are opt-in: with the default preferences electron-updater is never even loaded.
  out.updaterLoaded = Object.keys(require.cache).some((file) => file.includes(`${path.sep}electron-updater${path.sep}`));
  out.show = win.options.show;
  out.shown = win.shown === true;
  out.loaded = record.loaded;
  out.channels = Object.keys(record.handlers).sort();
  out.assetsDir = process.env.TRADEWIND_ASSETS_DIR;
  out.info = await record.handlers['tradewind:invoke'](trusted, 'app.info', undefined);
  out.foreign = await record.handlers['tradewind:invoke'](foreign, 'app.info', undefined);
  out.sub = await record.handlers['tradewind:sub'](trusted, 'marketData.status');
  out.badSub = await record.handlers['tradewind:sub'](trusted, 'nope');
  const navigation = {
    url: 'https://evil.example/',
    preventDefault() {
      this.prevented = true;
    },
  };
  contents.emit('will-navigate', navigation);
  out.navigationPrevented = navigation.prevented === true;
  out.windowOpen = contents.windowOpenHandler({ url: 'https://evil.example/' });
  const tray = record.trays[0];
  out.tray = tray
    ? { toolTip: tray.toolTip, menu: tray.menu.items.map((item) => item.label ?? item.type), iconBytes: tray.image.bytes }
    : null;
  // The data folder holds the "keep bots running in the tray" choice: closing hides the window.
  out.keepInTrayChecked = tray.menu.items.find((item) => item.type === 'checkbox').checked;
  const close = {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
  win.emit('close', close);
  out.closeHidden = { prevented: close.prevented, shown: win.shown };
  tray.menu.items.find((item) => item.label === 'Show Tradewind').click();
  out.shownFromTray = win.shown;
  record.app.quit();
  // Quitting asks core for live bots first; the app exits only after that answer.
  await waitFor(() => out.exitCode !== undefined);
})().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err && err.stack) })}\n`);
  process.exit(1);
});
