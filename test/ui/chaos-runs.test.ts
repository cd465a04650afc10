import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli-process';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { type CreditingHandler, startCreditingHandler } from './crediting-handler';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'chaos-runs');

describeWithBrowser('chaos runs in the GUI', () => {
  const ui = useUiSuite();
  let page: Page;
  let target: CreditingHandler;

  beforeAll(async () => {
    // A handler that is not idempotent: every delivery, duplicate or not, credits again.
    target = await startCreditingHandler();
    const created = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'pay',
      provider: 'stripe',
      secrets: ['whsec_chaos_gui'],
    })) as { endpoint: { id: string } };
    await uiCall(ui.serve, 'trigger.send', {
      provider: 'stripe',
      type: 'invoice.paid',
      endpointId: created.endpoint.id,
      count: 3,
    });
    const run = await runCliAsync(ui.serve.home, [
      'chaos',
      '--to',
      target.url,
      '--duplicates',
      '1',
      '--seed',
      'gui',
    ]);
    if (run.code !== 0) throw new Error(run.stderr);
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    target?.close();
  });

  it('lists the saved run with its flags and opens it: every send, duplicates beside their original', async () => {
    await page.getByRole('button', { name: 'Chaos runs' }).click();
    const view = page.getByTestId('chaos-view');
    const run = view.getByTestId('chaos-run');
    await expect.poll(() => run.count()).toBe(1);
    expect(await run.textContent()).toContain('3 flagged');
    expect(await run.textContent()).toContain('seed gui');
    await page.screenshot({ path: `${SHOTS}/chaos-list-1440-light.png` });
    await run.click();
    const detail = view.getByTestId('chaos-run-detail');
    await expect.poll(() => detail.getByTestId('chaos-step').count()).toBe(6);
    expect(await detail.getByTestId('chaos-flags').textContent()).toContain(
      '3 × duplicate answered differently',
    );
    const duplicates = detail.locator('[data-testid=chaos-step][data-kind=duplicate]');
    expect(await duplicates.count()).toBe(3);
    // The duplicate's answer and its original's, side by side: the double credit is plain to see.
    const first = duplicates.first();
    const cells = await first.locator('code.chaos-answer').allTextContents();
    expect(cells).toHaveLength(2);
    expect(cells[0]).toMatch(/^200 \{"credited":\d\}$/);
    expect(cells[1]).toMatch(/^200 \{"credited":\d\}$/);
    expect(cells[0]).not.toBe(cells[1]);
    await page.screenshot({ path: `${SHOTS}/chaos-run-1440-light.png` });
    await view.getByRole('button', { name: '← All runs' }).click();
    await expect.poll(() => run.count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('fits at every checked width, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1400, 1024, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.getByRole('button', { name: 'Chaos runs' }).click();
        await p.getByTestId('chaos-run').click();
        await p.getByTestId('chaos-step').first().waitFor();
        const box = await p.getByRole('dialog').boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
        await p.screenshot({ path: `${SHOTS}/chaos-run-${width}-${scheme}.png` });
        await p.context().close();
      }
    }
  });
});
