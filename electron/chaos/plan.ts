/**
 * The order a misbehaving sender delivers in, decided up front from the seed alone: shuffled when
 * asked (--reorder), some deliveries sent again later (--duplicates), grouped into concurrent
 * batches (--burst), each after a random delay (--delay-ms). Same seed and options, same plan.
 */
import type { ChaosOptions, ChaosStepKind } from '../../shared/chaos';
import { randomInt, seededRandom } from './seeded-random';

/** One step before it is sent. */
export interface PlannedStep {
  index: number;
  eventId: string;
  kind: ChaosStepKind;
  copyOf: number | null;
  batch: number;
  delayMs: number;
}

/** The plan for a run's options (event ids in the order they were received). */
export function planRun(options: ChaosOptions): PlannedStep[] {
  const random = seededRandom(options.seed);
  const originals = [...options.eventIds];
  if (options.reorder) {
    for (let i = originals.length - 1; i > 0; i--) {
      const j = randomInt(random, 0, i);
      [originals[i], originals[j]] = [originals[j] as string, originals[i] as string];
    }
  }
  // Each original may get one duplicate, inserted somewhere after it (right after, or much later).
  const order: { eventId: string; kind: ChaosStepKind; copyOfPosition: number | null }[] = originals.map(
    (eventId) => ({ eventId, kind: 'original', copyOfPosition: null }),
  );
  for (let i = originals.length - 1; i >= 0; i--) {
    if (random() >= options.duplicates) continue;
    const at = randomInt(random, i + 1, order.length);
    order.splice(at, 0, { eventId: originals[i] as string, kind: 'duplicate', copyOfPosition: i });
  }
  // Positions moved as duplicates were inserted: find each original's final index by identity.
  const originalIndex = new Map<number, number>();
  let seen = 0;
  order.forEach((step, index) => {
    if (step.kind === 'original') originalIndex.set(seen++, index);
  });
  const [low, high] = options.delayMs;
  return order.map((step, index) => ({
    index,
    eventId: step.eventId,
    kind: step.kind,
    copyOf: step.copyOfPosition === null ? null : (originalIndex.get(step.copyOfPosition) ?? null),
    batch: Math.floor(index / options.burst),
    delayMs: high > 0 ? randomInt(random, low, high) : 0,
  }));
}
