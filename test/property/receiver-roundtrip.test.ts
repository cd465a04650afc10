/**
 * Properties of the receiver over real sockets: any well-formed request is stored byte-exact
 * (method, path, query, every header in order and casing, every body byte), and any request at all
 * gets a clear answer — a 2xx that means "stored", or a 4xx that means "nothing stored" — never a 5xx,
 * a hang or a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/types';
import { startInboxServer } from '../helpers/inbox-server';
import { type RawResponse, buildRequest, parseResponse, rawRequest } from '../helpers/raw-http';
import { body, chunked, framing, headerList, hookPath, hookQuery, method } from './arbitraries';

async function setup() {
  const server = await startInboxServer({ headersTimeoutMs: 2_000, requestTimeoutMs: 5_000 });
  const endpoint = server.inbox.createEndpoint({ label: 'prop' }, 'cli');
  return { ...server, endpoint };
}

/** Skips interim 1xx answers (`Expect: 100-continue` gets one before the real answer). */
function finalResponse(res: RawResponse): RawResponse {
  let current = res;
  while (current.status >= 100 && current.status < 200) {
    const split = current.raw.indexOf('\r\n\r\n');
    current = parseResponse(current.raw.slice(split + 4));
  }
  return current;
}

async function healthy(port: number): Promise<boolean> {
  const res = await rawRequest(
    port,
    buildRequest('GET', '/healthz', [
      ['Host', 'x'],
      ['Connection', 'close'],
    ]),
  );
  return res.status === 200 && JSON.parse(res.body).app === 'hookline';
}

describe('receiver round trip (property)', () => {
  it('stores any well-formed request exactly as sent and answers 2xx only after storing it', async () => {
    const { receiver, inbox, endpoint } = await setup();
    await fc.assert(
      fc.asyncProperty(
        method,
        hookPath,
        fc.option(hookQuery),
        headerList,
        body,
        framing,
        async (m, path, query, extra, payload, frame) => {
          const target = `/h/${endpoint.id}${path}${query === null ? '' : `?${query}`}`;
          const wire = frame.kind === 'chunked' ? chunked(payload, frame.cuts, frame.ext) : payload;
          const headers: HeaderPair[] = [
            ['Host', `127.0.0.1:${receiver.port}`],
            ...extra,
            frame.kind === 'chunked'
              ? ['Transfer-Encoding', 'chunked']
              : ['Content-Length', String(payload.length)],
            ['Connection', 'close'],
          ];
          const res = await rawRequest(receiver.port, buildRequest(m, target, headers, wire));
          expect(res.status).toBe(200);
          const id = res.headers['x-hookline-event-id'];
          expect(id).toMatch(/^evt_/);
          const stored = inbox.getEvent(id ?? '');
          expect(stored.method).toBe(m);
          expect(stored.path).toBe(path);
          expect(stored.query).toBe(query ?? '');
          expect(stored.headers).toEqual(headers);
          expect(Buffer.from(stored.body).equals(payload)).toBe(true);
          expect(stored.bodySize).toBe(payload.length);
        },
      ),
      { numRuns: 120, seed: 4780 },
    );
    expect(await healthy(receiver.port)).toBe(true);
  });

  it('answers any request at all with 2xx (stored) or a clear 4xx (nothing stored), and keeps serving', async () => {
    const { receiver, inbox, endpoint } = await setup();
    const junk = fc.string({
      unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
      maxLength: 40,
    });
    // Mostly-valid parts with one thing wrong find more than all-junk requests do.
    const anyMethod = fc.oneof(
      { weight: 8, arbitrary: method },
      { weight: 1, arbitrary: fc.constantFrom('get', 'CONNECT', 'PRI', 'FOO', 'G ET', '') },
      { weight: 1, arbitrary: junk },
    );
    const anyTarget = fc.oneof(
      { weight: 6, arbitrary: hookPath.map((p) => `/h/${endpoint.id}${p}`) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '*',
          `http://example.com/h/${endpoint.id}`,
          '/h/',
          '/h/%00',
          '/h/../../etc/passwd',
          `/h/${endpoint.id}/\u00e9`,
          '',
          '/healthz',
          '/',
        ),
      },
      { weight: 1, arbitrary: junk },
    );
    const anyVersion = fc.oneof(
      { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
      {
        weight: 2,
        arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'http/1.1', 'HTTP/1.1 x', ''),
      },
    );
    const anyHeaders = fc.oneof(
      { weight: 6, arbitrary: headerList },
      { weight: 2, arbitrary: fc.array(fc.tuple(junk, junk), { maxLength: 6 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<HeaderPair[]>(
          [
            ['Content-Length', '3'],
            ['Content-Length', '4'],
          ],
          [
            ['Transfer-Encoding', 'chunked'],
            ['Content-Length', '3'],
          ],
          [['Transfer-Encoding', 'chunked, identity']],
          [['Expect', '100-continue']],
          [
            ['Upgrade', 'websocket'],
            ['Connection', 'Upgrade'],
          ],
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        anyMethod,
        anyTarget,
        anyVersion,
        anyHeaders,
        body,
        async (m, target, version, extra, payload) => {
          const before = inbox.listEvents({ limit: 10_000 }).length;
          const head = `${m} ${target} ${version}\r\nHost: x\r\n${extra.map(([n, v]) => `${n}: ${v}\r\n`).join('')}Content-Length: ${payload.length}\r\nConnection: close\r\n\r\n`;
          let res: RawResponse;
          try {
            res = finalResponse(
              await rawRequest(receiver.port, Buffer.concat([Buffer.from(head, 'latin1'), payload]), 8_000),
            );
          } catch (error) {
            // A reset is a clear "no" too; a hang is not (rawRequest rejects with a timeout then).
            expect(String(error)).toMatch(/ECONNRESET|EPIPE/);
            res = { status: 400, headers: {}, body: '', raw: '' };
          }
          const after = inbox.listEvents({ limit: 10_000 }).length;
          expect(res.status >= 200 && res.status < 500).toBe(true);
          const stored = res.headers['x-hookline-event-id'];
          if (stored) {
            expect(res.status).toBeLessThan(300);
            expect(after).toBe(before + 1);
          } else {
            // The one 2xx that stores nothing is the health check.
            if (res.status < 300) expect(target.split('?')[0]).toMatch(/\/healthz$/);
            expect(after).toBe(before);
          }
          if (res.status >= 400) expect(res.headers['content-type'] ?? '').toContain('application/json');
        },
      ),
      { numRuns: 150, seed: 1234 },
    );
    expect(await healthy(receiver.port)).toBe(true);
  });
});
