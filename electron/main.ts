// The desktop shell: a window onto a core process. Every decision lives in electron/shell/
// (plain, tested Node); this file only wires those decisions to Electron's APIs.
import { appendFile, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  type MenuItemConstructorOptions,
  Notification,
  Tray,
  type WebContents,
  app,
  dialog,
  nativeImage,
  session,
  shell,
} from 'electron';
import { resolveHome } from './base/home';
import { type MenuActions, type MenuItemSpec, appMenuTemplate, trayMenuTemplate } from './shell/app-menu';
import { shellHome } from './shell/core-command';
import { CoreStartError } from './shell/core-process';
import { type CoreConnection, connectCore } from './shell/core-source';
import { createErrorReporter } from './shell/error-reporter';
import { iconPng } from './shell/icon-png';
import { watchInbox } from './shell/inbox-watch';
import { type DesktopNotification, trayTitle, trayTooltip } from './shell/notification-text';
import { SHELL_READY_MARKER } from './shell/ready-marker';
import {
  mayNavigate,
  permissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
  withCsp,
} from './shell/security-policy';
import { serveFlagsFromArgv } from './shell/serve-flags';
import { eventUrl, isSameOrigin } from './shell/ui-url';

// Before anything reads userData: the CLI's default data dir is the "Hookline" app-data folder
// (electron/core/home.ts), and the app must resolve to the very same one to share its inbox —
// pinned with the CLI's own function, whatever the package's name or productName.
app.setName('Hookline');
app.setPath('userData', resolveHome({ ...process.env, HOOKLINE_HOME: '' }));
if (process.platform === 'win32') app.setAppUserModelId('dev.hookline.app');

const here = dirname(fileURLToPath(import.meta.url));
const home = shellHome(process.env, app.getPath('userData'));
const logFile = join(app.getPath('logs'), 'main.log');
mkdirSync(dirname(logFile), { recursive: true });

function log(line: string): void {
  const stamped = `${new Date().toISOString()} ${line.trimEnd()}\n`;
  process.stderr.write(stamped);
  appendFile(logFile, stamped, () => {});
}

const report = createErrorReporter({
  log,
  show: (title, detail) => app.isReady() && dialog.showErrorBox(title, detail),
});
process.on('uncaughtException', (error) => report('Unexpected error', error));
process.on('unhandledRejection', (error) => report('Unexpected error', error));

let core: CoreConnection | null = null;
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let stopWatching: (() => void) | null = null;
let quitting = false;
let reconnecting = false;
// Kept referenced until clicked or closed: a garbage-collected Notification loses its click handler.
const liveNotifications = new Set<Notification>();

const uiOrigin = () => core?.ui.origin ?? null;

function showWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const actions: MenuActions = {
  showWindow,
  openInBrowser: () => core && void shell.openExternal(core.ui.url),
  openDataFolder: () => void shell.openPath(home),
  quit: () => app.quit(),
};

const menu = (spec: MenuItemSpec[]) => Menu.buildFromTemplate(spec as MenuItemConstructorOptions[]);

/** Every guard applies to every web contents, including any created later. */
function guardContents(contents: WebContents): void {
  // Threat: a link or redirect in rendered content swapping the trusted UI for a remote page.
  const blockForeign = (event: { url: string; preventDefault: () => void }, openOutside: boolean) => {
    const origin = uiOrigin();
    if (origin && mayNavigate(event.url, origin)) return;
    event.preventDefault();
    const external = windowOpenDecision(event.url).openExternal;
    if (openOutside && external) void shell.openExternal(external);
  };
  contents.on('will-navigate', (event) => blockForeign(event, true));
  contents.on('will-redirect', (event) => blockForeign(event, false));
  // Threat: popups escaping the navigation guard; http(s) goes to the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
    return { action: decision.action };
  });
  // Threat: an injected <webview> getting a less restricted renderer.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // Threat: a compromised page asking for camera, location, USB… — denied without a prompt.
  ses.setPermissionRequestHandler((contents, permission, callback) =>
    callback(permissionAllowed(permission, contents.getURL(), uiOrigin())),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, uiOrigin()),
  );
  // Threat: injected script running or phoning home — the CSP is enforced whatever the server sends.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const origin = uiOrigin();
    if (origin && isSameOrigin(details.url, origin)) {
      callback({ responseHeaders: withCsp(details.responseHeaders) });
    } else callback({});
  });
}

