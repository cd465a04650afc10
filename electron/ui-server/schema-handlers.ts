import type { z } from 'zod';
import type { ApiResult } from '../../shared/api';
import type { schemaApiParams } from '../../shared/schema-api';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { attachSchema, inferFromEvents } from '../schema/attach';
import { driftReport } from '../schema/drift';
import { MAX_SAMPLES, jsonSamples } from '../schema/samples';

type SchemaMethod = keyof typeof schemaApiParams;
type SchemaHandlers = {
  [M in SchemaMethod]: (params: z.output<(typeof schemaApiParams)[M]>) => ApiResult<M>;
};

const ACTOR = 'app';
const DEFAULT_SAMPLES = 100;

function parseSchemaText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InboxError(
      'invalid',
      `The schema is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { field: 'schema' },
    );
  }
}

/** The UI API's schema methods over the facade (the same code as `hookline schema`). */
export function schemaHandlers(inbox: Inbox): SchemaHandlers {
  return {
    'schemas.get': (p) => {
      const endpointId = inbox.getEndpoint(p.endpointId).id;
      const progress = inbox.schemas.progress();
      const recheck = progress.rechecks.find((r) => r.endpointId === endpointId);
      return {
        schemas: inbox.schemas.attached(endpointId).map(({ schema, ...rest }) => ({
          ...rest,
          schemaText: JSON.stringify(schema, null, 2),
        })),
        backlog: progress.backlog,
        recheck: recheck ? { done: recheck.done, total: recheck.total } : null,
      };
    },
    'schemas.attach': (p) => ({
      rechecking: attachSchema(inbox, p.endpointId, p.eventType, parseSchemaText(p.schemaText), ACTOR)
        .rechecking,
    }),
    'schemas.detach': (p) => {
      inbox.schemas.detach(p.endpointId, p.eventType);
      return { detached: true };
    },
    'schemas.infer': (p) => {
      const endpointId = inbox.getEndpoint(p.endpointId).id;
      const inferred = inferFromEvents(inbox, {
        endpointIds: [endpointId],
        type: p.eventType ?? undefined,
        limit: p.limit ?? DEFAULT_SAMPLES,
      });
      return {
        schemaText: JSON.stringify(inferred.schema, null, 2),
        eventType: inferred.eventType,
        events: inferred.events,
      };
    },
    'schemas.drift': (p) => {
      const endpointIds = p.endpointId === undefined ? undefined : [inbox.getEndpoint(p.endpointId).id];
      const limit = Math.min(p.limit ?? DEFAULT_SAMPLES, MAX_SAMPLES);
      return driftReport(jsonSamples(inbox, { endpointIds, type: p.eventType, limit }));
    },
  };
}
