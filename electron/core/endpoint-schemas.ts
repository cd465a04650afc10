import type { AttachedSchema, SchemaCheckProgress } from '../../shared/schema-checks';
import type { Clock } from '../base/clock';
import { InboxError } from './errors';
import type { SchemaPort } from './ports';
import type { SchemaCheckBatch, SchemaCheckFn, SchemaCheckOutcome } from './schema-records';

// checkNow's batches: one transaction per batch.
const CHECK_NOW_BATCH = 256;
const CHECK_NOW_BYTES = 16 * 1024 * 1024;

/** The largest schema one can attach (its JSON text). */
export const MAX_SCHEMA_BYTES = 512 * 1024;

/**
 * JSON Schemas attached to endpoints, and the background check of events against them (which
 * schema applies to an event, and how it is checked, is decided in electron/schema/).
 */
export class EndpointSchemas {
  constructor(
    private readonly port: SchemaPort,
    private readonly clock: Clock,
    private readonly endpointId: (idOrLabel: string) => string,
  ) {}

  /** The schemas attached to an endpoint (by id or label). */
  attached(endpoint: string): AttachedSchema[] {
    return this.port.attached(this.endpointId(endpoint));
  }

  /**
   * Attaches a schema to an endpoint, for one event type or (null) every type without its own.
   * The caller has compiled it. Returns the endpoint id and how many stored events are re-checked.
   */
  attach(
    endpoint: string,
    eventType: string | null,
    schema: unknown,
    actor: string,
  ): { endpointId: string; rechecking: number } {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      throw new InboxError('invalid', 'A JSON Schema is a JSON object', { field: 'schema' });
    const size = Buffer.byteLength(JSON.stringify(schema));
    if (size > MAX_SCHEMA_BYTES)
      throw new InboxError(
        'invalid',
        `The schema is ${Math.ceil(size / 1024)} KiB; at most ${MAX_SCHEMA_BYTES / 1024} KiB can be attached`,
        { field: 'schema' },
      );
    const type = eventType?.trim() || null;
    const endpointId = this.endpointId(endpoint);
    const rechecking = this.port.attach({
      endpointId,
      eventType: type,
      schema,
      attachedAt: this.clock.now(),
      attachedBy: actor,
    });
    return { endpointId, rechecking };
  }

  /** Detaches a schema; a not_found error when none is attached there. */
  detach(endpoint: string, eventType: string | null): { endpointId: string } {
    const endpointId = this.endpointId(endpoint);
    const type = eventType?.trim() || null;
    if (!this.port.detach(endpointId, type))
      throw new InboxError(
        'not_found',
        `No schema is attached to this endpoint${type ? ` for "${type}"` : ' for every type'}`,
      );
    return { endpointId };
  }

  /** How far the background checker is. */
  progress(): SchemaCheckProgress {
    return this.port.progress();
  }

  /** The next events to check (re-checks first), at most `maxEvents` and about `maxBytes` of bodies; null when none. */
  nextChecks(maxEvents: number, maxBytes: number): SchemaCheckBatch | null {
    return this.port.nextChecks(maxEvents, maxBytes);
  }

  /** Stores a batch's outcomes; false when it was overtaken (then nothing is written). */
  storeChecks(batch: SchemaCheckBatch, outcomes: (SchemaCheckOutcome | null)[]): boolean {
    return this.port.storeChecks(batch, outcomes);
  }

  /**
   * Checks everything due, now, on this thread (a CLI with no leader running, tests); returns how
   * many events it checked. The leader checks in the background instead (schema/check-loop.ts).
   */
  checkNow(check: SchemaCheckFn): number {
    let total = 0;
    for (let batch = this.nextChecks(CHECK_NOW_BATCH, CHECK_NOW_BYTES); batch; ) {
      const { events, attached } = batch;
      const outcomes = events.map((e) => check(e, attached[e.endpointId] ?? []));
      if (this.storeChecks(batch, outcomes)) total += events.length;
      batch = this.nextChecks(CHECK_NOW_BATCH, CHECK_NOW_BYTES);
    }
    return total;
  }
}
