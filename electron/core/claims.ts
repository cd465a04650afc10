import type { Clock } from '../base/clock';
import { InboxError } from './errors';
import type { ClaimHolder, EventPort } from './ports';

/** The longest claim an agent may take: long enough for slow work, short enough that a crash heals. */
export const MAX_CLAIM_SECONDS = 3600;

/**
 * Claims on pending events, the visibility timeout of a queue: a claiming agent takes events for a
 * while, other claiming agents skip them until it acks, releases, or the claim lapses (a crashed
 * agent's events come back by themselves). Plain reads still see claimed events, with the claim.
 */
export class Claims {
  constructor(
    private readonly port: EventPort,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims events for `seconds`: `taken` has one boolean per id (false when someone else holds it, or
   * it was acked), `until` is when the claims lapse.
   */
  take(ids: string[], holder: ClaimHolder, seconds: number): { taken: boolean[]; until: number } {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CLAIM_SECONDS) {
      throw new InboxError(
        'invalid',
        `claim_for_s must be a whole number of seconds from 1 to ${MAX_CLAIM_SECONDS}`,
        { field: 'claim_for_s' },
      );
    }
    const now = this.clock.now();
    const until = now + seconds * 1000;
    return { taken: ids.length === 0 ? [] : this.port.claim(ids, holder, until, now), until };
  }

  /** Gives events back now (one boolean per id: false when this session held no claim on it). */
  release(ids: string[], session: string): boolean[] {
    return ids.length === 0 ? [] : this.port.release(ids, session);
  }

  /** Gives back every event the session holds (its agent went away); returns how many. */
  releaseAll(session: string): number {
    return this.port.releaseAll(session);
  }
}
