/**
 * Issue 17.1: the GUI's "Copy as cURL" puts the core's exporter output on the clipboard — a gzip
 * body included — and the pasted text, run with bash, sends the exact request once.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createEndpoint, eventIdOf, rawRequest, served } from '../delivery/fixtures';
import { startTarget } from '../delivery/target';
import { tempHome } from '../helpers/temp-home';
import { launchBrowser, openUi } from './browser';

describe('Copy as cURL in the app', () => {
  it('copies a command that sends the gzip body byte for byte', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'gz');
    const body = gzipSync(Buffer.from(JSON.stringify({ hello: 'world', n: [1, 2, 3] })));
    const eventId = eventIdOf(
      await rawRequest(
        s.base,
        'POST',
        `/h/${id}/zipped`,
        [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'gzip'],
          ['Content-Length', String(body.length)],
        ],
        body,
      ),
    );
    const browser = await launchBrowser();
    try {
      const page = await openUi(browser, `${s.serve.facts.uiUrl}#/events/${eventId}`);
      const detail = page.getByTestId('event-detail');
      await detail.getByRole('button', { name: 'Copy as cURL' }).click();
      await detail.getByRole('button', { name: '✓ Copied' }).waitFor();
      // Node-side types have no DOM: reach the page's clipboard through a narrow cast.
      const copied = await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );
      expect(copied).toContain('base64 -d');
      expect(copied).toMatch(/^# The body is binary or large/);

      // The command names the endpoint's own receiver; point it at a capture server instead.
      const target = await startTarget();
      const local = new URL(s.base);
      const script = copied.replaceAll(`${local.origin}/h/${id}`, target.url);
      const dir = tempHome();
      writeFileSync(join(dir, 'copied.sh'), script);
      // Async: the capture server lives in this process and must keep answering meanwhile.
      const ran = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn('bash', [join(dir, 'copied.sh')], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stderr });
        });
      });
      expect(ran.status, ran.stderr).toBe(0);
      const [got] = await target.waitFor(1);
      expect(got?.url).toBe('/zipped');
      expect(got?.body.equals(body)).toBe(true);
      expect(got?.headers).toContainEqual(['Content-Encoding', 'gzip']);
      expect(target.received).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
