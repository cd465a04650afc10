// Finding a browser for UI tests and benchmarks, without a test runner (bench/ui.mjs bundles this).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** How a browser is launched: a binary path or playwright's installed-Chrome channel. */
export interface BrowserSource {
  executablePath?: string;
  channel?: 'chrome';
  /** For people: where it was found. */
  from: string;
}

// Quiet, offline, throwaway: no updates, sync, QUIC or first-run pages reaching out from a test run.
export const BROWSER_ARGS = [
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
    const browser = await chromium.launch({ channel: 'chrome', args: BROWSER_ARGS });
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

/** Launches a found browser headless (never downloads one); Playwright gives it a fresh temporary profile. */
export function launchFrom(source: BrowserSource): Promise<Browser> {
  return chromium.launch({
    executablePath: source.executablePath,
    channel: source.channel,
    args: BROWSER_ARGS,
  });
}