function createWindow(url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    title: 'Hookline',
    show: false,
    icon: nativeImage.createFromBuffer(iconPng(256)),
    webPreferences: secureWebPreferences(join(here, 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.once('did-finish-load', () => process.stdout.write(`${SHELL_READY_MARKER}\n`));
  win.webContents.on('did-fail-load', (_event, code, description, failedUrl) =>
    log(`could not load ${failedUrl}: ${description} (${code})`),
  );
  win.on('closed', () => {
    window = null;
  });
  void win.loadURL(url);
  return win;
}

function notify(notification: DesktopNotification): void {
  if (!Notification.isSupported() || !core) return;
  const target = eventUrl(core.ui, notification.eventId);
  const toast = new Notification({ title: notification.title, body: notification.body });
  liveNotifications.add(toast);
  toast.on('click', () => {
    liveNotifications.delete(toast);
    if (!window) window = createWindow(target);
    else void window.loadURL(target); // same document: only the hash route changes
    showWindow();
  });
  toast.on('close', () => liveNotifications.delete(toast));
  toast.show();
}

function setPending(pending: number | null): void {
  tray?.setToolTip(trayTooltip(pending));
  tray?.setTitle(trayTitle(pending));
  tray?.setContextMenu(menu(trayMenuTemplate(trayTooltip(pending), actions)));
  app.setBadgeCount(pending ?? 0);
}

/** Starts or attaches to a core, asking the user what to do when that fails. */
async function connect(): Promise<CoreConnection | null> {
  for (;;) {
    try {
      return await connectCore({
        home,
        execPath: process.execPath,
        cliPath: join(here, 'cli.js'),
        env: process.env,
        extraArgs: serveFlagsFromArgv(process.argv),
        onStderr: (text) => log(`[core] ${text}`),
        onUnexpectedExit: (exit) => void coreLost(exit.stderrTail),
      });
    } catch (error) {
      // Expected failure (port taken, bad flag…): logged here and explained in the dialog below.
      log(`could not start the core: ${error instanceof Error ? error.message : String(error)}`);
      const tail = error instanceof CoreStartError ? error.stderrTail : '';
      const { response } = await dialog.showMessageBox({
        type: 'error',
        message: 'Hookline could not start its core',
        detail: `${error instanceof Error ? error.message : String(error)}\n\n${tail}`.trim(),
        buttons: ['Try Again', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) return null;
    }
  }
}

async function adoptCore(connection: CoreConnection): Promise<void> {
  core = connection;
  log(`${connection.child ? 'started core' : 'attached to core'} at ${connection.ui.origin}`);
  stopWatching?.();
  stopWatching = watchInbox(connection.ui, {
    notify,
    setPending,
    log,
    // A core we attached to is not our child, so no exit event tells us it went away.
    onCoreGone: () => connection.child === null && void reconnect(),
  });
  if (window) await window.loadURL(connection.ui.url);
  else window = createWindow(connection.ui.url);
}

/** The attached core went away (or was replaced): attach to its successor or start our own. */
async function reconnect(): Promise<void> {
  if (quitting || reconnecting) return;
  reconnecting = true;
  stopWatching?.();
  log('the attached core went away; reconnecting');
  const connection = await connect();
  reconnecting = false;
  if (connection) await adoptCore(connection);
  else app.quit();
}

async function coreLost(stderrTail: string): Promise<void> {
  if (quitting) return;
  stopWatching?.();
  const { response } = await dialog.showMessageBox({
    type: 'error',
    message: 'The Hookline core stopped unexpectedly',
    detail: stderrTail || 'It printed nothing on stderr.',
    buttons: ['Restart', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response !== 0) return app.quit();
  const connection = await connect();
  if (connection) await adoptCore(connection);
  else app.quit();
}

async function start(): Promise<void> {
  hardenSession();
  Menu.setApplicationMenu(menu(appMenuTemplate(process.platform, actions)));
  const connection = await connect();
  if (!connection) return app.quit();
  tray = new Tray(nativeImage.createFromBuffer(iconPng(32), { scaleFactor: 2 }));
  tray.on('click', showWindow);
  setPending(null);
  await adoptCore(connection);
}

// Threat: two apps on one inbox fighting over ports and notifications — a second launch only
// focuses the first window.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('activate', () => {
    if (!window && core) window = createWindow(core.ui.url);
    showWindow();
  });
  // On macOS apps stay alive without windows; elsewhere closing the window quits (and stops the core).
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('before-quit', (event) => {
    const child = core?.child;
    if (quitting || !child) return;
    // The core child must not outlive the app: wait for it to close the database, then quit.
    quitting = true;
    event.preventDefault();
    stopWatching?.();
    void child.stop().finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => report('Could not start Hookline', error));
}
