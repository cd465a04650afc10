import { describe, expect, it } from 'vitest';
import { openUi } from './browser';
import { seedEvents } from './seed';
import { startSuiteServe, suiteHome } from './suite-serve';
import { useUiSuite } from './ui-suite';

describe('the event type filter in the GUI', () => {
  const ui = useUiSuite(async () => {
    const home = suiteHome();
    // Types cycle through invoice.paid, customer.created, charge.failed, push, pull_request, none.
    await seedEvents(home, 60, 'typed');
    return startSuiteServe(home);
  });

  it('suggests the stored types and filters by globs, several at once', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
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
