/** Attaching schemas to endpoints, from a file, the GUI's editor, or inferred from stored events. */
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { type JsonSchema, inferSchema } from './infer';
import { jsonSamples } from './samples';
import { assertUsableSchema } from './validate';

/** What inference found: the schema, the event type it covers (null: events without one) and how many events. */
export interface InferredSchema {
  schema: JsonSchema;
  eventType: string | null;
  events: number;
}

const NO_TYPE = '(no type)';

/** Infers a schema from an endpoint's newest `limit` JSON events (of one type, when given; else they must share one). */
export function inferFromEvents(
  inbox: Inbox,
  opts: { endpointIds?: string[]; type?: string; limit: number },
): InferredSchema {
  const samples = jsonSamples(inbox, opts);
  if (samples.byType.size === 0)
    throw new InboxError(
      'not_found',
      opts.type
        ? `No events of type "${opts.type}" with a JSON body: receive or trigger some first`
        : 'No events with a JSON body match: receive or trigger some first',
    );
  if (samples.byType.size > 1)
    throw new InboxError(
      'invalid',
      `The events have ${samples.byType.size} types (${[...samples.byType.keys()].slice(0, 5).join(', ')}…): pick one with --type`,
      { field: 'eventType' },
    );
  const [type, list] = [...samples.byType][0] ?? [NO_TYPE, []];
  return {
    schema: inferSchema(
      list.map((s) => s.value),
      `${type} (inferred from ${list.length} events)`,
    ),
    eventType: type === NO_TYPE ? null : type,
    events: list.length,
  };
}

/** Checks that ajv can use the schema, then attaches it (its events are re-checked in the background). */
export function attachSchema(
  inbox: Inbox,
  endpoint: string,
  eventType: string | null,
  schema: unknown,
  actor: string,
): { endpointId: string; rechecking: number } {
  try {
    assertUsableSchema(schema, 'to attach');
  } catch (error) {
    if (error instanceof InboxError) throw new InboxError(error.code, error.message, { field: 'schema' });
    throw error;
  }
  return inbox.schemas.attach(endpoint, eventType, schema, actor);
}
