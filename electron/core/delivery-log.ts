import type { Delivery, ForwardSummary } from '../../shared/types';
import type {
  AttemptPage,
  DeliveryOutcome,
  DeliveryPort,
  ForwardTally,
  NewDelivery,
  OpenForward,
} from './ports';

/** Every replay and forward attempt, and the durable state of auto-forwards: the facade's view. */
export class DeliveryLog {
  constructor(private readonly port: DeliveryPort) {}

  /** Records the start of an attempt; returns its id. */
  start(delivery: NewDelivery): number {
    return this.port.start(delivery);
  }

  /** Records how an attempt ended and returns the whole attempt. */
  finish(id: number, outcome: DeliveryOutcome): Delivery {
    this.port.finish(id, outcome);
    const delivery = this.port.get(id);
    if (!delivery) throw new Error(`Delivery ${id} vanished while it was being recorded`);
    return delivery;
  }

  /** One attempt, or null. */
  get(id: number): Delivery | null {
    return this.port.get(id);
  }

  /** All attempts for one event, oldest first. */
  forEvent(eventId: string): Delivery[] {
    return this.port.forEvent(eventId);
  }

  /** The newest `limit` attempts for one event (without bodies) and how many there are in all. */
  attemptsForEvent(eventId: string, limit: number): AttemptPage {
    return this.port.attemptsForEvent(eventId, limit);
  }

  /** Events whose auto-forward is not finished, oldest first (a starting leader resumes them). */
  openForwards(): OpenForward[] {
    return this.port.openForwards();
  }

  /**
   * True when this desktop sends the event's forward although a mirrored relay forwards its
   * endpoint: it was captured on this laptop's own URL, and the relay never saw it.
   */
  forwardsHere(eventId: string): boolean {
    return this.port.forwardsHere(eventId);
  }

  /** Gives an open auto-forward up, saying why (shown on the event). */
  giveUpForward(eventId: string, reason: string): void {
    this.port.giveUpForward(eventId, reason);
  }

  /** Open and given-up auto-forwards, for status. */
  forwardTally(): ForwardTally {
    return this.port.forwardTally();
  }

  /** How the last automatic forward of each of these events stands (absent: never attempted). */
  lastForwards(eventIds: string[]): Map<string, ForwardSummary> {
    return this.port.lastForwards(eventIds);
  }
}
