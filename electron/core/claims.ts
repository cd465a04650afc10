import type { Clock } from '../base/clock';
import { errorText } from '../base/logger';
import { InboxError } from './errors';
import type { ClaimHolder, EventPort } from './ports';
import { type RemoteClaimsTarget, remoteHolder } from './remote-claims';

/** Why a claiming read that needs the relay handed out nothing. */
function relayUnreachable(error: unknown): InboxError {
  return new InboxError(
    'unavailable',
    `Could not claim on the relay, which decides claims for this inbox's agents (${errorText(error)}); nothing was claimed. Retry later, or read without claim_for_s`,
    { field: 'claim_for_s' },
  );
}

/** The longest claim an agent may take: long enough for slow work, short enough that a crash heals. */
export const MAX_CLAIM_SECONDS = 3600;

/**
 * Claims on pending events, the visibility timeout of a queue: a claiming agent takes events for a
 * while, other claiming agents skip them until it acks, releases, or the claim lapses (a crashed
 * agent's events come back by themselves). Plain reads still see claimed events, with the claim.
 * On a desktop that mirrors a relay, the relay decides (`takeShared`): agents on two desktops
 * cannot both hold one event.
 */
export class Claims {
  constructor(
    private readonly port: EventPort,
    private readonly clock: Clock,
    /** The relay's claims when this inbox mirrors one (null: local claims only). */
    private readonly remote: () => RemoteClaimsTarget | null = () => null,
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

  /**
   * `take`, then, when this inbox mirrors a relay, the relay's claim on what was won here: events the
   * relay refuses (another desktop holds them) are given back here. A relay that cannot be reached
   * is an error with nothing held, so no event is handed out unguarded — unless the read also won
   * events of this desktop's own endpoints: those are handed out, the relay's are not.
   */
  async takeShared(
    events: { id: string; endpointId: string }[],
    holder: ClaimHolder,
    seconds: number,
  ): Promise<{ taken: boolean[]; until: number }> {
    const ids = events.map((e) => e.id);
    const local = this.take(ids, holder, seconds);
    const target = this.remote();
    const localWon = events.filter((_, i) => local.taken[i]);
    if (!target || localWon.length === 0) return local;
    let won: string[];
    try {
      const shared = await target.port.endpointIds(localWon.map((e) => e.endpointId));
      won = localWon.filter((e) => shared.has(e.endpointId)).map((e) => e.id);
    } catch (error) {
      this.release(
        localWon.map((e) => e.id),
        holder.session,
      );
      throw relayUnreachable(error);
    }
    if (won.length === 0) return local;
    let answer: { until: number; claimed: boolean[] };
    try {
      answer = await target.port.claim(won, remoteHolder(target.prefix, holder.session), seconds, holder.by);
    } catch (error) {
      this.release(won, holder.session);
      if (won.length === localWon.length) throw relayUnreachable(error);
      // This desktop's own endpoints' events stay claimed here; the relay's wait until it answers.
      const dropped = new Set(won);
      return { taken: ids.map((id, i) => local.taken[i] === true && !dropped.has(id)), until: local.until };
    }
    this.release(
      won.filter((_, i) => !answer.claimed[i]),
      holder.session,
    );
    const refused = new Set(won.filter((_, i) => !answer.claimed[i]));
    // The relay's clock sets when its claims lapse; this desktop's own endpoints' claims lapse alike.
    return { taken: ids.map((id, i) => local.taken[i] === true && !refused.has(id)), until: answer.until };
  }

  /** Gives events back now (one boolean per id: false when this session held no claim on it). */
  release(ids: string[], session: string): boolean[] {
    return ids.length === 0 ? [] : this.port.release(ids, session);
  }

  /** Gives back every event the session holds (its agent went away); returns their ids. */
  releaseAll(session: string): string[] {
    return this.port.releaseAll(session);
  }

  /** `release` here and, when this inbox mirrors a relay, there (a relay out of reach: its claims lapse). */
  async releaseShared(ids: string[], session: string): Promise<boolean[]> {
    const done = this.release(ids, session);
    await this.releaseRemote(
      ids.filter((_, i) => done[i]),
      session,
    );
    return done;
  }

  /** `releaseAll` here and on the relay; returns how many. */
  async releaseAllShared(session: string): Promise<number> {
    const ids = this.releaseAll(session);
    await this.releaseRemote(ids, session);
    return ids.length;
  }

  private async releaseRemote(ids: string[], session: string): Promise<void> {
    const target = this.remote();
    if (!target || ids.length === 0) return;
    try {
      await target.port.release(ids, remoteHolder(target.prefix, session));
    } catch (error) {
      throw new InboxError(
        'unavailable',
        `Released here, but the relay could not be told (${errorText(error)}); its claims lapse by themselves`,
      );
    }
  }
}
