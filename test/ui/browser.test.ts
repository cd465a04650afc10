import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findBrowser, packagedChromium } from './browser';

// The fallback for a machine with only Node: the Chromium inside the @sparticuz/chromium devDependency.
describe('finding a browser for the UI tests', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('says so when CHROMIUM_PATH names a file that does not exist', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium');
    await expect(findBrowser()).rejects.toThrow('CHROMIUM_PATH is set to /nonexistent/chromium');
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'extracts the npm-packaged Chromium and renders a page with it headless',
    async () => {
      const path = await packagedChromium();
      expect(path).toBeTruthy();
      const browser = await chromium.launch({
        executablePath: path ?? '',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
      try {
        const page = await browser.newPage();
        await page.setContent('<h1>packaged</h1>');
        expect(await page.textContent('h1')).toBe('packaged');
      } finally {
        await browser.close();
      }
    },
  );
});
