/**
 * Which schema applies to a stored event, and what checking it found — the function the background
 * checker runs on each event: the endpoint's own schema for the event's type (else its schema for
 * every type), else GitHub's published schema for GitHub events; nothing for the rest.
 */
import {
  type AttachedSchema,
  STORED_VIOLATIONS,
  type SchemaViolationRecord,
  VALUE_PREVIEW_CHARS,
} from '../../shared/schema-checks';
import { InboxError } from '../core/errors';
import { bodyAsText } from '../core/event-json';
import type { SchemaCheckFn, SchemaCheckInput, SchemaCheckOutcome } from '../core/schema-records';
import { type SchemaCheck, checkGithubPayload, checkWithSchema } from './validate';

/** The parsed JSON body (GitHub's form-encoded `payload=` too); undefined when it is not JSON. */
export function jsonBody(event: Pick<SchemaCheckInput, 'body' | 'contentType'>): unknown {
  const text = bodyAsText(event.body);
  if (text === null) return undefined;
  try {
    if (event.contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      const payload = new URLSearchParams(text).get('payload');
      return payload === null ? undefined : JSON.parse(payload);
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The value at a JSON Pointer ("" is the whole value); undefined when there is none. */
function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A value as JSON text, cut (and said so with "…") past the preview length. */
function preview(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > VALUE_PREVIEW_CHARS ? `${text.slice(0, VALUE_PREVIEW_CHARS - 1)}…` : text;
}

/** The stored form of a check: the first violations with the value found there, the rest counted. */
export function toOutcome(check: SchemaCheck, value: unknown): SchemaCheckOutcome {
  const count = check.violations.length + check.more;
  const violations: SchemaViolationRecord[] = check.violations.slice(0, STORED_VIOLATIONS).map((v) => ({
    path: v.path,
    message: v.message,
    // A missing property has no value; its parent object would only be noise.
    value: v.keyword === 'required' ? null : preview(atPointer(value, v.path)),
  }));
  return { schema: check.schema, count, violations, more: count - violations.length };
}

function oneViolation(schema: string, message: string): SchemaCheckOutcome {
  return { schema, count: 1, violations: [{ path: '', message, value: null }], more: 0 };
}

/** The endpoint's schema that applies to an event type: its own type's, else the one for every type. */
export function schemaFor(attached: AttachedSchema[], type: string | null): AttachedSchema | null {
  return (
    attached.find((s) => s.eventType !== null && s.eventType === type) ??
    attached.find((s) => s.eventType === null) ??
    null
  );
}

/** The name a check against an attached schema carries. */
export function attachedSchemaName(schema: AttachedSchema): string {
  return schema.eventType ? `endpoint schema for ${schema.eventType}` : 'endpoint schema';
}

/** Checks one event (see the file's comment); null when no schema applies. */
export const checkEvent: SchemaCheckFn = (event, attached) => {
  // A handshake is Hookline's business, not the handler's payload.
  if (event.handshake !== null) return null;
  const own = schemaFor(attached, event.providerEventType);
  if (own) {
    const name = attachedSchemaName(own);
    const value = jsonBody(event);
    if (value === undefined) return oneViolation(name, 'the body is not JSON');
    try {
      return toOutcome(checkWithSchema(own.schema, name, value), value);
    } catch (error) {
      return oneViolation(name, error instanceof Error ? error.message : String(error));
    }
  }
  if (event.provider !== 'github' || !event.providerEventType) return null;
  const value = jsonBody(event);
  if (value === undefined) return null;
  try {
    return toOutcome(checkGithubPayload(event.providerEventType, value), value);
  } catch (error) {
    // An event or action GitHub publishes no schema for: nothing to check against.
    if (error instanceof InboxError && error.code === 'not_found') return null;
    throw error;
  }
};
