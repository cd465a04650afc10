import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'trigger-dialog');

describeWithBrowser('the "Send test event" dialog', () => {
  const ui = useUiSuite();
  let page: Page;

  beforeAll(async () => {
    await uiCall(ui.serve, 'endpoints.create', { label: 'plain' });
    await uiCall(ui.serve, 'endpoints.create', {
      label: 'payments',
      provider: 'stripe',
      secrets: ['whsec_gui'],
    });
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });

  it("opens from the endpoint's sidebar entry on that endpoint's provider, with its example body", async () => {
    await page.locator('[data-testid=endpoint-item][data-label=payments]').hover();
    await page.screenshot({
      path: `${SHOTS}/sidebar-test-button-1440-light.png`,
      clip: { x: 0, y: 0, width: 300, height: 300 },
    });
    await page.getByRole('button', { name: 'Send a test event to payments' }).click();
    const dialog = page.getByTestId('trigger-dialog');
    await expect.poll(() => dialog.locator('select[name=provider]').inputValue()).toBe('stripe');
    expect(await dialog.locator('select[name=endpoint] option:checked').textContent()).toBe('payments');
    await dialog.locator('select[name=type]').selectOption('payment_intent.succeeded');
    const body = dialog.getByRole('textbox', { name: 'Event body' });
    await expect.poll(() => body.textContent()).toContain('"status": "succeeded"');
  });

  it('sends the edited body signed: the result says 200 and valid, and the event is in the list', async () => {
    const dialog = page.getByTestId('trigger-dialog');
    const body = dialog.getByRole('textbox', { name: 'Event body' });
    const edited = JSON.stringify(
      { id: 'evt_gui_1', type: 'payment_intent.succeeded', data: { object: { amount: 4242 } } },
      null,
      2,
    );
    await body.fill(edited);
    await expect.poll(() => dialog.getByRole('button', { name: 'Reset to a fresh example' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    const result = dialog.getByTestId('trigger-result');
    await expect.poll(() => result.textContent()).toContain('HTTP 200');
    expect(await result.locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid');
    await page.screenshot({ path: `${SHOTS}/trigger-1440-light.png` });
    // The new event is in the list behind the dialog; its link opens it.
    await page.locator('[data-testid=event-row]').first().waitFor({ state: 'attached' });
    await result.getByRole('button').click();
    const detail = page.getByTestId('event-detail');
    await expect.poll(() => detail.textContent()).toContain('payments');
    await expect.poll(() => detail.textContent()).toContain('4242');
  });

  it('says why it cannot sign for an endpoint without a secret, and loses nothing', async () => {
    await page.getByRole('button', { name: 'Send test event' }).click();
    const dialog = page.getByTestId('trigger-dialog');
    await dialog.locator('select[name=endpoint]').selectOption({ label: 'plain' });
    await dialog.locator('select[name=provider]').selectOption('github');
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Event body' }).textContent()).toContain('{');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('secret');
    expect(await dialog.locator('select[name=provider]').inputValue()).toBe('github');
  });

  it('fits at every checked width, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1400, 1024, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.getByRole('button', { name: 'Send test event' }).click();
        const dialog = p.getByTestId('trigger-dialog');
        await expect
          .poll(() => dialog.getByRole('textbox', { name: 'Event body' }).textContent())
          .toContain('{');
        const box = await dialog.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/trigger-${width}-${scheme}.png` });
        await p.context().close();
      }
    }
  });
});
