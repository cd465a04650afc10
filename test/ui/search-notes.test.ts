import { describe, expect, it } from 'vitest';
import { openUi } from './browser';
import { seedEvents } from './seed';
import { startSuiteServe, suiteHome } from './suite-serve';
import { useUiSuite } from './ui-suite';

describe('search in the GUI', () => {
  const ui = useUiSuite(async () => {
    const home = suiteHome();
    await seedEvents(home, 300, 'bulk');
    // A tiny decoded-size limit, so every seeded body is searched only in part.
    const previous = process.env.HOOKLINE_SEARCH_BYTES;
    process.env.HOOKLINE_SEARCH_BYTES = '40';
    try {
      return await startSuiteServe(home);
    } finally {
      if (previous === undefined) Reflect.deleteProperty(process.env, 'HOOKLINE_SEARCH_BYTES');
      else process.env.HOOKLINE_SEARCH_BYTES = previous;
    }
  });

  it('finds substrings and says in the list header when bodies were searched only in part', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
    const rows = page.locator('[data-testid=event-row]');
    await rows.first().waitFor();
    const search = page.getByRole('searchbox', { name: 'Search events' });
    // Inside `obj_29`, `obj_290`…: a substring of a word, within the first 40 bytes of each body.
    await search.fill('BJ_29');
    await expect.poll(() => rows.count()).toBe(11);
    const note = page.getByTestId('search-note').filter({ hasText: 'decoded' });
    await expect(note.textContent()).resolves.toBe(
      '300 events are over 40 bytes decoded: only the first 40 bytes of their body was searched.',
    );
    // Past the limit: not found, and the header says why that may be.
    await search.fill('number 299');
    await page.getByText('No events match').waitFor();
    await expect(page.getByTestId('empty-state').getByTestId('search-note').textContent()).resolves.toContain(
      'only the first 40 bytes',
    );
  });
});
