import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelay } from '../mirror/relay-fixture';
import { ARTIFACTS, describeWithBrowser, launchBrowser, openUi } from './browser';
import { type SuiteServe, startSuiteServe, suiteHome, uiCall } from './suite-serve';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'relay-setting');

describeWithBrowser('the "Connect to relay" setting', () => {
  let serve: SuiteServe;
  let browser: Browser;

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startSuiteServe(suiteHome()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('connects with a member token, shows who we are, gives endpoints the relay URL, and says why a bad token fails', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const page = await openUi(browser, serve.facts.uiUrl ?? '');
    await page.getByTestId('relay-button').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('relay-state').textContent()).toContain('not connected');

    await dialog.locator('input[name=url]').fill(relay.url);
    await dialog.locator('input[name=token]').fill('hlr_not-a-real-token');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => dialog.getByTestId('error-token').textContent()).toMatch(/refused the token/);

    await dialog.locator('input[name=token]').fill(token);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => dialog.getByTestId('relay-state').textContent(), { timeout: 15_000 })
      .toContain(`connected as alice to ${relay.url}`);
    await expect.poll(() => page.getByTestId('relay-button').textContent()).toBe('Relay: alice');

    const made = await uiCall(serve, 'endpoints.create', { label: 'stripe-dev' });
    expect((made as { endpoint: { urls: { url: string } } }).endpoint.urls.url).toMatch(
      new RegExp(`^${relay.url}/h/`),
    );

    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1400, 800]) {
        const shot = await openUi(browser, serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await expect.poll(() => shot.getByTestId('relay-button').textContent()).toBe('Relay: alice');
        await shot.screenshot({
          path: `${SHOTS}/statusbar-${width}-${scheme}.png`,
          clip: { x: 0, y: 760, width, height: 40 },
        });
        await shot.getByTestId('relay-button').click();
        await expect
          .poll(() => shot.getByTestId('relay-state').textContent())
          .toContain('connected as alice');
        await shot.screenshot({ path: `${SHOTS}/relay-dialog-${width}-${scheme}.png` });
        await shot.context().close();
      }

    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => dialog.getByTestId('relay-state').textContent()).toContain('not connected');
    await expect.poll(() => page.getByTestId('relay-button').textContent()).toBe('Connect to relay');
  }, 90_000);
});
