import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, openUi } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

type Created = { endpoint: { id: string; urls: { local: string } } };

const row = (page: Page, path: string) => page.locator('[data-testid=event-row]', { hasText: path }).first();

describeWithBrowser('the replay panel', () => {
  const ui = useUiSuite();
  let page: Page;
  let target: Server;
  let targetUrl = '';
  const received: string[] = [];

  const send = (base: string, path: string) =>
    fetch(`${base}${path}`, { method: 'POST', body: '{"n":1}' }).then((r) => r.arrayBuffer());

  beforeAll(async () => {
    target = createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const plain = (await uiCall(ui.serve, 'endpoints.create', { label: 'plain' })) as Created;
    const stripe = (await uiCall(ui.serve, 'endpoints.create', {
      label: 'stripe-dev',
      provider: 'stripe',
      secrets: ['whsec_replay'],
    })) as Created;
    await send(plain.endpoint.urls.local, '/first');
    await send(plain.endpoint.urls.local, '/second');
    await send(stripe.endpoint.urls.local, '/stripe-one');
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    target?.close();
  });

  it('leaves Re-sign unticked without a signing scheme, so the first Send works', async () => {
    await row(page, '/first').click();
    const detail = page.getByTestId('event-detail');
    await detail.getByRole('tab', { name: 'Replay' }).click();
    const editor = detail.getByTestId('replay-editor');
    expect(await editor.locator('input[name=resign]').isChecked()).toBe(false);
    await editor.locator('input[name=target]').fill(targetUrl);
    await editor.getByRole('button', { name: 'Send' }).click();
    // The attempt shows up in flight first, then with its response.
    await expect.poll(() => detail.getByTestId('delivery').first().textContent()).toContain('200');
    expect(received).toEqual(['/first']);
  });

  it('remembers the last target for the next event of the same endpoint', async () => {
    await row(page, '/second').click();
    const editor = page.getByTestId('replay-editor');
    await expect.poll(() => editor.locator('input[name=target]').inputValue()).toBe(targetUrl);
  });

  it('ticks Re-sign when the endpoint has a scheme and a secret', async () => {
    await row(page, '/stripe-one').click();
    const editor = page.getByTestId('replay-editor');
    await expect.poll(() => editor.locator('input[name=resign]').isChecked()).toBe(true);
    expect(await editor.locator('input[name=target]').inputValue()).toBe('');
  });
});
