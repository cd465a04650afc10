/** A real HTTP target on 127.0.0.1 that records exactly what it receives and answers as scripted. */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { HeaderPair } from '../../shared/types';

/** One request as the target saw it. */
export interface Received {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
  at: number;
}

/** What the target does with request n (0-based): answer, or hang forever. */
export type Script = (
  n: number,
  req: Received,
) => { status: number; body?: string; delayMs?: number } | 'hang';

/** A running target. */
export interface Target {
  url: string;
  received: Received[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const open: Target[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

/** Starts a target; by default every request gets `200 ok`. */
export async function startTarget(script: Script = () => ({ status: 200, body: 'ok' })): Promise<Target> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pairs: HeaderPair[] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        pairs.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: pairs,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      received.push(r);
      for (const w of waiters) w();
      const answer = script(received.length - 1, r);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      setTimeout(
        () => res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? ''),
        answer.delayMs ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const target: Target = {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`target got ${received.length} of ${count} requests in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(target);
  return target;
}

/** Value of the first header with this name (case-insensitive). */
export function header(headers: HeaderPair[], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}
