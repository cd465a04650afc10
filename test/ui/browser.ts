import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { describe } from 'vitest';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** How a browser is launched: a binary path or playwright's installed-Chrome channel. */
export interface BrowserSource {
  executablePath?: string;
  channel?: 'chrome';
  /** For people: where it was found. */
  from: string;
}

// Quiet, offline, throwaway: no updates, sync, QUIC or first-run pages reaching out from a test run.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Where Chrome or Chromium usually lives when installed by a package manager or an installer.
const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

async function launchesAsChrome(): Promise<boolean> {
  try {
    const browser = await chromium.launch({ channel: 'chrome', args: ARGS });
    await browser.close();
    return true;
  } catch {
    return false;
  }
}

/** The Chromium inside the `@sparticuz/chromium` devDependency (Linux x64), extracted on first use. */
export async function packagedChromium(): Promise<string | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return await packaged.executablePath();
  } catch {
    return null;
  }
}

/**
 * Finds a browser, in order: `CHROMIUM_PATH`, an installed Chrome/Chromium, the npm-packaged Chromium.
 * Returns null when there is none — except in CI (`CI=true`), where a missing browser is a failure.
 */
export async function findBrowser(): Promise<BrowserSource | null> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return { executablePath: fromEnv, from: 'CHROMIUM_PATH' };
  }
  const usual = USUAL_PATHS.find((p) => existsSync(p));
  if (usual) return { executablePath: usual, from: usual };
  if (await launchesAsChrome()) return { channel: 'chrome', from: 'installed Google Chrome' };
  const packaged = await packagedChromium();
  if (packaged) return { executablePath: packaged, from: '@sparticuz/chromium' };
  if (process.env.CI === 'true')
    throw new Error('No browser for the UI tests: set CHROMIUM_PATH, install Chromium, or `npm install`');
  return null;
}

/** The browser found for this test file (null: none on this machine, the UI tests are skipped). */
export const browserSource = await findBrowser();
if (!browserSource)
  console.warn('No Chromium found (CHROMIUM_PATH, Chrome/Chromium, @sparticuz/chromium): skipping UI tests');

/** `describe` for tests that need a browser: skipped (with the line above) when none can be had. */
export const describeWithBrowser = describe.skipIf(browserSource === null);

/**
 * Launches the found browser headless (never downloads one). Playwright gives every launch a fresh
 * temporary profile (its own --user-data-dir, removed on close), so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!browserSource) throw new Error('No browser found (see findBrowser)');
  mkdirSync(ARTIFACTS, { recursive: true });
  const { executablePath, channel } = browserSource;
  return chromium.launch({ executablePath, channel, args: ARGS });
}

/** A window size: the widths the layout is checked at. */
export type Viewport = { width: number; height: number };

/** Opens the UI URL in a fresh page of the given colour scheme and window size. */
export async function openUi(
  browser: Browser,
  uiUrl: string,
  colorScheme: 'light' | 'dark' = 'light',
  viewport: Viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(uiUrl).origin });
  const page = await context.newPage();
  // Fail a step with its own message well before the test's timeout.
  page.setDefaultTimeout(8_000);
  await page.goto(uiUrl);
  return page;
}

/** Saves a full-window screenshot under test/artifacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}
