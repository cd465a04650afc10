import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { type Viewport, describeWithBrowser, openUi, screenshot } from './browser';
import { seedEvents } from './seed';
import { startSuiteServe, suiteHome, uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

const SIZES: Array<Viewport & { name: string }> = [
  { name: '1400', width: 1400, height: 900 },
  { name: '1024', width: 1024, height: 768 },
  { name: '800', width: 800, height: 600 },
];

const rows = (page: Page) => page.locator('[data-testid=event-row]');

/** The element's box, which must exist. */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box (not visible)`);
  return b;
}

/** Asserts that `inner` is wholly inside `outer` horizontally (and vertically unless told not to). */
async function expectInside(inner: Locator, outer: Locator, vertical = true) {
  const [i, o] = await Promise.all([box(inner), box(outer)]);
  const where = `${inner} at x=${i.x} w=${i.width} inside ${outer} at x=${o.x} w=${o.width}`;
  expect(i.x, where).toBeGreaterThanOrEqual(o.x - 0.5);
  expect(i.x + i.width, where).toBeLessThanOrEqual(o.x + o.width + 0.5);
  if (vertical) {
    expect(i.y, where).toBeGreaterThanOrEqual(o.y - 0.5);
    expect(i.y + i.height, where).toBeLessThanOrEqual(o.y + o.height + 0.5);
  }
}

/** Nothing scrolls the whole window sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const width = page.viewportSize()?.width ?? 0;
  for (const selector of ['html', 'body'])
    expect(
      await page.locator(selector).evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
      selector,
    ).toBeLessThanOrEqual(width);
}

describeWithBrowser('the window from 1400 down to 800 px wide', () => {
  const ui = useUiSuite(() => {
    const home = suiteHome();
    seedEvents(home, 60, 'seeded-endpoint-with-a-long-label');
    return startSuiteServe(home);
  });

  beforeAll(async () => {
    const created = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'stripe-dev',
      provider: 'stripe',
      secrets: ['whsec_layout'],
      forwardUrl: 'http://127.0.0.1:9/a/rather/long/forward/path/for/the/replay/button',
    })) as { endpoint: { urls: { local: string } } };
    const res = await fetch(`${created.endpoint.urls.local}/webhooks/stripe?attempt=1&mode=test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { object: { amount: 4200 } } }),
    });
    expect(res.status).toBe(200);
  });

  for (const size of SIZES) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${size.width}×${size.height} ${theme}: header, tabs, Copy as cURL and Replay stay on screen`, async () => {
        const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', theme, size);
        try {
          const viewport = page.locator('.app');
          await rows(page).first().waitFor();
          await expectNoSidewaysScroll(page);
          await screenshot(page, `layout-${size.name}-${theme}-list`);
          await rows(page).first().click();
          const detail = page.getByTestId('event-detail');
          await detail.waitFor();
          if (size.width < 900) {
            // One pane at a time: the list gives way to the detail, which has a way back.
            expect(await page.getByTestId('event-list').isVisible()).toBe(false);
            await expectInside(detail.getByTestId('back-to-list'), viewport);
          }
          for (const target of [
            detail.locator('.detail-title'),
            detail.getByRole('button', { name: 'Copy as cURL' }),
            detail.getByRole('button', { name: 'Copy ID' }),
            detail.getByTestId('ack-button'),
            ...['Request', 'Signature', 'Replay'].map((name) => detail.getByRole('tab', { name })),
          ]) {
            await expectInside(target, detail);
            await expectInside(target, viewport);
          }
          await detail.getByTestId('query-table').waitFor();
          await screenshot(page, `layout-${size.name}-${theme}-detail`);
          await detail.getByRole('tab', { name: 'Replay' }).click();
          for (const target of [
            detail.getByTestId('replay-forward'),
            detail.locator('input[name=target]'),
            detail.getByRole('button', { name: 'Send' }),
          ]) {
            await target.scrollIntoViewIfNeeded();
            await expectInside(target, detail, false);
          }
          await expectNoSidewaysScroll(page);
          await screenshot(page, `layout-${size.name}-${theme}-replay`);
          if (size.width < 900) {
            await detail.getByTestId('back-to-list').click();
            await page.getByTestId('event-list').waitFor();
            expect(await detail.isVisible()).toBe(false);
          }
          // The endpoint dialog (stored secrets, masked) fits too.
          if (size.width < 900) await page.getByRole('button', { name: 'Show the endpoints' }).click();
          const item = page.locator('[data-testid=endpoint-item][data-label="stripe-dev"]');
          await item.hover();
          await page.getByRole('button', { name: 'Edit stripe-dev' }).click();
          const dialog = page.getByRole('dialog', { name: 'Edit stripe-dev' });
          await dialog.getByTestId('stored-secrets').waitFor();
          await expectInside(dialog.getByRole('button', { name: 'Save' }), viewport);
          await screenshot(page, `layout-${size.name}-${theme}-dialog`);
        } finally {
          await page.context().close();
        }
      });
    }
  }

  it('remembers a dragged list width and a folded sidebar after a reload', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', 'light', { width: 1400, height: 900 });
    try {
      await rows(page).first().waitFor();
      const list = page.locator('.list-pane');
      const before = (await box(list)).width;
      const edge = await box(page.getByTestId('splitter-list'));
      await page.mouse.move(edge.x + edge.width / 2, edge.y + 200);
      await page.mouse.down();
      await page.mouse.move(edge.x + edge.width / 2 - 120, edge.y + 200, { steps: 4 });
      await page.mouse.up();
      expect(Math.round((await box(list)).width)).toBe(Math.round(before - 120));
      await page.getByTestId('sidebar-toggle').click();
      expect((await box(page.locator('.sidebar'))).width).toBeLessThan(60);
      await page.reload();
      await rows(page).first().waitFor();
      expect(Math.round((await box(page.locator('.list-pane'))).width)).toBe(Math.round(before - 120));
      expect((await box(page.locator('.sidebar'))).width).toBeLessThan(60);
      await page.getByTestId('sidebar-toggle').click();
      await page.getByText('All endpoints').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('opens the folded sidebar over the panes in a narrow window and closes it on picking an endpoint', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', 'light', { width: 800, height: 600 });
    try {
      await rows(page).first().waitFor();
      await page.getByRole('button', { name: 'Show the endpoints' }).click();
      const item = page.locator('[data-testid=endpoint-item][data-label="stripe-dev"]');
      await expectInside(item, page.locator('.app'));
      await screenshot(page, 'layout-800-light-sidebar');
      await item.locator('.endpoint-main').click();
      await item.waitFor({ state: 'detached' });
      await expect.poll(() => rows(page).count()).toBe(1);
    } finally {
      await page.context().close();
    }
  });
});
