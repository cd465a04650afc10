import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** Launches the system Chromium headless (never downloads a browser). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the UI URL in a fresh page of the given colour scheme. */
export async function openUi(
  browser: Browser,
  uiUrl: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(uiUrl).origin });
  const page = await context.newPage();
  // Fail a step with its own message well before the test's timeout.
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(uiUrl);
  return page;
}

/** Saves a full-window screenshot under test/artifacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
}
