import { join } from 'node:path';
/**
 * Issue 12.6: an owner's typo in a custom response (status 100/101, a Content-Length that does not
 * match, Transfer-Encoding) hung senders or desynced their kept-alive connections. Saving such a
 * response is refused with an error naming the field, and the receiver always computes the framing
 * itself — also for rows saved before this check existed.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CustomResponse } from '../../shared/types';
import { startInboxServer } from '../helpers/inbox-server';
import { buildRequest, rawRequest } from '../helpers/raw-http';

const base: CustomResponse = { status: 200, headers: [], body: 'ok', delayMs: 0 };

describe('custom responses', () => {
  it('refuses 1xx statuses, framing headers and injected values when saved, naming the field', async () => {
    const { inbox } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'custom' }, 'cli');
    const save = (response: CustomResponse) => () => inbox.updateEndpoint(endpoint.id, { response });
    expect(save({ ...base, status: 101 })).toThrow(/^response\.status: .*200 to 599, got 101/);
    expect(save({ ...base, status: 100 })).toThrow(/^response\.status: /);
    expect(save({ ...base, headers: [['Content-Length', '999']] })).toThrow(
      /^response\.headers\[0\]: "Content-Length" cannot be set/,
    );
    expect(
      save({
        ...base,
        headers: [
          ['X-Ok', '1'],
          ['transfer-encoding', 'chunked'],
        ],
      }),
    ).toThrow(/^response\.headers\[1\]: "transfer-encoding" cannot be set/);
    expect(save({ ...base, headers: [['X-Evil', 'a\r\nSet-Cookie: x=1']] })).toThrow(
      /^response\.headers\[0\]: the value of "X-Evil" contains a line break/,
    );
    expect(save({ ...base, headers: [['Bad Name', 'x']] })).toThrow(
      /^response\.headers\[0\]: "Bad Name" is not/,
    );
    expect(save({ ...base, status: 204, body: 'x' })).toThrow(
      /^response\.body: must be empty for status 204/,
    );
    expect(() => inbox.createEndpoint({ label: 'c2', response: { ...base, status: 101 } }, 'cli')).toThrow(
      /^response\.status/,
    );
    inbox.updateEndpoint(endpoint.id, { response: { ...base, status: 202, headers: [['X-Ok', '1']] } });
    expect(inbox.getEndpoint(endpoint.id).response?.status).toBe(202);
  });

  it('keeps a kept-alive connection in sync even when an old saved response carries bad framing', async () => {
    const { inbox, home, receiver } = await startInboxServer();
    const endpoint = inbox.createEndpoint({ label: 'legacy' }, 'cli');
    // A row saved before validation existed: written straight into the database file.
    const legacy: CustomResponse = {
      status: 201,
      headers: [
        ['Content-Length', '999'],
        ['Transfer-Encoding', 'chunked'],
        ['X-Custom', 'kept'],
      ],
      body: 'created',
      delayMs: 0,
    };
    const db = new Database(join(home, 'hookline.db'));
    db.prepare('UPDATE endpoints SET response = ? WHERE id = ?').run(JSON.stringify(legacy), endpoint.id);
    db.close();
    inbox.catchUp();
    await new Promise((r) => setTimeout(r, 200));
    const one = (last: boolean) =>
      buildRequest(
        'POST',
        `/h/${endpoint.id}`,
        [
          ['Host', 'x'],
          ['Content-Length', '2'],
          ...(last ? ([['Connection', 'close']] as [string, string][]) : []),
        ],
        Buffer.from('{}'),
      );
    // Two pipelined requests on one connection: both must be answered, each with its own framing.
    const res = await rawRequest(receiver.port, Buffer.concat([one(false), one(true)]), 5_000);
    const answers = res.raw.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 201 /);
      expect(answer).toMatch(/\r\ncontent-length: 7\r\n/i);
      expect(answer).not.toMatch(/transfer-encoding/i);
      expect(answer).toMatch(/\r\nx-custom: kept\r\n/i);
      expect(answer.endsWith('created')).toBe(true);
    }
  });
});
