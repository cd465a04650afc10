import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { startAgent } from '../mcp/agent';
import { describeWithBrowser, openUi } from './browser';
import { useUiSuite } from './ui-suite';

const item = (page: Page, label: string) =>
  page.locator(`[data-testid=endpoint-item][data-label="${label}"]`);

describeWithBrowser('the sidebar shows what an agent registered: expiry and event-type filter', () => {
  const ui = useUiSuite();

  it('marks an expired endpoint and names its event types', async () => {
    const agent = await startAgent(ui.serve.home, ui.serve.facts.receiverPort);
    await agent.call('register_webhook', {
      label: 'short-lived',
      secret: null,
      expires_in: 1,
      event_types: ['invoice.*'],
    });
    await agent.call('register_webhook', { label: 'lasting', secret: null });
    await new Promise((r) => setTimeout(r, 1_200));
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
    await item(page, 'short-lived').getByTestId('expired-badge').waitFor();
    expect(await item(page, 'short-lived').textContent()).toContain('invoice.*');
    expect(await item(page, 'lasting').getByTestId('expired-badge').count()).toBe(0);
    await agent.close();
  });
});
