import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe } from 'vitest';
import { findBrowser, launchFrom } from './find-browser';

export { findBrowser, packagedChromium } from './find-browser';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** The browser found for this test file (null: none on this machine, the UI tests are skipped). */
export const browserSource = await findBrowser();
if (!browserSource)
  console.warn('No Chromium found (CHROMIUM_PATH, Chrome/Chromium, @sparticuz/chromium): skipping UI tests');

/** `describe` for tests that need a browser: skipped (with the line above) when none can be had. */
export const describeWithBrowser: ReturnType<typeof describe.skipIf> = describe.skipIf(
  browserSource === null,
);

/**
 * Launches the found browser headless (never downloads one). Playwright gives every launch a fresh
 * temporary profile (its own --user-data-dir, removed on close), so no state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!browserSource) throw new Error('No browser found (see findBrowser)');
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchFrom(browserSource);
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
