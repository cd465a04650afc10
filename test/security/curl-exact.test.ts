/**
 * Issue 17.1 / 12.9 / 12.10: the one curl exporter (CLI `export --format curl` and the GUI's
 * "Copy as cURL" through the UI API) sends exactly one request with the exact bytes, runs for any
 * body size, never reads a local file, never globs, and never runs anything from the payload.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/types';
import { createEndpoint, eventIdOf, rawRequest, runCliAsync, served } from '../delivery/fixtures';
import { type Received, startTarget } from '../delivery/target';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

/**
 * Runs the text as a bash script file (a 4 MB command does not fit in one exec argument, as it
 * would not in `bash -c`); stdin is closed, so a stray `@-` would read nothing rather than hang.
 */
function bash(script: string, cwd: string): Promise<{ code: number; stderr: string }> {
  const file = join(cwd, `cmd-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return new Promise((resolve) => {
    const child = spawn('bash', [file], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stderr });
    });
  });
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** What must arrive: method, request target, headers in order (Host aside) and body, as one hash. */
function fingerprint(method: string, target: string, headers: HeaderPair[], body: Uint8Array): string {
  const kept = headers.filter(([k]) => k.toLowerCase() !== 'host').map(([k, v]) => `${k}: ${v}`);
  return sha(`${method}\n${target}\n${kept.join('\n')}\n${sha(body)}`);
}

function post(contentType: string | null, body: Buffer, extra: HeaderPair[] = []): HeaderPair[] {
  return [
    ...(contentType ? ([['Content-Type', contentType]] as HeaderPair[]) : []),
    ...extra,
    ['Content-Length', String(body.length)],
  ];
}

const json = Buffer.from(JSON.stringify({ id: 'evt_1', amount: 1200, note: 'it\'s "ok"' }));
const CASES: { name: string; method: string; path: string; headers: HeaderPair[]; body: Buffer }[] = [
  {
    name: 'binary',
    method: 'POST',
    path: '/bin',
    headers: [],
    body: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131) % 256)),
  },
  {
    name: 'gzip',
    method: 'POST',
    path: '/gz',
    headers: [['Content-Encoding', 'gzip']],
    body: gzipSync(json),
  },
  { name: 'form', method: 'POST', path: '/form', headers: [], body: Buffer.from('a=1&b=%40x&c=hello+world') },
  { name: '3 MB', method: 'PUT', path: '/big', headers: [], body: randomBytes(3 * 1024 * 1024) },
  {
    name: 'body @/etc/hostname',
    method: 'POST',
    path: '/at',
    headers: [],
    body: Buffer.from('@/etc/hostname'),
  },
  { name: 'body @-', method: 'POST', path: '/stdin', headers: [], body: Buffer.from('@-') },
  { name: 'glob path [1-50]', method: 'POST', path: '/[1-50]', headers: [], body: json },
  { name: 'glob path {a,b}', method: 'GET', path: '/{a,b}?x=[1-3]', headers: [], body: Buffer.alloc(0) },
  {
    name: 'hostile header values',
    method: 'POST',
    path: '/hdr',
    headers: [
      ['X-Sub', '$(touch MARKER)'],
      ['X-Tick', '`touch MARKER`'],
      ['X-Quotes', `it's "quoted" \\ $HOME`],
    ],
    body: json,
  },
];

const TYPES: Record<string, string | null> = {
  binary: 'application/octet-stream',
  gzip: 'application/json',
  form: 'application/x-www-form-urlencoded',
  '3 MB': 'application/octet-stream',
};

describe('exported curl commands, run with bash against a capture server', () => {
  it.each(CASES)('$name: one request, exact bytes, nothing else runs (CLI and GUI)', async (c) => {
    const s = await served();
    const id = createEndpoint(s.home, 'exact');
    const work = tempHome();
    const headers = post(
      c.name in TYPES ? (TYPES[c.name] ?? null) : 'application/json',
      c.body,
      c.headers.map(([k, v]): HeaderPair => [k, v.replace('MARKER', join(work, 'pwned'))]),
    );
    const sent = c.body.length > 0 ? headers : headers.filter(([k]) => k !== 'Content-Length');
    const eventId = eventIdOf(await rawRequest(s.base, c.method, `/h/${id}${c.path}`, sent, c.body));
    const event = s.inbox.getEvent(eventId);
    const target = event.query ? `${event.path}?${event.query}` : event.path;
    const expected = fingerprint(c.method, target, event.headers, event.body);

    const ui = new URL(s.serve.facts.uiUrl ?? '');
    const capture = await startTarget();
    const fromCli = await runCliAsync(s.home, ['export', eventId, '--format', 'curl', '--to', capture.url]);
    expect(fromCli.code, fromCli.stderr).toBe(0);
    const res = await fetch(`${ui.origin}/api/events.curl`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${ui.searchParams.get('token')}`,
      },
      body: JSON.stringify({ id: eventId, targetUrl: capture.url }),
    });
    expect(res.status).toBe(200);
    const fromGui = (await res.json()) as { command: string; notes: string[] };
    // One exporter: the GUI's command is the CLI's, byte for byte.
    expect(fromGui.command).toBe(fromCli.stdout.replace(/\n$/, ''));
    expect(fromGui.command).toContain('--globoff');
    expect(fromGui.command).not.toMatch(/--data-binary '?@(?!-)/);

    for (const [n, script] of [fromCli.stdout, fromGui.command].entries()) {
      const ran = await bash(script, work);
      expect(ran.code, ran.stderr).toBe(0);
      await capture.waitFor(n + 1);
    }
    // Give a second (globbed) request time to show up if there were one.
    await new Promise((r) => setTimeout(r, 300));
    expect(capture.received).toHaveLength(2);
    for (const got of capture.received as Received[])
      expect(fingerprint(got.method, got.url, got.headers, got.body)).toBe(expected);
    expect(existsSync(join(work, 'pwned'))).toBe(false);
  });

  it('leaves out a stored header that holds a line break, and says so (no injected header)', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'crlf');
    const stored = newEvent(id, '{"ok":true}', {
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Evil', 'a\r\nX-Injected: yes'],
        ['X-Fine', 'kept'],
      ],
    });
    await s.inbox.commitEvents([stored]);
    const capture = await startTarget();
    const out = await runCliAsync(s.home, ['export', stored.id, '--format', 'curl', '--to', capture.url]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/Header "X-Evil" is left out/);
    const ran = await bash(out.stdout, tempHome());
    expect(ran.code, ran.stderr).toBe(0);
    const [got] = await capture.waitFor(1);
    const names = (got?.headers ?? []).map(([k]) => k.toLowerCase());
    expect(names).toContain('x-fine');
    expect(names).not.toContain('x-injected');
    expect(names).not.toContain('x-evil');
  });
});
