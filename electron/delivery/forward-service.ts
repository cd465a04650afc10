import { DEFAULT_FORWARD_MAX_AGE_MS } from '../core/forwarding';
import type { LeaderService } from '../core/leader-service';
import { Forwarder } from './forwarder';
import { type RetryPolicy, perTargetFromEnv, retryPolicyFromEnv } from './retry-policy';

/** Options for auto-forwarding; by default the retry policy comes from the environment (see retryPolicyFromEnv). */
export interface ForwardServiceOptions {
  policy?: RetryPolicy;
  /** Forwards not sent within this time are given up (default 24 h, `--forward-max-age`). */
  maxAgeMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Auto-forwarding of new events to each endpoint's forward URL (leader only). */
export function forwardService(options: ForwardServiceOptions = {}): LeaderService | null {
  let forwarder: Forwarder | null = null;
  return {
    name: 'forwarding',
    start({ inbox }) {
      // Parsed at start, not construction: a bad env value is then reported by the core, and capture goes on.
      const env = options.env ?? process.env;
      const policy = options.policy ?? retryPolicyFromEnv(env);
      const maxAgeMs = options.maxAgeMs ?? DEFAULT_FORWARD_MAX_AGE_MS;
      inbox.facts.writeForwardMaxAge(maxAgeMs);
      const perTarget = perTargetFromEnv(env);
      forwarder = new Forwarder(inbox, { policy, maxAgeMs, perTarget });
      forwarder.start();
    },
    async stop() {
      await forwarder?.stop();
      forwarder = null;
    },
  };
}
