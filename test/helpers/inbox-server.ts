import { afterEach } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Inbox } from '../../electron/core/inbox';
import type { Verifier } from '../../electron/core/verifier';
import { type Receiver, type ReceiverOptions, startReceiver } from '../../electron/receiver/server';
import { tempHome } from './temp-home';

/** An in-process inbox with its receiver on a real port. */
export interface InboxServer {
  home: string;
  inbox: Inbox;
  receiver: Receiver;
  url: (endpointId: string, rest?: string) => string;
}

const open: InboxServer[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.receiver.close();
    s.inbox.close();
  }
});

/** Opens an inbox in a temp dir and starts a receiver on port 0. */
export async function startInboxServer(
  options: Partial<Omit<ReceiverOptions, 'inbox'>> & { verifier?: Verifier; home?: string } = {},
): Promise<InboxServer> {
  const home = options.home ?? tempHome();
  const inbox = openLocalInbox({ home, verifier: options.verifier });
  const receiver = await startReceiver({ port: 0, ...options, inbox });
  const server: InboxServer = {
    home,
    inbox,
    receiver,
    url: (id, rest = '') => `http://127.0.0.1:${receiver.port}/h/${id}${rest}`,
  };
  open.push(server);
  return server;
}
