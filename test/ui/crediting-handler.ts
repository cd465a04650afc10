import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook handler on 127.0.0.1 that is not idempotent: every delivery, duplicate or not, credits again. */
export interface CreditingHandler {
  /** Where to send webhooks (`…/webhooks`). */
  url: string;
  close(): void;
}

/** Starts a handler answering each delivery with `{"credited": n}`, n counting every request it got. */
export async function startCreditingHandler(): Promise<CreditingHandler> {
  let credited = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      credited++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ credited }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    close: () => server.close(),
  };
}
