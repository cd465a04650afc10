/**
 * Issue 12.4: an oversize body gets its 413, every time. Closing with the rest of the body unread
 * made the kernel reset the connection, and senders saw EPIPE/ECONNRESET instead of the answer.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

/**
 * Sends a POST of `size` bytes without `Expect` over a raw socket, writing the whole body as fast as
 * the socket takes it (declared, or chunked); reports the status line, or the socket error.
 */
function post(port: number, path: string, size: number, chunked: boolean): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(`${e.code} after "${got.slice(0, 12)}"`));
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`;
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\n${framing}\r\n\r\n`);
    const piece = Buffer.alloc(64 * 1024, 0x61);
    const frame = chunked ? Buffer.concat([Buffer.from('10000\r\n'), piece, Buffer.from('\r\n')]) : piece;
    let sent = 0;
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        sent += piece.length;
        if (
          !socket.write(sent >= size && chunked ? Buffer.concat([frame, Buffer.from('0\r\n\r\n')]) : frame)
        ) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

describe('oversize bodies', () => {
  it('answers 413 to each of 5 concurrent senders without Expect (and 5 chunked ones), and stores nothing', async () => {
    const home = tempHome();
    const port = await freePort();
    await startServe(home, ['--port', String(port), '--ui-port', '0', '--max-body', '65536']);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'big']);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => post(port, `/h/${endpoint.id}`, 8 * 1024 * 1024, false)),
      ...Array.from({ length: 5 }, () => post(port, `/h/${endpoint.id}`, 8 * 1024 * 1024, true)),
    ]);
    expect(results).toEqual(Array.from({ length: 10 }, () => 'HTTP/1.1 413 Payload Too Large'));
    const events = runCliJson<unknown[]>(home, ['events', 'list']);
    expect(events).toHaveLength(0);
  });
});
