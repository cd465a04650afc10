// Runs sandboxed, before the UI's scripts, in its own JS world (contextIsolation). It exposes
// facts only — no ipcRenderer, no functions reaching the main process — so a script injected into
// the page gains nothing from running inside the desktop app.
import { contextBridge } from 'electron';

/** What the page can read as `window.hookline` (absent in a plain browser). */
export interface HooklineDesktop {
  readonly desktop: true;
  readonly platform: NodeJS.Platform;
}

const api: HooklineDesktop = Object.freeze({ desktop: true, platform: process.platform });

contextBridge.exposeInMainWorld('hookline', api);
