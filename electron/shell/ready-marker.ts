/**
 * Printed on stdout once the window has loaded the UI. `scripts/start.mjs` watches for it: an
 * Electron that exits with an error before printing it (no display, missing libraries) makes the
 * launcher fall back to the browser. Keep in sync with SHELL_READY_MARKER there (a test checks).
 */
export const SHELL_READY_MARKER = 'hookline-shell: ready';
