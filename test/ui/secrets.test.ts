import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, openUi, screenshot } from './browser';
import { type SuiteServe, uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

/** Sends a Stripe-signed event (as Stripe signs: HMAC-SHA256 of `<t>.<body>`); returns its verdict. */
async function sendStripe(serve: SuiteServe, url: string, secret: string, n: number): Promise<string> {
  const body = JSON.stringify({ id: `evt_${n}`, type: 'invoice.paid' });
  const t = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${sig}` },
  });
  const { event_id } = (await res.json()) as { event_id: string };
  const { event } = (await uiCall(serve, 'events.get', { id: event_id })) as {
    event: { verification: { status: string } };
  };
  return event.verification.status;
}

describeWithBrowser('rotating an endpoint’s secrets in the UI', () => {
  const ui = useUiSuite();
  let page: Page;
  let hookUrl = '';

  beforeAll(async () => {
    const { endpoint } = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'stripe-dev',
      provider: 'stripe',
      secrets: ['whsec_old'],
    })) as { endpoint: { urls: { local: string } } };
    hookUrl = endpoint.urls.local;
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });

  const openEditor = async () => {
    await page.locator('[data-testid=endpoint-item][data-label="stripe-dev"] .endpoint-main').click();
    await page.getByRole('button', { name: 'Edit stripe-dev' }).click();
    return page.getByRole('dialog', { name: 'Edit stripe-dev' });
  };

  it('adds a new secret without retyping the old one; both verify', async () => {
    const dialog = await openEditor();
    await expect(dialog.getByTestId('stored-secrets').textContent()).resolves.toContain('#1');
    expect(await dialog.getByTestId('stored-secrets').textContent()).not.toContain('whsec_old');
    // Not a Stripe signing secret: a hint, not a refusal.
    await dialog.locator('textarea[name=secrets]').fill('sk_test_123');
    await expect(dialog.getByTestId('secret-hint').textContent()).resolves.toContain('API key');
    await dialog.locator('textarea[name=secrets]').fill('whsec_new');
    expect(await dialog.getByTestId('secret-hint').count()).toBe(0);
    await screenshot(page, 'secrets-rotate-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid=endpoint-item][data-label="stripe-dev"]')
      .getByText('2 secrets')
      .waitFor();
    expect(await sendStripe(ui.serve, hookUrl, 'whsec_old', 1)).toBe('valid');
    expect(await sendStripe(ui.serve, hookUrl, 'whsec_new', 2)).toBe('valid');
  });

  it('removes the old secret by position; it no longer verifies', async () => {
    const dialog = await openEditor();
    // The new one went first (replays are re-signed with it); the old one is #2.
    await dialog
      .getByTestId('stored-secrets')
      .locator('li')
      .nth(1)
      .getByRole('button', { name: 'Remove' })
      .click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('[data-testid=endpoint-item][data-label="stripe-dev"]')
      .getByText('1 secret')
      .waitFor();
    expect(await sendStripe(ui.serve, hookUrl, 'whsec_new', 3)).toBe('valid');
    expect(await sendStripe(ui.serve, hookUrl, 'whsec_old', 4)).toBe('invalid');
  });
});
