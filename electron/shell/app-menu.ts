/** Standard roles the menu uses (a subset of Electron's MenuItem roles). */
type Role =
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'quit';

/** A menu item as plain data (structurally an Electron MenuItemConstructorOptions). */
export interface MenuItemSpec {
  label?: string;
  role?: Role;
  type?: 'separator';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

/** What the menus can do beyond Electron's roles. */
export interface MenuActions {
  showWindow: () => void;
  openInBrowser: () => void;
  openDataFolder: () => void;
  quit: () => void;
}

/** The application menu: Electron's standard menus plus "Open in Browser" and the data folder. */
export function appMenuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemSpec[] {
  const hookline: MenuItemSpec[] = [
    { label: 'Open in Browser', accelerator: 'CmdOrCtrl+Shift+O', click: actions.openInBrowser },
    { label: 'Show Data Folder', click: actions.openDataFolder },
  ];
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  if (platform === 'darwin') {
    return [
      { role: 'appMenu' },
      { label: 'File', submenu: hookline },
      { role: 'editMenu' },
      view,
      { role: 'windowMenu' },
    ];
  }
  return [
    { label: 'File', submenu: [...hookline, { type: 'separator' }, { role: 'quit' }] },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}

/** The tray's context menu. */
export function trayMenuTemplate(status: string, actions: MenuActions): MenuItemSpec[] {
  return [
    { label: status, enabled: false },
    { type: 'separator' },
    { label: 'Show Hookline', click: actions.showWindow },
    { label: 'Open in Browser', click: actions.openInBrowser },
    { type: 'separator' },
    { label: 'Quit Hookline', click: actions.quit },
  ];
}
