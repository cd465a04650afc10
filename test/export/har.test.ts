import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { createEndpoint, rawRequest, runCliAsync, served } from '../delivery/fixtures';
import { tempHome } from '../helpers/temp-home';

// HAR 1.2 as the spec (softwareishard.com/blog/har-12-spec) defines it: every required field, strictly typed.
const nv = z.object({ name: z.string(), value: z.string(), comment: z.string().optional() });
const har12 = z.object({
  log: z.object({
    version: z.literal('1.2'),
    creator: z.object({ name: z.string(), version: z.string() }),
    pages: z.array(z.unknown()).optional(),
    entries: z.array(
      z.object({
        startedDateTime: z.iso.datetime(),
        time: z.number().min(0),
        request: z.object({
          method: z.string(),
          url: z.url(),
          httpVersion: z.string(),
          cookies: z.array(z.unknown()),
          headers: z.array(nv),
          queryString: z.array(nv),
          postData: z
            .object({ mimeType: z.string(), text: z.string(), params: z.array(z.unknown()).optional() })
            .optional(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        response: z.object({
          status: z.number().int(),
          statusText: z.string(),
          httpVersion: z.string(),
          cookies: z.array(z.unknown()),
          headers: z.array(nv),
          content: z.object({ size: z.number().int(), mimeType: z.string(), text: z.string().optional() }),
          redirectURL: z.string(),
          headersSize: z.number().int(),
          bodySize: z.number().int(),
        }),
        cache: z.object({}),
        timings: z.object({ send: z.number(), wait: z.number(), receive: z.number() }),
      }),
    ),
  }),
});

describe('HAR export and import', () => {
  it('exports 1,000 captured events as valid HAR 1.2 that re-imports to identical events', async () => {
    const s = await served();
    const id = createEndpoint(s.home, 'many');
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => {
          const n = i + j;
          const body =
            n % 10 === 0
              ? Buffer.from([n & 0xff, 0, 0xff, 0x80, n >> 8])
              : Buffer.from(JSON.stringify({ n, text: `line\n${'é'.repeat(n % 7)}` }));
          return rawRequest(
            s.base,
            n % 3 === 0 ? 'PUT' : 'POST',
            `/h/${id}/p/${n}?q=${n}&x=a%20b`,
            [
              ['Content-Type', n % 10 === 0 ? 'application/octet-stream' : 'application/json'],
              ['X-Seq', String(n)],
              ['x-seq', 'again'],
              ['Content-Length', String(body.length)],
            ],
            body,
          );
        }),
      );
    }
    const file = join(s.home, 'all.har');
    const exported = await runCliAsync(s.home, [
      'export',
      '--endpoint',
      'many',
      '--format',
      'har',
      '--out',
      file,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const har = har12.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(har.log.entries).toHaveLength(1000);

    const home = tempHome();
    createEndpoint(home, 'copy');
    const imported = await runCliAsync(home, ['import', file, '--endpoint', 'copy', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1000 });
    const copy = openLocalInbox({ home, watch: false });
    try {
      const originals = s.inbox.listEvents({ order: 'asc', limit: 2000 });
      expect(originals).toHaveLength(1000);
      for (const summary of originals) {
        const a = s.inbox.getEvent(summary.id);
        const b = copy.getEvent(summary.id);
        expect([b.method, b.path, b.query, b.headers, b.receivedAt, b.remoteAddr, b.contentType]).toEqual([
          a.method,
          a.path,
          a.query,
          a.headers,
          a.receivedAt,
          a.remoteAddr,
          a.contentType,
        ]);
        expect(Buffer.from(b.body).equals(Buffer.from(a.body))).toBe(true);
      }
    } finally {
      copy.close();
    }
  });

  it('refuses a file that is not HAR, naming what is wrong', async () => {
    const home = tempHome();
    createEndpoint(home, 'x');
    const { writeFileSync } = await import('node:fs');
    const file = join(home, 'bad.har');
    writeFileSync(file, JSON.stringify({ log: { entries: [{ request: { method: 'POST' } }] } }));
    const r = await runCliAsync(home, ['import', file, '--endpoint', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Not a HAR 1.2 file[\s\S]*url/);
  });
});
