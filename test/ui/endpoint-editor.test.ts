import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, openUi, screenshot } from './browser';
import { seedEvents } from './seed';
import { startSuiteServe, suiteHome } from './suite-serve';
import { useUiSuite } from './ui-suite';

const SECRET = 'acme-signing-secret';
const HEADER = 'X-Acme-Signature';

/** Signs like the made-up "Acme" sender: `X-Acme-Signature: v1=<base64 HMAC-SHA512 of the raw body>`. */
function acmeSignature(body: string, secret = SECRET): string {
  return `v1=${createHmac('sha512', secret).update(body).digest('base64')}`;
}

async function sendAcme(url: string, body: string, secret = SECRET): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', [HEADER]: acmeSignature(body, secret) },
  });
  await res.arrayBuffer();
  return res.status;
}

const rows = (page: Page) => page.locator('[data-testid=event-row]');
const item = (page: Page, label: string) =>
  page.locator(`[data-testid=endpoint-item][data-label="${label}"]`);
const listCount = (page: Page) => page.getByTestId('list-count').textContent();

describeWithBrowser('the endpoint editor: verification settings, pause/resume, validation', () => {
  const ui = useUiSuite();
  let page: Page;
  let hookUrl = '';

  beforeAll(async () => {
    page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
  });

  it('creates a generic-HMAC endpoint with a custom header through the UI; a signed POST is valid', async () => {
    await page.getByRole('button', { name: 'Create an endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'New endpoint' });
    const section = dialog.getByTestId('verify-section');
    // Collapsed for auto with defaults, its state summed up on one line.
    expect(await section.getAttribute('open')).toBeNull();
    await expect(section.locator('summary').textContent()).resolves.toContain('300 s tolerance');
    await dialog.locator('input[name=label]').fill('acme');
    await dialog.locator('select[name=provider]').selectOption('generic');
    // Choosing generic opens the section: its settings are what that provider needs.
    await expect.poll(() => section.getAttribute('open')).not.toBeNull();
    await dialog.locator('textarea[name=secrets]').fill(SECRET);
    await dialog.locator('input[name=tolerance]').fill('600');
    await dialog.locator('input[name=genericCustom]').check();
    await dialog.locator('input[name=genericHeader]').fill(HEADER);
    await dialog.locator('select[name=genericAlgorithm]').selectOption('sha512');
    await dialog.locator('select[name=genericEncoding]').selectOption('base64');
    await dialog.locator('input[name=genericPrefix]').fill('v1=');
    await expect(dialog.getByTestId('generic-example').textContent()).resolves.toBe(
      `${HEADER}: v1=<base64 HMAC-SHA512 of the raw body>`,
    );
    // Signed URL is for Twilio/Square only.
    expect(await dialog.locator('input[name=publicUrl]').count()).toBe(0);
    await screenshot(page, 'endpoint-verify-light');
    await dialog.getByRole('button', { name: 'Create endpoint' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item(page, 'acme').waitFor();
    hookUrl = (await item(page, 'acme').locator('.endpoint-url code').getAttribute('title')) ?? '';

    expect(await sendAcme(hookUrl, '{"order":"A-1"}')).toBe(200);
    await rows(page).first().locator('[data-verdict=valid]').waitFor();
    expect(await sendAcme(hookUrl, '{"order":"A-2"}', 'not-the-secret')).toBe(200);
    await expect.poll(() => rows(page).count()).toBe(2);
    await rows(page).first().locator('[data-verdict=invalid]').waitFor();
  });

  it('reopens with the saved settings, and shows the core’s validation errors next to the field', async () => {
    await page.getByRole('button', { name: 'Edit acme' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit acme' });
    expect(await dialog.getByTestId('verify-section').getAttribute('open')).not.toBeNull();
    await expect(dialog.locator('input[name=tolerance]').inputValue()).resolves.toBe('600');
    await expect(dialog.locator('input[name=genericHeader]').inputValue()).resolves.toBe(HEADER);
    await expect(dialog.locator('select[name=genericAlgorithm]').inputValue()).resolves.toBe('sha512');
    await expect(dialog.locator('select[name=genericEncoding]').inputValue()).resolves.toBe('base64');
    await expect(dialog.locator('input[name=genericPrefix]').inputValue()).resolves.toBe('v1=');

    // A header name with a space: the core refuses it, the dialog stays open and says why, in place.
    await dialog.locator('input[name=genericHeader]').fill('X Acme Signature');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Next to the field when the core names it (verify.generic.header), else at the top: never lost.
    await expect(dialog.getByRole('alert').first().textContent()).resolves.toMatch(/HTTP header name/);
    await screenshot(page, 'endpoint-error-light');

    // A bad signed URL (shown for Twilio) is pinned to that field, not to "Forward to".
    await dialog.locator('input[name=genericHeader]').fill(HEADER);
    await dialog.locator('select[name=provider]').selectOption('twilio');
    await dialog.locator('input[name=publicUrl]').fill('not a url');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert').first().textContent()).resolves.toContain('not a url');
    expect(await dialog.getByTestId('error-generic').count()).toBe(0);
    expect(await dialog.getByTestId('error-forwardUrl').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Nothing was saved.
    await expect(item(page, 'acme').locator('.tag').first().textContent()).resolves.toBe('generic');
  });

  it('pauses an endpoint (badge, senders get 503, nothing stored) and resumes it', async () => {
    await page.getByRole('button', { name: 'Edit acme' }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit acme' });
    await expect(dialog.locator('label.pause').textContent()).resolves.toContain('nothing is stored');
    await dialog.locator('input[name=paused]').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item(page, 'acme').getByTestId('paused-badge').waitFor();
    await screenshot(page, 'endpoint-paused-light');

    expect(await sendAcme(hookUrl, '{"order":"while-paused"}')).toBe(503);
    // Give the live list time to show anything that was (wrongly) stored.
    await page.waitForTimeout(500);
    expect(await rows(page).count()).toBe(2);

    await page.getByRole('button', { name: 'Edit acme' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit acme' });
    expect(await dialog.locator('input[name=paused]').isChecked()).toBe(true);
    await dialog.locator('input[name=paused]').uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item(page, 'acme').getByTestId('paused-badge').waitFor({ state: 'detached' });
    expect(await sendAcme(hookUrl, '{"order":"after-resume"}')).toBe(200);
    await expect.poll(() => rows(page).count()).toBe(3);
    await rows(page).first().locator('[data-verdict=valid]').waitFor();
  });

  it('counts the events matching the filters and search above the list, live', async () => {
    await expect.poll(() => listCount(page)).toBe('3 events');
    await page.getByRole('combobox', { name: 'Signature' }).selectOption('invalid');
    await expect.poll(() => listCount(page)).toBe('1 matching event');
    await page.getByRole('combobox', { name: 'Signature' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Search events' }).fill('order');
    await expect.poll(() => listCount(page)).toBe('3 matching events');
    expect(await sendAcme(hookUrl, '{"order":"A-4"}')).toBe(200);
    await expect.poll(() => listCount(page)).toBe('4 matching events');
    await page.getByRole('searchbox', { name: 'Search events' }).fill('');
    await expect.poll(() => listCount(page)).toBe('4 events');
  });

  it('looks right in dark mode: a dense backdrop, the section and an inline error', async () => {
    const dark = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '', 'dark');
    try {
      // The edit button shows on the active (or hovered) endpoint.
      await item(dark, 'acme').locator('.endpoint-main').click();
      await dark.getByRole('button', { name: 'Edit acme' }).click();
      const dialog = dark.getByRole('dialog', { name: 'Edit acme' });
      await dialog.getByTestId('generic-hmac').waitFor();
      await screenshot(dark, 'endpoint-verify-dark');
      await dialog.locator('input[name=genericHeader]').fill('X Acme Signature');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByRole('alert').first().waitFor();
      await screenshot(dark, 'endpoint-error-dark');
      await dark.keyboard.press('Escape');
      await dark.getByRole('button', { name: '+ New' }).click();
      await dark.getByRole('dialog', { name: 'New endpoint' }).waitFor();
      await screenshot(dark, 'endpoint-new-dark');
    } finally {
      await dark.context().close();
    }
  });
});

describeWithBrowser('the event count with many events', () => {
  // Two endpoints: retention keeps 10,000 trusted events per endpoint, and the cap must be crossed.
  const PER_ENDPOINT = 6_000;
  const ui = useUiSuite(async () => {
    const home = suiteHome();
    await seedEvents(home, PER_ENDPOINT, 'bulk-a', 'evt_seeda');
    await seedEvents(home, PER_ENDPOINT, 'bulk-b', 'evt_seedb');
    // A quarter of the seed fails verification: keep all of it (the untrusted budget is 1,000).
    const args = ['--tunnel', 'none', '--port', '0', '--ui-port', '0', '--keep-untrusted', '10000'];
    return startSuiteServe(home, args);
  });

  it('shows exact counts for filters and caps a broad text search at "1,000+"', async () => {
    const page = await openUi(ui.browser, ui.serve.facts.uiUrl ?? '');
    await expect.poll(() => listCount(page)).toBe('12,000 events');
    // The seed cycles through 7 methods; PUT is the 4th.
    const puts = 2 * Array.from({ length: PER_ENDPOINT }, (_, i) => i).filter((i) => i % 7 === 3).length;
    await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
    await expect.poll(() => listCount(page)).toBe(`${puts.toLocaleString('en-US')} matching events`);
    await page.getByRole('combobox', { name: 'Method' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Search events' }).fill('seeded');
    await expect.poll(() => listCount(page), { timeout: 30_000 }).toBe('1,000+ matching events');
    // Both endpoints have an obj_4242.
    await page.getByRole('searchbox', { name: 'Search events' }).fill('obj_4242');
    // The seeded events are indexed in the background; until then a search may stop at its time
    // budget ("1+", said as such), and the count turns exact once the index has caught up.
    await expect.poll(() => listCount(page), { timeout: 30_000 }).toBe('2 matching events');
    await screenshot(page, 'list-count-light');
  });
});
