import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAgent } from '../mcp/agent';
import { describeWithBrowser, launchBrowser, openUi } from './browser';
import { type SuiteServe, startSuiteServe, suiteHome } from './suite-serve';

const item = (page: Page, label: string) =>
  page.locator(`[data-testid=endpoint-item][data-label="${label}"]`);

describeWithBrowser('the sidebar shows what an agent registered: expiry and event-type filter', () => {
  let serve: SuiteServe;
  let browser: Browser;

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startSuiteServe(suiteHome()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('marks an expired endpoint and names its event types', async () => {
    const agent = await startAgent(serve.home, serve.facts.receiverPort);
    await agent.call('register_webhook', {
      label: 'short-lived',
      secret: null,
      expires_in: 1,
      event_types: ['invoice.*'],
    });
    await agent.call('register_webhook', { label: 'lasting', secret: null });
    await new Promise((r) => setTimeout(r, 1_200));
    const page = await openUi(browser, serve.facts.uiUrl ?? '');
    await item(page, 'short-lived').getByTestId('expired-badge').waitFor();
    expect(await item(page, 'short-lived').textContent()).toContain('invoice.*');
    expect(await item(page, 'lasting').getByTestId('expired-badge').count()).toBe(0);
    await agent.close();
  });
});
