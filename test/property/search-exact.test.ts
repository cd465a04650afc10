import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../electron/core/ports';
import { documentText, searchDocument } from '../../electron/store/search-text';
import { SqliteStore } from '../../electron/store/store';
import type { HeaderPair } from '../../shared/types';
import { endpointRow } from '../helpers/endpoint-row';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

// A small decoded-size limit, so cuts (inside multi-byte characters too) happen in most bodies.
const LIMIT = 96;

// Characters of 1 to 4 UTF-8 bytes, and the quote/backslash/percent that encodings escape.
const CHARS = [
  'a',
  'B',
  'z',
  '0',
  '7',
  ' ',
  '_',
  '"',
  '\\',
  '%',
  '+',
  '&',
  '=',
  'é',
  'Ü',
  'ß',
  'ж',
  '中',
  '€',
  '😀',
];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 160 }).map((cs) => cs.join(''));

/** A body of one of the kinds webhooks send, with the headers that say how to read it. */
interface Body {
  bytes: Buffer;
  headers: HeaderPair[];
}

const body: fc.Arbitrary<Body> = fc.oneof(
  text.map(
    (t): Body => ({
      bytes: Buffer.from(JSON.stringify({ note: t, list: [t] })),
      headers: [['Content-Type', 'application/json']],
    }),
  ),
  text.map(
    (t): Body => ({
      bytes: Buffer.from(
        JSON.stringify({ note: t }).replace(
          /[^\x20-\x7e]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        ),
      ),
      headers: [['Content-Type', 'application/json']],
    }),
  ),
  text.map((t): Body => ({ bytes: Buffer.from(t), headers: [['Content-Type', 'text/plain']] })),
  fc
    .uint8Array({ maxLength: 200 })
    .map((b): Body => ({ bytes: Buffer.from(b), headers: [['Content-Type', 'application/octet-stream']] })),
  text.map(
    (t): Body => ({
      bytes: gzipSync(t),
      headers: [
        ['Content-Type', 'text/plain'],
        ['Content-Encoding', 'gzip'],
      ],
    }),
  ),
  text.map((t): Body => ({ bytes: deflateSync(t), headers: [['Content-Encoding', 'deflate']] })),
  text.map((t): Body => ({ bytes: brotliCompressSync(t), headers: [['Content-Encoding', 'br']] })),
  fc.tuple(text, text).map(
    ([k, v]): Body => ({
      bytes: Buffer.from(`${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}&x=1`),
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    }),
  ),
);

function eventOf(b: Body, i: number): NewEvent {
  return { ...newEvent('ep1', '', { receivedAt: 1_700_000_000_000 + i }), headers: b.headers, body: b.bytes };
}

function decodedText(e: NewEvent): string {
  return documentText(searchDocument(e, LIMIT)).toLowerCase();
}

describe('substring search', () => {
  it('returns exactly the events whose decoded text contains the needle, indexed or not yet', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(body, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 5 }),
        async (bodies, indexed, picks, random) => {
          const store = new SqliteStore(tempHome(), { searchBytes: LIMIT });
          try {
            store.endpoints.create(endpointRow('one', { id: 'ep1', createdAt: 1 }));
            const events = bodies.map(eventOf);
            // Some events indexed, the rest still in the tail the indexer has not reached.
            const cut = indexed % (events.length + 1);
            await store.events.commit(events.slice(0, cut));
            store.maintenance.indexNow();
            await store.events.commit(events.slice(cut));
            const texts = events.map(decodedText);
            // Needles: pieces of the decoded texts (any case), and random strings (mostly misses).
            const needles = picks.map(([at, len, upper]) => {
              const source = texts[at % texts.length] ?? '';
              const chars = [...source];
              const start = chars.length ? at % chars.length : 0;
              const piece = chars.slice(start, start + len + 1).join('');
              return upper ? piece.toUpperCase() : piece;
            });
            needles.push(random.join(''));
            for (const needle of needles) {
              if (
                needle.trim() === '' ||
                needle.includes('"') ||
                needle.toLowerCase() !== needle.toUpperCase().toLowerCase()
              )
                continue;
              const expected = events
                .filter((_, i) => texts[i]?.includes(needle.toLowerCase()))
                .map((e) => e.id)
                .reverse();
              const page = store.events.search({ text: `"${needle}"`, order: 'desc', limit: 100 });
              expect(
                page.events.map((e) => e.id),
                `needle ${JSON.stringify(needle)}`,
              ).toEqual(expected);
              expect(page.info.complete).toBe(true);
              expect(store.events.count({ text: `"${needle}"` }, 1000).count).toBe(expected.length);
            }
          } finally {
            store.maintenance.close();
          }
        },
      ),
      { numRuns: 60 },
    );
    // 60 fresh databases: seconds on a quiet machine, but over a minute beside the whole suite on 2 cores.
  }, 240_000);
});
