/**
 * Issue 12.12: payload bytes never reach the terminal as control sequences (OSC 52 clipboard,
 * OSC 0 title, clear-screen, C1 CSI, bidi override, zero-width) in any human-readable CLI output;
 * `--json` stays exact. Issue 12.20: export files are 0600 even under umask 000.
 * CLI polish (17): sizes as in the GUI, the event type in list/tail.
 */
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createEndpoint, eventIdOf, rawRequest, runCliAsync, served } from '../delivery/fixtures';
import { CLI } from '../helpers/cli-process';

const SECRET = 'whsec_terminal_test';
// JSON keeps C1, bidi and invisible characters raw inside strings (it only escapes C0).
const HOSTILE_TYPE = 'invoice.paid\u202e\u009b2J\u200b\u3164';
const PAYLOAD = `{"id":"evt_t","type":"${HOSTILE_TYPE}","tag":"\u{E0041}"}`;
// A text body carries raw C0: OSC 52 (clipboard write), OSC 0 (title), clear-screen.
const TEXT_BODY = 'hello \u001b]52;c;ZXZpbA==\u0007 \u001b]0;owned\u0007\u001b[2J done';
// Raw bytes an HTTP parser lets through in a header value: 0x9b is C1 CSI once shown as UTF-8.
const C1_HEADER = 'a\x9b2Jb';

/** Characters a terminal would obey or hide; none may appear in human output. */
const RANGES: [number, number][] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0x3164, 0x3164],
  [0xe0000, 0xe007f],
];
const rawControl = (text: string) =>
  [...text].find((c) =>
    RANGES.some(([a, b]) => (c.codePointAt(0) ?? 0) >= a && (c.codePointAt(0) ?? 0) <= b),
  );

function tailOnce(home: string, send: () => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const tail = spawn(process.execPath, [CLI, 'events', 'tail'], {
      env: { ...process.env, HOOKLINE_HOME: home },
    });
    let out = '';
    tail.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        tail.kill('SIGTERM');
        resolve(out);
      }
    });
    tail.stderr.on('data', (d: Buffer) => {
      if (d.toString().includes('Waiting for events')) send().catch(reject);
    });
    tail.once('exit', () => resolve(out));
  });
}

describe('human-readable CLI output is terminal-safe', () => {
  it('escapes control, bidi and invisible characters everywhere, and --json stays exact', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'term', ['--provider', 'stripe', '--secret', SECRET]);
    const send = async () => {
      const sig = Stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret: SECRET });
      const bytes = Buffer.from(PAYLOAD);
      const res = await rawRequest(
        s.base,
        'POST',
        `/h/${id}/hook`,
        [
          ['Content-Type', 'application/json'],
          ['Stripe-Signature', sig],
          ['X-C1', C1_HEADER],
          ['Content-Length', String(bytes.length)],
        ],
        bytes,
      );
      eventIds.push(eventIdOf(res));
      const text = Buffer.from(TEXT_BODY);
      const plain = await rawRequest(
        s.base,
        'POST',
        `/h/${id}/text`,
        [
          ['Content-Type', 'text/plain'],
          ['Content-Length', String(text.length)],
        ],
        text,
      );
      eventIds.push(eventIdOf(plain));
    };
    const eventIds: string[] = [];
    const tailed = await tailOnce(s.home, send);
    // tail prints as soon as the event is committed, maybe before the sender has its answer.
    while (eventIds.length < 2) await new Promise((r) => setTimeout(r, 20));
    const [eventId = '', textId = ''] = eventIds;
    const outputs = {
      tail: tailed,
      list: (await runCliAsync(s.home, ['events', 'list'])).stdout,
      show: (await runCliAsync(s.home, ['events', 'show', eventId])).stdout,
      showText: (await runCliAsync(s.home, ['events', 'show', textId])).stdout,
      verify: (await runCliAsync(s.home, ['verify', eventId, '--show-signed'])).stdout,
      status: (await runCliAsync(s.home, ['status'])).stdout,
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(0);
      expect(rawControl(text), `${name}: ${JSON.stringify(text)}`).toBeUndefined();
    }
    // Shown, not hidden: the escapes are visible in place.
    expect(outputs.showText).toContain('hello \\x1b]52;c;ZXZpbA==\\x07 \\x1b]0;owned\\x07\\x1b[2J done');
    expect(outputs.show).toContain('"type":"invoice.paid\\u{202e}\\x9b2J\\u{200b}\\u{3164}"');
    expect(outputs.show).toContain('"tag":"\\u{e0041}"');
    expect(outputs.show).toContain('X-C1: a\\x9b2Jb');
    expect(outputs.list).toContain('invoice.paid\\u{202e}\\x9b2J\\u{200b}\\u{3164}');
    expect(outputs.tail).toContain('invoice.paid\\u{202e}');
    expect(outputs.verify).toContain('invoice.paid\\u{202e}');

    const json = JSON.parse((await runCliAsync(s.home, ['events', 'show', eventId, '--json'])).stdout) as {
      bodyText: string;
      headers: [string, string][];
      providerEventType: string;
    };
    expect(json.bodyText).toBe(PAYLOAD);
    expect(json.providerEventType).toBe(HOSTILE_TYPE);
    expect(json.headers.find(([k]) => k === 'X-C1')?.[1]).toBe(C1_HEADER);
  });

  it('lists the event type and sizes as the GUI shows them', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'sizes');
    const body = Buffer.from(JSON.stringify({ type: 'customer.created', pad: 'x'.repeat(1200) }));
    await rawRequest(s.base, 'POST', `/h/${id}`, [['Content-Length', String(body.length)]], body);
    const list = (await runCliAsync(s.home, ['events', 'list'])).stdout;
    expect(list.split('\n')[0]).toMatch(/PATH +TYPE +SIZE/);
    expect(list).toMatch(/customer\.created +1\.2 KB/);
  });

  it('creates export files 0600 even under umask 000', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'perm');
    const eventId = eventIdOf(
      await rawRequest(s.base, 'POST', `/h/${id}`, [['Content-Length', '2']], Buffer.from('{}')),
    );
    const out = join(s.home, 'event.json');
    const bodyFile = join(s.home, 'body.bin');
    const sh = (args: string) =>
      spawnSync('bash', ['-c', `umask 000; "${process.execPath}" "${CLI}" ${args}`], {
        env: { ...process.env, HOOKLINE_HOME: s.home },
        encoding: 'utf8',
      });
    expect(sh(`export ${eventId} --format json --out "${out}"`).status).toBe(0);
    const curl = sh(`export ${eventId} --format curl --body-file "${bodyFile}"`);
    expect(curl.status, curl.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(bodyFile).mode & 0o777).toBe(0o600);
  });
});
