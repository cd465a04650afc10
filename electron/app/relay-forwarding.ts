import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { DEFAULT_FORWARD_MAX_AGE_MS } from '../core/forwarding';
import type { RelayStore } from '../core/relay-ports';
import { Forwarder } from '../delivery/forwarder';
import { QueueForwarder } from '../delivery/queue-forwarder';
import { perTargetFromEnv, retryPolicyFromEnv } from '../delivery/retry-policy';
import { EmbeddedRelayStore } from '../relay/embedded-store';

/** A running relay forwarder. */
export interface RelayForwarding {
  stop(): Promise<void>;
}

/**
 * Starts the relay's auto-forwarding to the forward URLs endpoints hold on the relay, with the
 * desktop's retry policy (HOOKLINE_FORWARD_BACKOFF_MS, HOOKLINE_FORWARD_TIMEOUT_MS): on PostgreSQL
 * every relay process claims due work from the shared queue; the embedded store (one process) runs
 * the desktop's forwarder on its inbox.
 */
export function startRelayForwarding(
  store: RelayStore,
  options: { env: NodeJS.ProcessEnv; clock: Clock; log: Logger },
): RelayForwarding {
  const policy = retryPolicyFromEnv(options.env);
  const maxAgeMs = DEFAULT_FORWARD_MAX_AGE_MS;
  const perTarget = perTargetFromEnv(options.env);
  if (store.forwardQueue) {
    const queue = new QueueForwarder(store.forwardQueue, {
      policy,
      maxAgeMs,
      perEndpoint: perTarget,
      clock: options.clock,
      log: options.log,
      doorbell: (listener) => store.onChange(listener),
    });
    queue.start();
    return queue;
  }
  if (store instanceof EmbeddedRelayStore) {
    const forwarder = new Forwarder(store.inbox, {
      policy,
      maxAgeMs,
      perTarget,
    });
    forwarder.start();
    return forwarder;
  }
  return { stop: async () => undefined };
}
