import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/types';
import { createEndpoint, eventIdOf, rawRequest, runCliAsync, served } from '../delivery/fixtures';
import { type Received, startTarget } from '../delivery/target';
import { tempHome } from '../helpers/temp-home';

/** Runs a generated command with the real bash and curl binaries. */
function bash(script: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

const CASES: { name: string; method: string; path: string; headers: HeaderPair[]; body: Buffer }[] = [
  {
    name: 'JSON with quotes, newlines and unicode',
    method: 'POST',
    path: '/stripe/../odd%20path?x=%20&y=a+b&z',
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      ['X-Repeat', 'one'],
      ['Stripe-Signature', "t=1,v1=abc'def"],
      ['X-Repeat', 'two'],
      ['x-latin', 'caf\xe9'],
      ['X-Empty', ''],
    ],
    body: Buffer.from(`{"msg":"it's \\"quoted\\"\\n","emoji":"🎉","tab":"\t"}\r\n`),
  },
  {
    name: 'binary body',
    method: 'PUT',
    path: '/bin',
    headers: [
      ['Content-Type', 'application/octet-stream'],
      ['User-Agent', 'Sender/2.0'],
      ['Accept', '*/*'],
    ],
    body: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)),
  },
  {
    name: 'GET without body',
    method: 'GET',
    path: '/ping?ok=1',
    headers: [['X-Only', 'this']],
    body: Buffer.alloc(0),
  },
  {
    name: 'DELETE with a form body and no content type',
    method: 'DELETE',
    path: '',
    headers: [],
    body: Buffer.from('a=1&b=2'),
  },
];

function withLength(headers: HeaderPair[], body: Buffer): HeaderPair[] {
  return body.length > 0 ? [...headers, ['Content-Length', String(body.length)]] : headers;
}

describe('curl export', () => {
  it.each(CASES)('reproduces the request byte for byte with the real curl: $name', async (c) => {
    const s = await served();
    const id = createEndpoint(s.home, 'curl');
    const headers = withLength(c.headers, c.body);
    const eventId = eventIdOf(await rawRequest(s.base, c.method, `/h/${id}${c.path}`, headers, c.body));
    const event = s.inbox.getEvent(eventId);
    const target = await startTarget();
    const exported = await runCliAsync(s.home, ['export', eventId, '--format', 'curl', '--to', target.url]);
    expect(exported.code, exported.stderr).toBe(0);
    const ran = await bash(exported.stdout);
    expect(ran.code, ran.stderr).toBe(0);
    const [got] = await target.waitFor(1);
    const expectHost = (h: HeaderPair[]) =>
      h.map(([k, v]): HeaderPair => (k.toLowerCase() === 'host' ? [k, 'TARGET'] : [k, v]));
    expect(got?.method).toBe(c.method);
    expect(got?.url).toBe(`${c.path.split('?')[0] || '/'}${event.query ? `?${event.query}` : ''}`);
    expect(expectHost(got?.headers ?? [])).toEqual(expectHost(event.headers));
    expect((got as Received).body.equals(Buffer.from(event.body))).toBe(true);

    // And the command imports back to the same request (Host: the local receiver it names).
    const home = tempHome();
    createEndpoint(home, 'fixtures');
    const local = await runCliAsync(s.home, ['export', eventId, '--format', 'curl']);
    const file = join(home, 'cmd.sh');
    writeFileSync(file, local.stdout);
    const imported = await runCliAsync(home, ['import', file, '--endpoint', 'fixtures', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const [newId] = (JSON.parse(imported.stdout) as { eventIds: string[] }).eventIds;
    const shown = await runCliAsync(home, ['events', 'show', newId ?? '', '--json']);
    const back = JSON.parse(shown.stdout) as {
      method: string;
      path: string;
      query: string;
      headers: HeaderPair[];
      bodyBase64: string;
    };
    expect(back.method).toBe(event.method);
    expect(back.path).toBe(event.path);
    expect(back.query).toBe(event.query);
    expect(back.headers).toEqual(event.headers);
    expect(Buffer.from(back.bodyBase64, 'base64').equals(Buffer.from(event.body))).toBe(true);
  });

  it('writes a binary body to --body-file and exports raw HTTP and JSON', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'files');
    const body = Buffer.from([0, 1, 2, 255, 10, 13]);
    const eventId = eventIdOf(
      await rawRequest(s.base, 'POST', `/h/${id}/f`, [['Content-Length', '6']], body),
    );
    const bodyFile = join(s.home, 'body.bin');
    const target = await startTarget();
    const exported = await runCliAsync(s.home, [
      'export',
      eventId,
      '--format',
      'curl',
      '--to',
      target.url,
      '--body-file',
      bodyFile,
    ]);
    expect(exported.stdout).toContain(`--data-binary @${bodyFile}`);
    await bash(exported.stdout);
    const [got] = await target.waitFor(1);
    expect(got?.body.equals(body)).toBe(true);
    const rawFile = join(s.home, 'req.http');
    expect((await runCliAsync(s.home, ['export', eventId, '--format', 'raw'])).stderr).toMatch(/--out FILE/);
    expect((await runCliAsync(s.home, ['export', eventId, '--format', 'raw', '--out', rawFile])).code).toBe(
      0,
    );
    const { readFileSync } = await import('node:fs');
    const raw = readFileSync(rawFile);
    expect(raw.subarray(0, raw.indexOf('\r\n')).toString()).toBe(`POST /h/${id}/f HTTP/1.1`);
    expect(raw.subarray(raw.length - 6).equals(body)).toBe(true);
    const json = JSON.parse((await runCliAsync(s.home, ['export', eventId, '--format', 'json'])).stdout) as {
      id: string;
      bodyBase64: string;
    };
    expect(json.id).toBe(eventId);
    expect(Buffer.from(json.bodyBase64, 'base64').equals(body)).toBe(true);
  });
});
