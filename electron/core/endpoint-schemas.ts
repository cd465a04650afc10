import type { AttachedSchema, SchemaCheckProgress } from '../../shared/schema-checks';
import type { Clock } from '../base/clock';
import { InboxError } from './errors';
import type { SchemaPort } from './ports';
import type { SchemaCheckFn } from './schema-records';

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

  /** Starts checking events behind the receiver (the leader runs it). */
  startChecking(check: SchemaCheckFn): { stop(): void } {
    return this.port.startChecking(check);
  }

  /** Checks everything due now; returns how many events it checked. */
  checkNow(check: SchemaCheckFn): number {
    return this.port.checkNow(check);
  }
}
