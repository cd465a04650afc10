import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEventRow } from '../../shared/api';
import { describeWithBrowser, launchBrowser, openUi, screenshot } from './browser';
import { type SuiteServe, startSuiteServe, suiteHome, uiCall } from './suite-serve';

type Created = { endpoint: { id: string; urls: { local: string } } };

let serve: SuiteServe;
let target: Server;
const ids: Record<string, string> = {};
const urls: Record<string, string> = {};

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  return ((await res.json()) as { event_id: string }).event_id;
}

async function list(filter: Record<string, unknown> = {}): Promise<ApiEventRow[]> {
  return ((await uiCall(serve, 'events.list', { ...filter, limit: 100 })) as { events: ApiEventRow[] })
    .events;
}

beforeAll(async () => {
  // One retry 50 s later: a 503 stays "retrying" for the whole test; a 4xx is never retried.
  // Under a minute, so the countdown always reads in seconds (60 s would round to "1 min" when read at once).
  vi.stubEnv('HOOKLINE_FORWARD_BACKOFF_MS', '50000');
  target = createServer((req, res) => {
    // The forward URL gets the event's path appended (/ok/hook).
    const url = req.url ?? '';
    res.statusCode = url.startsWith('/ok') ? 200 : url.startsWith('/reject') ? 400 : 503;
    res.end(req.url);
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  serve = await startSuiteServe(suiteHome());
  vi.unstubAllEnvs();
  for (const [label, path] of [
    ['fwd-ok', '/ok'],
    ['fwd-reject', '/reject'],
    ['fwd-down', '/down'],
    ['no-fwd', null],
  ] as const) {
    const { endpoint } = (await uiCall(serve, 'endpoints.create', {
      label,
      provider: 'github',
      forwardUrl: path ? `${base}${path}` : null,
    })) as Created;
    urls[label] = endpoint.urls.local;
    ids[label] = await post(`${endpoint.urls.local}/hook`, `{"label":"${label}","nested":{"only":1}}`, {
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': label === 'no-fwd' ? 'delivery-1' : `d-${label}`,
    });
    if (label === 'no-fwd')
      ids.dup = await post(`${endpoint.urls.local}/hook`, '{"again":true}', {
        'X-GitHub-Event': 'push',
        'X-GitHub-Delivery': 'delivery-1',
      });
  }
});
afterAll(async () => {
  target?.close();
  await serve?.stop();
});

describe('forwarding state in the UI API', () => {
  it('tells each list row how its forwarding stands: delivered, retrying (with when), gave up, none', async () => {
    await vi.waitFor(
      async () => {
        const rows = new Map((await list()).map((r) => [r.id, r]));
        expect(rows.get(ids['fwd-ok'] ?? '')?.lastForward).toMatchObject({
          state: 'delivered',
          attempts: 1,
          status: 200,
        });
        expect(rows.get(ids['fwd-reject'] ?? '')?.lastForward).toMatchObject({
          state: 'failed',
          attempts: 1,
          status: 400,
        });
        const down = rows.get(ids['fwd-down'] ?? '')?.lastForward;
        expect(down).toMatchObject({ state: 'retrying', attempts: 1, status: 503 });
        expect(down?.nextAttemptAt).toBeGreaterThan(Date.now());
        expect(rows.get(ids['no-fwd'] ?? '')?.lastForward).toBeNull();
      },
      { timeout: 8000, interval: 100 },
    );
  });

  it('filters the list and its count by forwarding state', async () => {
    const only = async (forward: string) => (await list({ forward })).map((r) => r.id).sort();
    expect(await only('delivered')).toEqual([ids['fwd-ok']]);
    expect(await only('failed')).toEqual([ids['fwd-reject']]);
    expect(await only('retrying')).toEqual([ids['fwd-down']]);
    expect(await only('none')).toEqual([ids['no-fwd'], ids.dup].sort());
    expect(await uiCall(serve, 'events.count', { forward: 'none' })).toEqual({ count: 2, capped: false });
    // With a text search too (the FTS-driven query).
    expect((await list({ forward: 'failed', text: 'fwd-reject' })).map((r) => r.id)).toEqual([
      ids['fwd-reject'],
    ]);
    expect(await list({ forward: 'failed', text: 'fwd-ok' })).toEqual([]);
  });

  it('acks everything matching and returns the ids, so the UI can undo it', async () => {
    const result = (await uiCall(serve, 'events.ackMatching', { filter: { forward: 'none' } })) as {
      acked: number;
      ids: string[];
    };
    expect(result.acked).toBe(2);
    expect(result.ids.sort()).toEqual([ids['no-fwd'], ids.dup].sort());
    await uiCall(serve, 'events.unack', { ids: result.ids });
    expect(await uiCall(serve, 'events.count', { acked: false })).toEqual({ count: 5, capped: false });
  });
});

describeWithBrowser('forwarding, duplicates and "Ack all" in the GUI', () => {
  let browser: Browser;
  let page: Page;
  const row = (id: string | undefined) => page.locator(`[data-event-id="${id}"]`);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openUi(browser, serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('badges rows: delivered, retry in N s, gave up, duplicate; filters by forwarding', async () => {
    await expect(row(ids['fwd-ok']).locator('[data-forward]').textContent()).resolves.toBe('→ delivered');
    await expect(row(ids['fwd-reject']).locator('[data-forward]').textContent()).resolves.toBe('→ gave up');
    await expect(row(ids['fwd-down']).locator('[data-forward]').textContent()).resolves.toMatch(
      /^→ retry in \d+ s$/,
    );
    expect(await row(ids['no-fwd']).locator('[data-forward]').count()).toBe(0);
    await row(ids.dup).getByTestId('duplicate-badge').waitFor();
    expect(await row(ids['no-fwd']).getByTestId('duplicate-badge').count()).toBe(0);
    // Today's events show the time of day only.
    await expect(row(ids['fwd-ok']).locator('.time').textContent()).resolves.toMatch(
      /^\d\d:\d\d:\d\d\.\d{3}$/,
    );
    await screenshot(page, 'forward-badges-light');
    await page.getByRole('combobox', { name: 'Forwarding' }).selectOption('failed');
    await expect.poll(() => page.locator('[data-testid=event-row]').count()).toBe(1);
    await page.getByTestId('list-count').getByText('1 matching event').waitFor();
    await page.getByRole('combobox', { name: 'Forwarding' }).selectOption('');
    await expect.poll(() => page.locator('[data-testid=event-row]').count()).toBe(5);
  });

  it('says in the delivery log why forwarding failed, when it retries, and what was sent', async () => {
    await row(ids['fwd-reject']).click();
    const detail = page.getByTestId('event-detail');
    await detail.getByRole('tab', { name: 'Replay' }).click();
    await expect(detail.getByTestId('forward-gave-up').textContent()).resolves.toBe(
      'Forwarding gave up after 1 attempt: HTTP 400',
    );
    // On the collapsed row already.
    await expect(detail.getByTestId('delivery-reason').first().textContent()).resolves.toBe('HTTP 400');
    await detail.getByTestId('delivery').first().locator('summary').click();
    await expect(detail.getByTestId('delivery').first().textContent()).resolves.toContain(
      '"label":"fwd-reject"',
    );
    await row(ids['fwd-down']).click();
    await expect(detail.getByTestId('delivery-reason').first().textContent()).resolves.toMatch(
      /^HTTP 503next retry in \d+ s$/,
    );
    expect(await detail.getByTestId('forward-gave-up').count()).toBe(0);
    await screenshot(page, 'delivery-log-light');
  });

  it('says "1 key" for a one-key object in the JSON tree', async () => {
    await row(ids['no-fwd']).click();
    await page.getByTestId('event-detail').getByRole('tab', { name: 'Request' }).click();
    const tree = page.getByTestId('json-tree');
    await tree.getByRole('button', { name: 'Collapse' }).nth(1).click();
    await tree.getByText('1 key').waitFor();
  });

  it('asks before acking more than a screenful, and undoes it', async () => {
    for (let i = 0; i < 10; i++) await post(`${urls['no-fwd']}/more`, `{"i":${i}}`);
    // 300 px tall: about nine rows fit, fewer than the 15 pending.
    const small = await openUi(browser, serve.facts.uiUrl ?? '', 'light', { width: 1024, height: 300 });
    try {
      await small.locator('[data-testid=event-row]').first().waitFor();
      const questions: string[] = [];
      small.once('dialog', (d) => {
        questions.push(d.message());
        void d.dismiss();
      });
      await small.getByRole('button', { name: 'Ack all' }).click();
      await expect.poll(() => questions).toEqual(['Ack all 15 pending events matching these filters?']);
      // Declined: nothing acked.
      expect(await uiCall(serve, 'events.count', { acked: false })).toEqual({ count: 15, capped: false });
      small.once('dialog', (d) => void d.accept());
      await small.getByRole('button', { name: 'Ack all' }).click();
      await small.getByText('Acked 15 events').waitFor();
      await expect.poll(() => small.locator('[data-testid=event-row].pending').count()).toBe(0);
      await small.getByRole('button', { name: 'Undo' }).click();
      await small.getByText('Back to pending: 15 events').waitFor();
      await expect.poll(() => small.locator('[data-testid=event-row].acked').count()).toBe(0);
      expect(await uiCall(serve, 'events.count', { acked: false })).toEqual({ count: 15, capped: false });
    } finally {
      await small.context().close();
    }
  });
});
