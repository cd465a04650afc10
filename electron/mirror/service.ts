import { errorText } from '../base/logger';
import type { Inbox } from '../core/inbox';
import type { LeaderService } from '../core/leader-service';
import { RELAY_CONNECTION_KEY } from '../core/mirror';
import { Follower, type FollowerOptions } from './follower';
import { Pusher } from './pusher';
import { RelayClient } from './relay-client';

interface Running {
  key: string;
  follower: Follower;
  pusher: Pusher;
}

/**
 * The leader mirrors the relay saved in the inbox settings (`--relay`, or the GUI's "Connect to
 * relay"): a follower reads the relay's feed into the local inbox and a pusher sends local changes
 * back. It (re)connects whenever the saved connection changes, from whichever process saved it.
 */
export function mirrorService(options: Partial<FollowerOptions> = {}): LeaderService {
  let inbox: Inbox | null = null;
  let running: Running | null = null;
  let unsubscribe: (() => void) | null = null;
  // Connection changes are handled one at a time, in order.
  let queue: Promise<void> = Promise.resolve();

  const stopRunning = async () => {
    const current = running;
    running = null;
    if (!current) return;
    await current.follower.stop();
    await current.pusher.stop();
  };

  const reconcile = async () => {
    if (!inbox) return;
    const connection = inbox.mirror.connection();
    const key = connection ? `${connection.url} ${connection.token}` : null;
    if (key === (running?.key ?? null)) return;
    await stopRunning();
    if (!connection || !key) {
      inbox.mirror.writeStatus(null);
      return;
    }
    const client = new RelayClient(connection.url, connection.token);
    let follower: Follower | null = null;
    const pusher = new Pusher(inbox, client, (message) => follower?.pushProblem(message));
    const log = inbox.log;
    follower = new Follower(
      inbox,
      client,
      {
        beforeApply: (items) => pusher.noteRelay(items),
        caughtUp: () => {
          pusher.sync().catch((error: unknown) => {
            log.warn(`relay: could not send local changes: ${errorText(error)}`);
            follower?.pushProblem(`Could not send local changes to the relay: ${errorText(error)}`);
          });
        },
      },
      options,
    );
    running = { key, follower, pusher };
    log.info(`relay: mirroring ${connection.url}`);
    follower.start();
  };

  const enqueue = () => {
    queue = queue
      .then(reconcile)
      .catch((error: unknown) => inbox?.log.error('relay mirror failed', { error }));
  };

  return {
    name: 'relay-mirror',
    start(ctx) {
      inbox = ctx.inbox;
      unsubscribe = inbox.subscribe((change) => {
        if (change.kind === 'runtime.changed' && change.ref === RELAY_CONNECTION_KEY) enqueue();
      });
      enqueue();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      await queue;
      await stopRunning();
      inbox?.mirror.writeStatus(null);
      inbox = null;
    },
  };
}
