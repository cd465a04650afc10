// A stand-in for Electron's main-process API, just deep enough for dist/main.js. It records what
// the shell does as `FAKE {json}` lines on stdout and takes commands as JSON lines on stdin, so a
// test can play the user (click a notification, follow a link) and the page (ask for a permission).
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const record = (what, data = {}) => process.stdout.write(`FAKE ${JSON.stringify({ what, ...data })}\n`);
const paths = new Map([['appData', process.env.FAKE_APP_DATA ?? '/nonexistent']]);
const windows = [];
const notifications = [];
const handlers = {};

class FakeApp extends EventEmitter {
  setName(name) {
    record('app.setName', { name });
  }
  setAppUserModelId() {}
  getPath(name) {
    if (name === 'logs') return join(paths.get('userData') ?? '/nonexistent', 'logs');
    return paths.get(name) ?? join(paths.get('appData'), name);
  }
  setPath(name, value) {
    paths.set(name, value);
    record('app.setPath', { name, value });
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  isReady() {
    return true;
  }
  setBadgeCount(count) {
    record('app.setBadgeCount', { count });
    return true;
  }
  quit() {
    const event = {
      defaultPrevented: false,
      preventDefault: () => {
        event.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    record('app.quit');
    setTimeout(() => process.exit(0), 20);
  }
}
export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  url = '';
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
  getURL() {
    return this.url;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new FakeWebContents();
    windows.push(this);
    record('window.create', { webPreferences: options.webPreferences });
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.webContents.url = url;
    record('window.loadURL', { url });
    setImmediate(() => {
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    });
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {
    record('window.focus');
  }
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => {
      handlers.permissionRequest = h;
    },
    setPermissionCheckHandler: (h) => {
      handlers.permissionCheck = h;
    },
    webRequest: {
      onHeadersReceived: (h) => {
        handlers.headers = h;
      },
    },
  },
};

export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => record('menu.set', { labels: menu.map((m) => m.label ?? m.role) }),
};

export class Tray extends EventEmitter {
  setToolTip(text) {
    record('tray.tooltip', { text });
  }
  setTitle() {}
  setContextMenu() {}
}

export const nativeImage = { createFromBuffer: (buffer) => ({ size: buffer.length }) };

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    notifications.push(this);
    record('notification', this.options);
  }
}

export const dialog = {
  showErrorBox: (title, detail) => record('dialog.error', { title, detail }),
  showMessageBox: async (options) => {
    record('dialog.message', { message: options.message, detail: options.detail });
    return { response: 1 }; // "Quit"
  },
};

export const shell = {
  openExternal: async (url) => record('shell.openExternal', { url }),
  openPath: async () => '',
};

// Commands from the test, one JSON object per line.
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  const contents = windows.at(-1)?.webContents;
  if (command.do === 'navigate') {
    const event = {
      url: command.url,
      defaultPrevented: false,
      preventDefault: () => {
        event.defaultPrevented = true;
      },
    };
    contents.emit('will-navigate', event);
    record('navigate', { url: command.url, blocked: event.defaultPrevented });
  } else if (command.do === 'open') {
    record('open', { url: command.url, result: contents.openHandler({ url: command.url }) });
  } else if (command.do === 'permission') {
    handlers.permissionRequest(contents, command.permission, (granted) =>
      record('permission', { permission: command.permission, granted }),
    );
  } else if (command.do === 'headers') {
    handlers.headers({ url: command.url, responseHeaders: { 'Content-Type': ['text/html'] } }, (response) =>
      record('headers', { url: command.url, response }),
    );
  } else if (command.do === 'click-notification') {
    notifications.at(-1)?.emit('click');
  } else if (command.do === 'quit') {
    app.quit();
  }
});
