import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openUi } from './browser';
import { seedEvents } from './seed';
import { type SuiteServe, startSuiteServe, suiteHome } from './suite-serve';

describe('the event type filter in the GUI', () => {
  let serve: SuiteServe;
  let browser: Browser;

  beforeAll(async () => {
    const home = suiteHome();
    // Types cycle through invoice.paid, customer.created, charge.failed, push, pull_request, none.
    await seedEvents(home, 60, 'typed');
    [serve, browser] = await Promise.all([startSuiteServe(home), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('suggests the stored types and filters by globs, several at once', async () => {
    const page = await openUi(browser, serve.facts.uiUrl ?? '');
    const rows = page.locator('[data-testid=event-row]');
    const count = page.getByTestId('list-count');
    await rows.first().waitFor();
    await expect.poll(() => count.textContent()).toBe('60 events');

    const type = page.getByRole('combobox', { name: 'Event type' });
    await type.focus();
    const suggested = page.locator('#event-types option');
    await expect.poll(() => suggested.count()).toBe(5);
    const values = await Promise.all((await suggested.all()).map((o) => o.getAttribute('value')));
    expect(values).toEqual(['charge.failed', 'customer.created', 'invoice.paid', 'pull_request', 'push']);

    await type.fill('invoice.*');
    await expect.poll(() => count.textContent()).toBe('10 matching events');
    await expect.poll(() => rows.count()).toBe(10);
    await expect(rows.first().textContent()).resolves.toContain('invoice.paid');

    await type.fill('*.created, push');
    await expect.poll(() => count.textContent()).toBe('20 matching events');

    await type.fill('nothing.like.this');
    await page.getByText('No events match').waitFor();

    await type.fill('');
    await expect.poll(() => count.textContent()).toBe('60 events');
  });
});
