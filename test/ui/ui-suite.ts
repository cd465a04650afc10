import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { type SuiteServe, startSuiteServe, suiteHome } from './suite-serve';

/** The `hookline serve` and the browser a describe block's tests share. */
export interface UiSuite {
  readonly serve: SuiteServe;
  readonly browser: Browser;
}

/**
 * Starts a `hookline serve` (by default on a fresh data directory) and a browser, side by side,
 * before the calling describe block's tests, and stops both after them. Read them in tests and in
 * hooks registered after this call (vitest runs `beforeAll` hooks in order).
 */
export function useUiSuite(start: () => Promise<SuiteServe> = () => startSuiteServe(suiteHome())): UiSuite {
  let serve: SuiteServe | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    // Settled rather than all: when one fails to start, the other is still kept to be stopped.
    const [s, b] = await Promise.allSettled([start(), launchBrowser()]);
    if (s.status === 'fulfilled') serve = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });
  return {
    get serve() {
      if (!serve) throw new Error('hookline serve has not started (see the beforeAll error)');
      return serve;
    },
    get browser() {
      if (!browser) throw new Error('the browser has not started (see the beforeAll error)');
      return browser;
    },
  };
}
