import type { Delivery } from '../../shared/types';
import type { DeliveryOutcome, DeliveryPort, NewDelivery, UnfinishedForward } from './ports';

/** Every replay and forward attempt: the facade's view of the delivery log. */
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

  /** Forward attempts whose retry is still scheduled, oldest first (a new leader resumes them). */
  scheduledRetries(): Delivery[] {
    return this.port.scheduledRetries();
  }

  /** Recent events a previous leader accepted but never finished forwarding. */
  unfinishedForwards(since: number): UnfinishedForward[] {
    return this.port.unfinishedForwards(since);
  }
}
