/**
 * The schema checker's worker thread: compiling GitHub's published schemas takes over a second of
 * CPU the first time, and large payloads take a while to check, so checks run here, never on the
 * thread where the receiver answers senders. Messages: {id, events, attached} in, {id, outcomes} out.
 */
import { parentPort } from 'node:worker_threads';
import type { AttachedSchema } from '../../shared/schema-checks';
import type { SchemaCheckInput, SchemaCheckOutcome } from '../core/schema-records';
import { checkEvent } from './check-event';

// Each message carries fresh copies of the schemas: keep the first copy of each version, so its
// compiled validator (cached by object) is reused.
const known = new Map<string, AttachedSchema>();
// Old versions are never asked for again; past this many kept, start afresh (recompiling what is used).
const KEEP_VERSIONS = 200;

function stable(schemas: AttachedSchema[]): AttachedSchema[] {
  return schemas.map((s) => {
    const key = `${s.endpointId}\n${s.eventType ?? ''}\n${s.attachedAt}`;
    const kept = known.get(key);
    if (kept) return kept;
    if (known.size >= KEEP_VERSIONS) known.clear();
    known.set(key, s);
    return s;
  });
}

interface Request {
  id: number;
  events: SchemaCheckInput[];
  attached: Record<string, AttachedSchema[]>;
}

parentPort?.on('message', (message: Request) => {
  const errors: string[] = [];
  const outcomes: (SchemaCheckOutcome | null)[] = message.events.map((event) => {
    try {
      return checkEvent(event, stable(message.attached[event.endpointId] ?? []));
    } catch (error) {
      // One event that cannot be checked must not hold up the others: it stays unchecked, and says why.
      errors.push(`${event.id}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  });
  parentPort?.postMessage({ id: message.id, outcomes, errors });
});
