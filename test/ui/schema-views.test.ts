/** Schema checks in the GUI: attach from the endpoint dialog, violations shown and filtered, drift, and starting a chaos run. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { type CreditingHandler, startCreditingHandler } from './crediting-handler';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'schema-views');
const rows = (page: Page) => page.locator('[data-testid=event-row]');

describeWithBrowser('schema checks and chaos runs in the GUI', () => {
  const ui = useUiSuite();
  let page: Page;
  let target: CreditingHandler;
  let targetUrl: string;
  let endpointId: string;

  beforeAll(async () => {
    // A handler that is not idempotent: every delivery, duplicate or not, credits again.
    target = await startCreditingHandler();
    targetUrl = target.url;
    const created = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'pay',
      provider: 'stripe',
      secrets: ['whsec_schema_gui'],
    })) as { endpoint: { id: string } };
    endpointId = created.endpoint.id;
    await uiCall(ui.serve, 'trigger.send', {
      provider: 'stripe',
      type: 'invoice.paid',
      endpointId,
      count: 3,
    });
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    target?.close();
  });

  it('infers a schema in the endpoint dialog and saves it; a violating event shows its violations, under the filter too', async () => {
    await expect.poll(() => rows(page).count()).toBe(3);
    // The endpoint's buttons show on hover.
    await page.locator('[data-testid=endpoint-item][data-label="pay"]').hover();
    await page.getByRole('button', { name: 'Edit pay' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit pay' });
    const section = dialog.getByTestId('schema-section');
    await section.locator('summary').click();
    await section.getByRole('button', { name: 'Infer from events' }).click();
    await expect
      .poll(() => section.getByTestId('schema-note').textContent())
      .toContain('Inferred from 3 event(s) of type invoice.paid');
    expect(await section.getByRole('textbox', { name: 'JSON Schema' }).textContent()).toContain(
      'amount_paid',
    );
    expect(await section.getByLabel('Schema event type').inputValue()).toBe('invoice.paid');
    await section.getByRole('button', { name: 'Save schema' }).click();
    await expect
      .poll(() => section.getByTestId('schema-note').textContent())
      .toContain('3 stored event(s) are re-checked');
    await page.screenshot({ path: `${SHOTS}/endpoint-schema-1440-light.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const schemas = (await uiCall(ui.serve, 'schemas.get', { endpointId })) as {
      schemas: { eventType: string }[];
    };
    expect(schemas.schemas.map((s) => s.eventType)).toEqual(['invoice.paid']);

    await uiCall(ui.serve, 'trigger.send', {
      provider: 'stripe',
      type: 'invoice.paid',
      endpointId,
      sets: ['data.object.amount_paid=oops', 'data.object.coupon_code=SPRING'],
    });
    await expect.poll(() => rows(page).count()).toBe(4);
    // Checked behind the receiver: the badge arrives on its own.
    await expect.poll(() => page.getByTestId('schema-badge').count(), { timeout: 10_000 }).toBe(1);
    await page.getByText('Schema violations').click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().click();
    const card = page.getByTestId('schema-check');
    await expect.poll(() => card.textContent()).toContain('1 violation');
    expect(await card.textContent()).toContain('endpoint schema for invoice.paid');
    const violation = card.getByTestId('violation');
    expect(await violation.locator('.violation-path').textContent()).toBe('/data/object/amount_paid');
    expect(await violation.locator('.violation-message').textContent()).toBe('must be integer');
    expect(await violation.locator('.violation-value').textContent()).toBe('"oops"');
    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1400, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.getByText('Schema violations').click();
        await expect.poll(() => rows(p).count()).toBe(1);
        await rows(p).first().click();
        const box = await p.getByTestId('schema-check').boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/violations-${width}-${scheme}.png` });
        await p.context().close();
      }
  });

  it('shows drift per event type: what appeared and what changed type, each at the event where it did', async () => {
    await page.getByTestId('schema-check').getByRole('button', { name: 'Drift…' }).click();
    const view = page.getByTestId('drift-view');
    const type = view.locator('[data-testid=drift-type][data-type="invoice.paid"]');
    await expect.poll(() => type.count()).toBe(1);
    expect(await type.textContent()).toContain('4 events');
    const changed = type.locator('[data-testid=drift-finding][data-kind=type_changed]');
    expect(await changed.textContent()).toContain('data.object.amount_paid');
    expect(await changed.textContent()).toContain('integer → string');
    const appeared = type.locator('[data-testid=drift-finding][data-kind=appeared]');
    expect(await appeared.textContent()).toContain('data.object.coupon_code');
    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1400, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.getByText('Schema violations').click();
        await rows(p).first().click();
        await p.getByTestId('schema-check').getByRole('button', { name: 'Drift…' }).click();
        await p.getByTestId('drift-finding').first().waitFor();
        const box = await p.getByRole('dialog').boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/drift-${width}-${scheme}.png` });
        await p.context().close();
      }
    // Opening the event where the type changed.
    await changed.getByRole('button').click();
    await expect.poll(() => view.count()).toBe(0);
    await expect.poll(() => page.getByTestId('schema-check').textContent()).toContain('1 violation');
  });

  it('starts a chaos run from the GUI: refused when the target is down, then run live and opened when done', async () => {
    await page.getByText('Schema violations').click();
    await expect.poll(() => rows(page).count()).toBe(4);
    await page.getByRole('button', { name: 'Chaos runs' }).click();
    const view = page.getByTestId('chaos-view');
    await view.getByRole('button', { name: 'New chaos run' }).click();
    const form = view.getByTestId('chaos-start');
    // Nothing listens on the old target's port once it is closed.
    const down = createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const downUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/hooks`;
    await new Promise<void>((r) => down.close(() => r()));
    await form.getByLabel('Target URL (your handler)').fill(downUrl);
    await form.getByRole('button', { name: 'Start run' }).click();
    await expect.poll(() => form.getByTestId('chaos-start-error').textContent()).toContain('Cannot reach');
    expect(await form.getByTestId('chaos-start-error').textContent()).toContain('ECONNREFUSED');
    await page.screenshot({ path: `${SHOTS}/chaos-refused-1440-light.png` });
    for (const scheme of ['light', 'dark'] as const)
      for (const width of [1400, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.getByRole('button', { name: 'Chaos runs' }).click();
        await p.getByRole('button', { name: 'New chaos run' }).click();
        const box = await p.getByRole('dialog').boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/chaos-new-${width}-${scheme}.png` });
        await p.context().close();
      }

    await form.getByLabel('Target URL (your handler)').fill(targetUrl);
    await form.getByLabel('Duplicates %').fill('100');
    await form.getByLabel('Seed').fill('gui-start');
    await form.getByLabel('Delay to (ms)').fill('150');
    await form.getByRole('button', { name: 'Start run' }).click();
    // Live progress while it runs (8 sends with up to 150 ms before each), then the saved run opens.
    await expect.poll(() => form.getByTestId('chaos-progress').textContent()).toMatch(/of 8 sent/);
    const detail = view.getByTestId('chaos-run-detail');
    await expect.poll(() => detail.getByTestId('chaos-step').count(), { timeout: 15_000 }).toBe(8);
    expect(await detail.textContent()).toContain('seed gui-start');
    expect(await detail.getByTestId('chaos-flags').textContent()).toContain('duplicate answered differently');
    await page.screenshot({ path: `${SHOTS}/chaos-started-1400-light.png` });
    const runs = (await uiCall(ui.serve, 'chaos.runs', {})) as {
      runs: { createdBy: string; stepCount: number }[];
    };
    expect(runs.runs).toMatchObject([{ createdBy: 'app', stepCount: 8 }]);
  });
});
