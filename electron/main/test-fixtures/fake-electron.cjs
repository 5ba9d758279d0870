/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS fixture: the CJS main bundle require()s it */
/**
 * Just enough of Electron's main-process API to run the bundled main process in plain Node:
 * records what main configures and lets the smoke test drive IPC and quitting.
 */
const { EventEmitter } = require('node:events');

const record = {
  setPaths: {},
  sandboxEnabled: false,
  windows: [],
  handlers: {},
  sessionHooks: [],
  exits: [],
  loaded: [],
  trays: [],
  notifications: [],
  messageBoxes: [],
};
globalThis.__fakeElectron = record;

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  // As in Electron: these only work before 'ready' (the Chromium profile and the sandbox are
  // fixed when the browser process starts), so main must call them at load, not in start().
  setPath(name, value) {
    if (this.ready && name === 'userData') throw new Error("app.setPath('userData') must be called before the app is ready");
    record.setPaths[name] = value;
  }
  enableSandbox() {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    record.sandboxEnabled = true;
  }
  setAppUserModelId(id) {
    record.appUserModelId = id;
  }
  getVersion() {
    return '0.1.0';
  }
  requestSingleInstanceLock() {
    return true;
  }
  isReady() {
    return this.ready;
  }
  whenReady() {
    return Promise.resolve().then(() => {
      this.ready = true;
    });
  }
  quit() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.exit(0);
  }
  exit(code) {
    record.exits.push(code);
    globalThis.__onFakeExit?.(code);
  }
  relaunch() {
    record.exits.push('relaunch');
  }
}
const app = new FakeApp();
record.app = app;

let nextId = 1;
class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.mainFrame = { url: '', parent: null, routingId: 1, processId: 100 + this.id };
    this.sent = [];
    this.destroyed = false;
    this.windowOpenHandler = null;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  setWebRTCIPHandlingPolicy(policy) {
    this.webRTCIPHandlingPolicy = policy;
  }
}

class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    BrowserWindow.all.push(this);
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file) {
    const { pathToFileURL } = require('node:url');
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    record.loaded.push(file);
    this.emit('ready-to-show');
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  hide() {
    this.shown = false;
  }
  isDestroyed() {
    return false;
  }
}

// The tray, its menu and notifications: recorded, so the smoke test sees what main set up.
class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.menu = null;
    this.toolTip = '';
    this.destroyed = false;
    record.trays.push(this);
  }
  setToolTip(text) {
    this.toolTip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

const Menu = {
  buildFromTemplate(template) {
    return { items: template };
  },
  // Not called in development (Electron's default menu stays); recorded when main sets its own.
  setApplicationMenu(menu) {
    record.applicationMenu = menu;
  },
};

const nativeImage = {
  createFromBitmap(buffer, options) {
    return {
      bytes: buffer.length,
      ...options,
      representations: [{ scaleFactor: options.scaleFactor, bytes: buffer.length }],
      template: false,
      addRepresentation(rep) {
        this.representations.push({ scaleFactor: rep.scaleFactor, bytes: rep.buffer.length });
      },
      setTemplateImage(on) {
        this.template = on;
      },
    };
  },
};

class Notification extends EventEmitter {
  static isSupported() {
    return false;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record.notifications.push(this.options);
  }
}

const ipcMain = {
  handle(channel, handler) {
    record.handlers[channel] = handler;
  },
  removeHandler(channel) {
    delete record.handlers[channel];
  },
};

const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: () => record.sessionHooks.push('onHeadersReceived'),
      onBeforeRequest: () => record.sessionHooks.push('onBeforeRequest'),
    },
    setPermissionRequestHandler: () => record.sessionHooks.push('setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record.sessionHooks.push('setPermissionCheckHandler'),
    setDevicePermissionHandler: () => record.sessionHooks.push('setDevicePermissionHandler'),
  },
};

module.exports = {
  app,
  // Electron's own autoUpdater: main listens for 'before-quit-for-update' on it.
  autoUpdater: new EventEmitter(),
  BrowserWindow,
  ipcMain,
  session,
  shell: { openExternal: async () => {} },
  Tray,
  Menu,
  nativeImage,
  Notification,
  dialog: {
    showErrorBox: (title, message) => record.exits.push(`error: ${title}: ${message}`),
    // The button a test picked (FAKE_MESSAGE_BOX_RESPONSE), else the cancelId.
    showMessageBoxSync: (...args) => {
      const options = args.length > 1 ? args[1] : args[0];
      record.messageBoxes.push(options);
      const picked = process.env.FAKE_MESSAGE_BOX_RESPONSE;
      return picked === undefined ? (options.cancelId ?? 0) : Number(picked);
    },
    // Answers "Cancel"-style (the cancelId) unless a test set record.messageBoxResponse.
    showMessageBox: async (...args) => {
      const options = args.length > 1 ? args[1] : args[0];
      record.messageBoxes.push({ ...options, modal: args.length > 1 });
      return { response: record.messageBoxResponse ?? options.cancelId ?? 0, checkboxChecked: false };
    },
  },
};
