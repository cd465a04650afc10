import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type MenuActions, appMenuTemplate, trayMenuTemplate } from '../../electron/shell/app-menu';
import { iconPng } from '../../electron/shell/icon-png';

describe('icon', () => {
  it('is a valid RGBA PNG of the requested size, opaque in the middle and clear in the corner', () => {
    const png = iconPng(32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([32, 32, 8, 6]);
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(rows.length).toBe(32 * (32 * 4 + 1));
    const alpha = (x: number, y: number) => rows[y * (32 * 4 + 1) + 1 + x * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(16, 16)).toBe(255);
  });

  it('is the same drawing in the installers: the build writes build/icon.png from it at 512', () => {
    expect(readFileSync(join(import.meta.dirname, '../../build/icon.png')).equals(iconPng(512))).toBe(true);
  });
});

describe('menus', () => {
  const actions: MenuActions = {
    showWindow: () => {},
    openInBrowser: () => {},
    openDataFolder: () => {},
    quit: () => {},
  };

  it('uses the standard Edit/View/Window menus on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const menu = appMenuTemplate(platform, actions);
      expect(menu.some((m) => m.role === 'editMenu')).toBe(true);
      expect(menu.some((m) => m.role === 'windowMenu')).toBe(true);
      expect(menu.some((m) => m.label === 'View')).toBe(true);
      expect(menu[0]?.role === 'appMenu').toBe(platform === 'darwin');
    }
  });

  it('puts the pending count at the top of the tray menu, not clickable', () => {
    const menu = trayMenuTemplate('Hookline — 3 pending webhooks', actions);
    expect(menu[0]).toEqual({ label: 'Hookline — 3 pending webhooks', enabled: false });
    expect(menu.at(-1)?.label).toBe('Quit Hookline');
  });
});
