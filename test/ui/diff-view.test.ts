import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'diff-view');
type Sent = { results: Array<{ stored: { eventId: string } | null }> };

describeWithBrowser('comparing two events', () => {
  const ui = useUiSuite();
  let page: Page;
  const ids: Record<'first' | 'other' | 'second', string> = { first: '', other: '', second: '' };

  const trigger = async (type: string, body: unknown) => {
    const sent = (await uiCall(ui.serve, 'trigger.send', {
      provider: 'stripe',
      type,
      endpointId: endpointId,
      bodyText: JSON.stringify(body),
    })) as Sent;
    return sent.results[0]?.stored?.eventId ?? '';
  };
  let endpointId = '';

  beforeAll(async () => {
    const created = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'payments',
      provider: 'stripe',
      secrets: ['whsec_diff'],
    })) as { endpoint: { id: string } };
    endpointId = created.endpoint.id;
    const charge = (amount: number, extra: object) => ({
      id: `evt_${amount}`,
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_1', amount, currency: 'usd', ...extra } },
    });
    ids.first = await trigger('payment_intent.succeeded', charge(2000, { note: 'old' }));
    ids.other = await trigger('customer.created', {
      id: 'evt_c',
      type: 'customer.created',
      data: { object: {} },
    });
    ids.second = await trigger('payment_intent.succeeded', charge(4242, { coupon: 'SPRING' }));
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });

  it('compares with the previous event of the same type in one click: paths, headers, bodies side by side', async () => {
    await page.locator(`[data-event-id="${ids.second}"]`).click();
    await page.getByTestId('event-detail').getByTestId('compare-previous').click();
    const view = page.getByTestId('diff-view');
    await view.getByTestId('diff-body-changes').waitFor();
    // A is the previous payment_intent.succeeded (not the customer.created in between), B this one.
    expect(await view.locator('.diff-which code').allTextContents()).toEqual([ids.first, ids.second]);
    const changes = view.getByTestId('diff-body-changes');
    expect(
      await changes.locator('tr[data-kind=changed]', { hasText: 'data.object.amount' }).textContent(),
    ).toContain('4242');
    expect(await changes.locator('tr[data-kind=added]').textContent()).toContain('data.object.coupon');
    expect(await changes.locator('tr[data-kind=removed]').textContent()).toContain('data.object.note');
    expect(await view.getByTestId('diff-body-summary').textContent()).toContain('added');
    // The signature header differs on every delivery: listed, marked as such.
    expect(await view.getByTestId('diff-headers').locator('.diff-per-delivery').count()).toBeGreaterThan(0);
    // The kept merge view, with the changed lines marked on both sides.
    const merge = view.getByTestId('diff-merge');
    await merge.locator('.cm-mergeView').waitFor();
    await expect.poll(() => merge.locator('.cm-changedLine').count()).toBeGreaterThan(1);
    expect(await merge.locator('.cm-merge-a').textContent()).toContain('"note": "old"');
    expect(await merge.locator('.cm-merge-b').textContent()).toContain('"coupon": "SPRING"');
    await page.screenshot({ path: `${SHOTS}/diff-1440-light.png` });
    await page.keyboard.press('Escape');
  });

  it('compares any two events: pick one, open another, compare', async () => {
    await page.locator(`[data-event-id="${ids.first}"]`).click();
    const detail = page.getByTestId('event-detail');
    await detail.getByTestId('compare-pick').click();
    await expect.poll(() => detail.getByTestId('compare-pick').textContent()).toContain('Picked');
    await page.locator(`[data-event-id="${ids.other}"]`).click();
    await detail.getByTestId('compare-picked').click();
    const view = page.getByTestId('diff-view');
    await view.getByTestId('diff-fields').waitFor();
    expect(await view.locator('.diff-which code').allTextContents()).toEqual([ids.first, ids.other]);
    expect(await view.getByTestId('diff-fields').textContent()).toContain('customer.created');
    await view.getByRole('button', { name: /Swap/ }).click();
    await expect
      .poll(() => view.locator('.diff-which code').allTextContents())
      .toEqual([ids.other, ids.first]);
    await page.keyboard.press('Escape');
  });

  it('says so when there is no earlier event of that type', async () => {
    await page.locator(`[data-event-id="${ids.first}"]`).click();
    await page.getByTestId('event-detail').getByTestId('compare-previous').click();
    await expect.poll(() => page.getByText('No earlier payment_intent.succeeded event').count()).toBe(1);
  });

  it('fits at every checked width, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1400, 1024, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.locator(`[data-event-id="${ids.second}"]`).click();
        await p.getByTestId('event-detail').getByTestId('compare-previous').click();
        const view = p.getByTestId('diff-view');
        await view.getByTestId('diff-merge').locator('.cm-mergeView').waitFor();
        const box = await p.getByRole('dialog').boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/diff-${width}-${scheme}.png` });
        await p.context().close();
      }
    }
  });
});
