import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { startRelay } from '../mirror/relay-fixture';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'relay-setting');

describeWithBrowser('the "Connect to relay" setting', () => {
  const ui = useUiSuite();

  it('connects with a member token, shows who we are, gives endpoints the relay URL, and says why a bad token fails', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
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

    const made = await uiCall(ui.serve, 'endpoints.create', { label: 'stripe-dev' });
    expect((made as { endpoint: { urls: { url: string } } }).endpoint.urls.url).toMatch(
      new RegExp(`^${relay.url}/h/`),
    );

    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1400, 800]) {
        const shot = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
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
