import { expect, it } from 'vitest';
import { startTarget } from '../delivery/target';
import { startRelay } from '../mirror/relay-fixture';
import { describeWithBrowser, openUi, screenshot } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

describeWithBrowser('endpoint settings with a relay connected: who forwards', () => {
  const ui = useUiSuite();

  it('says "forwarded by this desktop" for a local target and lets the user hand it to the relay', async () => {
    const relay = await startRelay();
    await uiCall(ui.serve, 'relay.connect', { url: relay.url, token: relay.token('alice') });
    const target = await startTarget();
    await uiCall(ui.serve, 'endpoints.create', { label: 'app', forwardUrl: `${target.url}/hooks` });
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
    const item = page.locator('[data-testid=endpoint-item][data-label="app"]');
    // The Edit button shows on the hovered endpoint.
    await item.hover();
    await page.getByRole('button', { name: 'Edit app' }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit app' });
    await expect
      .poll(() => dialog.getByTestId('forwarded-by').textContent())
      .toBe('Forwarded by this desktop.');
    expect(await dialog.locator('select[name=forwardFrom]').inputValue()).toBe('auto');
    await dialog.locator('select[name=forwardFrom]').selectOption('relay');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => item.textContent()).toContain('→ fwd (relay)');
    await item.hover();
    await page.getByRole('button', { name: 'Edit app' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit app' });
    await expect
      .poll(() => dialog.getByTestId('forwarded-by').textContent())
      .toMatch(/^Forwarded by the relay/);
    await screenshot(page, 'endpoint-forwarded-by-relay');
    // The relay now holds the target (the mirror pushed it) and forwards it.
    await expect
      .poll(
        async () => {
          const { json } = await relay.api(relay.token('bob'), 'GET', '/endpoints');
          return (json as { endpoints: { forwardUrl: string | null }[] }).endpoints[0]?.forwardUrl;
        },
        { timeout: 10_000 },
      )
      .toBe(`${target.url}/hooks`);
  }, 90_000);
});
