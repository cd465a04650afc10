import { describe } from 'vitest';
import { describeApiBehaviour } from './relay-api-behaviour';
import { describeCaptureBehaviour } from './relay-capture-behaviour';
import { describeClaimBehaviour } from './relay-claim-behaviour';
import { describeDeliveryBehaviour } from './relay-delivery-behaviour';
import { describeForwardBehaviour } from './relay-forward-behaviour';
import type { RelayStoreHarness } from './relay-harness';

export type { RelayStoreHarness } from './relay-harness';

/**
 * The relay's behaviour, whatever its store: run once per store (test/relay/sqlite-relay.test.ts;
 * the PostgreSQL suite calls it with its own harness). Real sockets on 127.0.0.1, the real server.
 */
export function describeRelayBehaviour(name: string, harness: RelayStoreHarness): void {
  describe(`relay behaviour on ${name}`, () => {
    describeCaptureBehaviour(harness);
    describeApiBehaviour(harness);
    describeDeliveryBehaviour(harness);
    describeClaimBehaviour(harness);
    describeForwardBehaviour(harness);
  });
}
