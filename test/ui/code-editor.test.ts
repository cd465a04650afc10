import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeWithBrowser, openUi } from './browser';
import { uiCall } from './suite-serve';
import { useUiSuite } from './ui-suite';

// Screenshots for a person to look at, beside the suite's other artifacts (test/artifacts).
const SHOTS = resolve(ARTIFACTS, 'code-editor');

type Created = { endpoint: { id: string; label: string; urls: { local: string } } };

describeWithBrowser('the code editor for bodies', () => {
  const ui = useUiSuite();
  let page: Page;
  let target: Server;
  let targetUrl = '';
  let hook: Created['endpoint'];
  const received: string[] = [];

  beforeAll(async () => {
    target = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    hook = ((await uiCall(ui.serve, 'endpoints.create', { label: 'editor' })) as Created).endpoint;
    await fetch(`${hook.urls.local}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"order":{"id":7,"items":[1,2]}}',
    }).then((r) => r.arrayBuffer());
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });
  afterAll(async () => {
    target?.close();
  });

  it('edits the replay body in a highlighting editor, says where JSON breaks, and sends the fix', async () => {
    await page.locator('[data-testid=event-row]', { hasText: '/orders' }).click();
    const detail = page.getByTestId('event-detail');
    await detail.getByRole('tab', { name: 'Replay' }).click();
    const form = detail.getByTestId('replay-editor');
    const body = form.getByRole('textbox', { name: 'Body' });
    await expect.poll(() => body.textContent()).toContain('"order"');
    // A real editor: line numbers, fold markers, JSON highlighting (keys and numbers in their colours).
    const editor = form.getByTestId('replay-body');
    expect(await editor.locator('.cm-lineNumbers').count()).toBe(1);
    expect(await editor.locator('.cm-foldGutter').count()).toBe(1);
    await body.fill('{"order": {"id": 8,\n  "items": [1, 2,]}}');
    const problem = editor.getByTestId('json-problem');
    await expect.poll(() => problem.textContent()).toMatch(/Not valid JSON at line 2, column 18: /);
    await page.screenshot({ path: `${SHOTS}/editor-invalid-1400-light.png` });
    await body.fill('{"order": {"id": 8, "items": [1, 2]}}');
    await expect.poll(() => problem.count()).toBe(0);
    // Format pretty-prints; undo (Ctrl+Z) takes it back to the one line typed.
    await editor.getByRole('button', { name: 'Format JSON' }).click();
    await expect.poll(() => editor.locator('.cm-line').count()).toBe(9);
    await body.press('Control+z');
    await expect.poll(() => editor.locator('.cm-line').count()).toBe(1);
    await form.locator('input[name=target]').fill(targetUrl);
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => received).toEqual(['{"order": {"id": 8, "items": [1, 2]}}']);
  });

  it('edits the custom response body in the endpoint dialog, and senders get it', async () => {
    await page.locator(`[data-testid=endpoint-item][data-label="${hook.label}"]`).hover();
    await page.getByRole('button', { name: `Edit ${hook.label}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${hook.label}` });
    await dialog.getByText('Custom response to the sender').click();
    const body = dialog.getByRole('textbox', { name: 'Response body' });
    await expect.poll(() => body.textContent()).toBe('{"ok":true}');
    await body.fill('{"accepted": tru}');
    await expect.poll(() => dialog.getByTestId('json-problem').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/response-editor-1400-light.png` });
    await body.fill('{"accepted": true}');
    await expect.poll(() => dialog.getByTestId('json-problem').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const res = await fetch(hook.urls.local, { method: 'POST', body: '{}' });
    expect(await res.text()).toBe('{"accepted": true}');
  });

  it('fits at every checked width, light and dark (replay editor and the detail actions)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1400, 1024, 800]) {
        const p = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', scheme, { width, height: 800 });
        await p.locator('[data-testid=event-row]', { hasText: '/orders' }).click();
        const detail = p.getByTestId('event-detail');
        await detail.getByRole('tab', { name: 'Replay' }).click();
        await detail.getByTestId('replay-body').locator('.cm-content').waitFor();
        // Nothing in the detail pane runs off its right edge.
        // Node-side types have no DOM: read the two numbers through a narrow cast.
        const overflow = await detail.evaluate((el) => {
          const box = el as unknown as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth - box.clientWidth;
        });
        expect(overflow).toBeLessThanOrEqual(0);
        await p.screenshot({ path: `${SHOTS}/replay-editor-${width}-${scheme}.png` });
        await p.context().close();
      }
    }
  });
});
