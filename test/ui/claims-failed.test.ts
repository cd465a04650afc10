/** Claims and the dead letter in the GUI: badges on rows and in the detail, the "Failed" filter, re-queue. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Agent, type PageOut, startAgent } from '../mcp/agent';
import { describeWithBrowser, launchBrowser, openUi, screenshot } from './browser';
import { type SuiteServe, startSuiteServe, suiteHome, uiCall } from './suite-serve';

type Created = { endpoint: { id: string; urls: { local: string } } };

let serve: SuiteServe;
let agent: Agent;
const ids: string[] = [];
// The list reloads after each filter change; on a busy machine that can take over a second.
const WAIT = { timeout: 8000 };

beforeAll(async () => {
  serve = await startSuiteServe(suiteHome());
  const { endpoint } = (await uiCall(serve, 'endpoints.create', { label: 'jobs' })) as Created;
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${endpoint.urls.local}/job`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ job: i }),
    });
    ids.push(((await res.json()) as { event_id: string }).event_id);
  }
  // An agent on the same inbox (a follower of the serve) claims the first job and gives up on the second.
  agent = await startAgent(serve.home, serve.facts.receiverPort, 'claude');
  const claimed = await agent.call<PageOut>('poll_events', { claim_for_s: 600, limit: 1, detail: 'summary' });
  expect(claimed.events.map((e) => e.event_id)).toEqual([ids[0]]);
  await agent.call('ack_events', { event_ids: [ids[1]], outcome: 'failed', note: 'schema mismatch' });
});
afterAll(async () => {
  await serve?.stop();
});

describeWithBrowser('claims and failures in the GUI', () => {
  let browser: Browser;
  let page: Page;
  const row = (id: string | undefined) => page.locator(`[data-event-id="${id}"]`);
  const rowCount = () => page.locator('[data-testid=event-row]').count();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openUi(browser, serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('badges a claimed row with who holds it and how long, and a failed row as failed', async () => {
    await expect(row(ids[0]).getByTestId('claim-badge').textContent()).resolves.toMatch(
      /^claimed: claude · (10|9) min$/,
    );
    await expect(row(ids[0]).getByTestId('claim-badge').getAttribute('title')).resolves.toMatch(
      /^Claimed by agent:claude until .* \((10|9) min left\)/,
    );
    await expect(row(ids[1]).getByTestId('failed-badge').textContent()).resolves.toBe('failed');
    await expect(page.getByTestId('failed-count').textContent()).resolves.toBe('1 failed');
    expect(await row(ids[2]).getByTestId('claim-badge').count()).toBe(0);
    expect(await row(ids[2]).getByTestId('failed-badge').count()).toBe(0);
    await row(ids[0]).click();
    const detail = page.getByTestId('event-detail');
    await expect(detail.getByTestId('claim-badge').textContent()).resolves.toMatch(
      /^claimed by agent:claude · (10|9) min left$/,
    );
    await screenshot(page, 'claims-light');
  });

  it('lists the failed ones under "Failed", says who gave up and why, and re-queues them', async () => {
    await page.getByRole('combobox', { name: 'State' }).selectOption('failed');
    await expect.poll(rowCount, WAIT).toBe(1);
    await row(ids[1]).click();
    const detail = page.getByTestId('event-detail');
    await expect(detail.getByTestId('failed-by').textContent()).resolves.toBe(
      '✗ Failed by agent:claude: schema mismatch',
    );
    // "Acked" means handled: the failed event is not there.
    await page.getByRole('combobox', { name: 'State' }).selectOption('acked');
    await expect.poll(rowCount, WAIT).toBe(0);
    await page.getByRole('combobox', { name: 'State' }).selectOption('failed');
    await row(ids[1]).click();
    await detail.getByRole('button', { name: 'Re-queue' }).click();
    // The row stays where it is (rows never vanish under the cursor), now pending.
    await detail.getByRole('button', { name: 'Ack' }).waitFor();
    await expect.poll(() => row(ids[1]).getByTestId('failed-badge').count(), WAIT).toBe(0);
    await page.getByRole('combobox', { name: 'State' }).selectOption('all');
    await page.getByRole('combobox', { name: 'State' }).selectOption('failed');
    await expect.poll(rowCount, WAIT).toBe(0);
    await page.getByRole('combobox', { name: 'State' }).selectOption('pending');
    await expect.poll(rowCount, WAIT).toBe(3);
    expect(await row(ids[1]).getByTestId('failed-badge').count()).toBe(0);
    // Agents see it pending again too.
    const pending = await startAgent(serve.home, serve.facts.receiverPort, 'claude');
    const page1 = await pending.call<PageOut>('poll_events', { detail: 'summary' });
    expect(page1.events.map((e) => e.event_id)).toEqual(ids);
  });

  it('shows a claim as it is taken and drops it when the agent releases the event', async () => {
    // The first agent's session ended with the previous test: its claim went back with it.
    await expect.poll(() => row(ids[0]).getByTestId('claim-badge').count(), WAIT).toBe(0);
    const worker = await startAgent(serve.home, serve.facts.receiverPort, 'codex');
    await worker.call('poll_events', { claim_for_s: 50, limit: 1 });
    await expect(row(ids[0]).getByTestId('claim-badge').textContent()).resolves.toMatch(
      /^claimed: codex · (50|49|48|47|46|45) s$/,
    );
    await screenshot(page, 'claims-pending-light');
    await worker.call('release_events', { event_ids: [ids[0]] });
    await expect.poll(() => row(ids[0]).getByTestId('claim-badge').count(), WAIT).toBe(0);
  });
});
