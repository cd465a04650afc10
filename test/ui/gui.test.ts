import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, openUi, screenshot } from './browser';
import { seedEvents } from './seed';
import { startSuiteServe, suiteHome } from './suite-serve';
import { useUiSuite } from './ui-suite';

const SECRET = 'gh-secret-123';

/** Sends a GitHub-signed webhook with a real HTTP client, as GitHub would. */
async function sendGithub(url: string, payload: unknown, event = 'push'): Promise<number> {
  const body = JSON.stringify(payload);
  const sig = createHmac('sha256', SECRET).update(body).digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': crypto.randomUUID(),
      'X-Hub-Signature-256': `sha256=${sig}`,
    },
  });
  return res.status;
}

// The page's CSP forbids eval, so waits use locators and expect.poll rather than waitForFunction.
const rows = (page: Page) => page.locator('[data-testid=event-row]');
const selectedRow = (page: Page) => page.locator('[data-testid=event-row][aria-selected=true]');

describeWithBrowser('the GUI in Chromium against a real core', () => {
  const ui = useUiSuite();
  let page: Page;
  let hookUrl = '';
  let firstEventId = '';
  let target: Server;
  const received: Array<{ method: string; url: string; body: string; headers: Record<string, unknown> }> = [];

  beforeAll(async () => {
    target = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Target': 'local' });
        res.end('{"received":true}');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    target?.close();
  });

  it('greets a newcomer, takes the token out of the address bar, and creates an endpoint through the UI', async () => {
    await page.getByTestId('empty-state').getByText('Catch your first webhook').waitFor();
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'empty-light');
    await page.getByRole('button', { name: 'Create an endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'New endpoint' });
    await dialog.locator('input[name=label]').fill('github-dev');
    await dialog.locator('select[name=provider]').selectOption('github');
    await dialog.locator('textarea[name=secrets]').fill(SECRET);
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = page.locator('[data-testid=endpoint-item][data-label="github-dev"]');
    await item.waitFor();
    hookUrl = (await item.locator('.endpoint-url code').getAttribute('title')) ?? '';
    expect(hookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/h\/[\w-]+$/);
    await page.getByText('Waiting for webhooks…').waitFor();
    await expect(page.locator('.snippet').textContent()).resolves.toContain(`curl -X POST ${hookUrl}`);
    await screenshot(page, 'endpoint-created-light');
  });

  it('shows a POSTed event live, without a reload', async () => {
    // Page functions run in Chromium; the test's Node project has no DOM types, hence globalThis.
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    expect(
      await sendGithub(`${hookUrl}/github`, { hello: 'world', repository: { name: 'hookline', stars: 42 } }),
    ).toBe(200);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(1);
    await expect(rows(page).first().textContent()).resolves.toContain('/github');
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    // The unread count in the sidebar follows.
    await page
      .locator('[data-testid=endpoint-item][data-label="github-dev"] .count')
      .getByText('1')
      .waitFor();
    firstEventId = (await rows(page).first().getAttribute('data-event-id')) ?? '';
  });

  it('opens the event: JSON tree, headers, signature verdict; re-verifies with a pasted secret', async () => {
    await rows(page).first().click();
    const detail = page.getByTestId('event-detail');
    const tree = detail.getByTestId('json-tree');
    await tree.waitFor();
    await expect(tree.textContent()).resolves.toContain('"world"');
    await tree.getByText('stars:').waitFor();
    // Collapsing the root hides its children.
    await tree.getByRole('button', { name: 'Collapse' }).first().click();
    await tree.getByText('2 keys').waitFor();
    expect(await tree.getByText('stars:').count()).toBe(0);
    await tree.getByRole('button', { name: 'Expand' }).first().click();
    await expect(detail.getByTestId('headers-table').textContent()).resolves.toContain('X-GitHub-Event');
    await detail.locator('.detail-title [data-verdict=valid]').waitFor();
    await screenshot(page, 'detail-light');

    await detail.getByRole('tab', { name: 'Signature' }).click();
    const verdict = detail.getByTestId('signature-verdict').first();
    await expect(verdict.textContent()).resolves.toMatch(/github/);
    await verdict.locator('[data-verdict=valid]').waitFor();
    await detail.locator('input[name=secret]').fill('the-wrong-secret');
    await detail.getByRole('button', { name: 'Re-verify' }).click();
    await detail.getByText('New verdict').waitFor();
    await detail.getByTestId('signature-verdict').nth(1).locator('[data-verdict=invalid]').waitFor();
    await screenshot(page, 'signature-light');
  });

  it('acks the event and shows who acked it', async () => {
    const detail = page.getByTestId('event-detail');
    await detail.getByTestId('ack-button').click();
    await expect(detail.getByTestId('acked-by').textContent()).resolves.toContain('app');
    await page.locator(`[data-event-id="${firstEventId}"].acked`).waitFor();
    await expect(detail.getByTestId('ack-button').textContent()).resolves.toBe('Unack');
  });

  it('edits and replays the event to a local target, and shows the delivery', async () => {
    const detail = page.getByTestId('event-detail');
    await detail.getByRole('tab', { name: 'Replay' }).click();
    const editor = detail.getByTestId('replay-editor');
    const port = (target.address() as AddressInfo).port;
    await editor.locator('input[name=target]').fill(`http://127.0.0.1:${port}`);
    await editor.locator('input[name=path]').fill('/webhooks/github');
    await editor.getByRole('textbox', { name: 'Body' }).fill('{"hello":"replayed"}');
    await editor.getByRole('button', { name: 'Send' }).click();
    const delivery = detail.getByTestId('delivery').first();
    await delivery.waitFor();
    await expect.poll(() => delivery.textContent()).toContain('200');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/webhooks/github',
      body: '{"hello":"replayed"}',
    });
    // Re-signed: the target can verify the edited body with the endpoint's secret.
    const resigned = `sha256=${createHmac('sha256', SECRET).update('{"hello":"replayed"}').digest('hex')}`;
    expect(received[0]?.headers['x-hub-signature-256']).toBe(resigned);
    await delivery.locator('summary').click();
    await expect(delivery.textContent()).resolves.toContain('{"received":true}');
    await screenshot(page, 'replay-light');
  });

  it('finds events by full-text search and says when nothing matches', async () => {
    expect(await sendGithub(hookUrl, { order: 'zebra-42', amount: 7 })).toBe(200);
    await expect.poll(() => rows(page).count()).toBe(2);
    const search = page.getByRole('searchbox', { name: 'Search events' });
    await search.fill('zebra');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().click();
    // The detail keeps the tab the user was on (Replay); go back to the request.
    await page.getByTestId('event-detail').getByRole('tab', { name: 'Request' }).click();
    await expect(page.getByTestId('json-tree').textContent()).resolves.toContain('zebra-42');
    await search.fill('nothing-like-this-anywhere');
    await page.getByText('No events match').waitFor();
    await search.fill('');
    await expect.poll(() => rows(page).count()).toBe(2);
  });

  it('moves with j/k and arrows, acks with a', async () => {
    for (const n of [1, 2, 3]) expect(await sendGithub(hookUrl, { n })).toBe(200);
    await expect.poll(() => rows(page).count()).toBe(5);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await rows(page).first().click();
    const first = await rows(page).nth(0).getAttribute('data-event-id');
    const second = await rows(page).nth(1).getAttribute('data-event-id');
    await page.keyboard.press('j');
    await expect(selectedRow(page).getAttribute('data-event-id')).resolves.toBe(second);
    await page.keyboard.press('k');
    await expect(selectedRow(page).getAttribute('data-event-id')).resolves.toBe(first);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(selectedRow(page).getAttribute('data-event-id')).resolves.toBe(
      await rows(page).nth(2).getAttribute('data-event-id'),
    );
    await page.getByTestId('event-detail').getByTestId('json-tree').waitFor();
    expect(page.url()).toContain('#/events/');
    await page.keyboard.press('a');
    await selectedRow(page).and(page.locator('.acked')).waitFor();
    await screenshot(page, 'list-light');
  });

  it('selects the event named in the URL hash (deep link) after a reload', async () => {
    await page.goto(`${new URL(page.url()).origin}/#/events/${firstEventId}`);
    const detail = page.getByTestId('event-detail');
    await expect(detail.locator('.detail-sub code').textContent()).resolves.toBe(firstEventId);
    await selectedRow(page).waitFor();
  });

  it('shows the agents panel with MCP snippets, and looks right in dark mode', async () => {
    const dark = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', 'dark');
    try {
      await dark.locator(`[data-event-id="${firstEventId}"]`).click();
      await dark.getByTestId('json-tree').waitFor();
      await screenshot(dark, 'detail-dark');
      await dark.getByTestId('event-detail').getByRole('tab', { name: 'Replay' }).click();
      await dark.getByTestId('delivery').first().waitFor();
      await screenshot(dark, 'replay-dark');
      await dark.getByRole('button', { name: 'Agents' }).click();
      const snippet = dark.getByTestId('mcp-snippet');
      await expect(snippet.textContent()).resolves.toContain(ui.serve.home);
      await dark.getByRole('tab', { name: 'VS Code' }).click();
      await expect(snippet.textContent()).resolves.toContain('"servers"');
      await dark.getByText('No agent has connected yet').waitFor();
      await screenshot(dark, 'agents-dark');
      await dark.keyboard.press('Escape');
      await dark.getByRole('button', { name: '+ New' }).click();
      await screenshot(dark, 'endpoint-dialog-dark');
    } finally {
      await dark.context().close();
    }
  });
  it('shows a gzip body decoded as JSON, and a binary body as hex', async () => {
    await page.getByRole('tab', { name: 'Request' }).click();
    const gz = gzipSync(Buffer.from('{"compressed":"yes-indeed"}'));
    const r1 = await fetch(`${hookUrl}/gz`, {
      method: 'POST',
      body: gz,
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    });
    expect(r1.status).toBe(200);
    const row = rows(page).filter({ hasText: '/gz' });
    await row.click();
    const viewer = page.getByTestId('body-viewer');
    await expect(viewer.getByTestId('json-tree').textContent()).resolves.toContain('yes-indeed');
    await expect(viewer.locator('h3').textContent()).resolves.toContain('decoded');
    const r2 = await fetch(`${hookUrl}/bin`, {
      method: 'POST',
      body: new Uint8Array([0, 1, 2, 0xff, 0xfe, 65]),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(r2.status).toBe(200);
    await rows(page).filter({ hasText: '/bin' }).click();
    const hex = page.getByTestId('body-viewer').locator('pre.hex');
    await expect(hex.textContent()).resolves.toContain('00 01 02 ff fe 41');
    // The ASCII column is in view at 1400 px without scrolling sideways.
    await page.setViewportSize({ width: 1400, height: 900 });
    // Node-side types have no DOM: read the two numbers through a narrow cast.
    const { scroll, client } = await hex.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return { scroll: box.scrollWidth, client: box.clientWidth };
    });
    expect(scroll).toBeLessThanOrEqual(client);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describeWithBrowser('the event list with thousands of events', () => {
  const COUNT = 3000;
  const ui = useUiSuite(async () => {
    const home = suiteHome();
    await seedEvents(home, COUNT, 'bulk');
    return startSuiteServe(home);
  });

  it('keeps only the visible rows in the DOM and pages in older events while scrolling', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
    await rows(page).first().waitFor();
    await expect(rows(page).first().getAttribute('data-event-id')).resolves.toBe(
      `evt_seed${String(COUNT - 1).padStart(8, '0')}`,
    );
    // The status bar loads on its own (beside the leader indexing the seeded events): wait for it.
    await expect.poll(() => page.getByTestId('event-count').textContent()).toBe('3,000 events');
    expect(await rows(page).count()).toBeLessThan(80);
    const oldest = page.locator('[data-event-id="evt_seed00000000"]');
    const list = page.getByTestId('event-list');
    // Scroll to the end again and again: each time the next page (by seq cursor) is fetched.
    for (let i = 0; i < 80 && (await oldest.count()) === 0; i++) {
      await list.evaluate((el) => {
        const box = el as unknown as { scrollTop: number; scrollHeight: number };
        box.scrollTop = box.scrollHeight;
      });
      await page.waitForTimeout(50);
    }
    await oldest.waitFor();
    expect(await rows(page).count()).toBeLessThan(80);
    await screenshot(page, 'bulk-scrolled-light');
  });
});
