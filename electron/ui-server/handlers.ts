import type { z } from 'zod';
import type {
  ApiEndpoint,
  ApiEventRow,
  ApiMethod,
  ApiResult,
  ApiVerifyPatch,
  EventFilter,
  apiParams,
} from '../../shared/api';
import type { EventSummary, VerifyOptions } from '../../shared/types';
import { InboxError } from '../core/errors';
import { deliveryToJson, eventToJson } from '../core/event-json';
import type { Inbox } from '../core/inbox';
import type { EventQuery } from '../core/ports';
import { endpointsWithCounts, inboxStatus, relayView } from '../core/status';
import { replayEvent } from '../delivery/index';
import { targetUrl } from '../delivery/outgoing';
import { diffEvents } from '../diff/event-diff';
import { eventToCurl } from '../export';
import { connectRelay } from '../mirror/connect';
import { findTemplate, listTriggerTypes } from '../trigger/catalogue';
import { freshValues } from '../trigger/fresh';
import { runTrigger } from '../trigger/run';
import { agentsWithAcks, mcpSnippets } from './agents';
import { ChaosJobs } from './chaos-jobs';
import { schemaHandlers } from './schema-handlers';

/** A handler per method, typed from the contract: parsed params in, the declared result out. */
export type ApiHandlers = {
  [M in ApiMethod]: (params: z.output<(typeof apiParams)[M]>) => ApiResult<M> | Promise<ApiResult<M>>;
};

// The UI acks as the app; agents ack as `agent:<client>` through MCP.
const ACTOR = 'app';
// "Ack all visible" reads ids in pages of this size; bounded so one click cannot stall the core.
const ACK_PAGE = 1000;
const ACK_MAX = 100_000;
// A text search counts at most this many matches: each one is joined to its row, so an unbounded
// count of a common word would scan the whole table on every change.
const COUNT_CAP = 10_000;
// A text count checks each match against its decoded text on the core's thread (where the receiver
// runs), and the UI recounts on every change: it stops sooner ("1,000+").
const TEXT_COUNT_CAP = 1_000;

/** How many distinct event types the type filter suggests (an inbox rarely has more; the rest can be typed). */
const EVENT_TYPES_SHOWN = 300;

function toQuery(filter: EventFilter): EventQuery {
  const text = filter.text?.trim();
  return { ...filter, text: text ? text : undefined };
}

/**
 * The wire's null ("back to the default") becomes a present-but-undefined key, which the core's merge
 * `{...current, ...patch}` turns into "not set"; an absent key keeps the current value.
 */
function toVerifyInput(patch: ApiVerifyPatch | undefined): Partial<VerifyOptions> | undefined {
  if (!patch) return undefined;
  const { publicUrl, generic, ...rest } = patch;
  const out: Partial<VerifyOptions> = { ...rest };
  if (publicUrl !== undefined) out.publicUrl = publicUrl?.trim() || undefined;
  if (generic !== undefined) out.generic = generic ?? undefined;
  return out;
}

/** List rows: summaries with their forwarding state, read for the whole page at once. */
function withForwards(inbox: Inbox, events: EventSummary[]): ApiEventRow[] {
  const forwards = inbox.deliveries.lastForwards(events.map((e) => e.id));
  return events.map((e) => ({ ...e, lastForward: forwards.get(e.id) ?? null }));
}

/** The UI API implemented over the Inbox facade. */
export function apiHandlers(inbox: Inbox): ApiHandlers {
  const chaosJobs = new ChaosJobs(inbox);
  return {
    ...schemaHandlers(inbox),
    'status.get': () => {
      const { endpoints: _endpoints, publicUrl: _publicUrl, ...status } = inboxStatus(inbox);
      return status;
    },
    'endpoints.list': (): { endpoints: ApiEndpoint[] } => ({
      endpoints: endpointsWithCounts(inbox).map((e) => ({
        ...e,
        forwardedBy: inbox.mirror.forwardFrom(e),
        forwardFrom: inbox.mirror.forwardChoice(e.id),
      })),
    }),
    'endpoints.create': ({ forwardFrom, ...p }) => {
      const endpoint = inbox.createEndpoint({ ...p, verify: toVerifyInput(p.verify) }, ACTOR);
      if (forwardFrom) inbox.mirror.setForwardChoice(endpoint.id, forwardFrom);
      return { endpoint: { ...endpoint, urls: inbox.urls(endpoint.id) } };
    },
    'endpoints.update': (p) => {
      const { addSecrets, removeSecretsAt, forwardFrom, ...patch } = p.patch;
      if (forwardFrom) inbox.mirror.setForwardChoice(inbox.getEndpoint(p.id).id, forwardFrom);
      const input = { ...patch, verify: toVerifyInput(patch.verify) };
      if (addSecrets === undefined && removeSecretsAt === undefined)
        return { endpoint: inbox.updateEndpoint(p.id, input) };
      return {
        endpoint: inbox.updateEndpointRotatingSecrets(p.id, input, {
          add: addSecrets ?? [],
          removeAt: removeSecretsAt ?? [],
        }),
      };
    },
    'endpoints.delete': (p) => ({ deletedEvents: inbox.deleteEndpoint(p.id, p.purgeEvents ?? false) }),
    'events.list': (p) => {
      const limit = p.limit ?? 200;
      const { order, cursor, ...filter } = p;
      const query = { ...toQuery(filter), order: order ?? 'desc', cursor, limit };
      if (query.text !== undefined) {
        const page = inbox.searchEvents(query);
        return { events: withForwards(inbox, page.events), nextCursor: page.nextCursor, search: page.info };
      }
      // Read one extra row to tell whether another page exists without counting the whole table.
      const rows = inbox.listEvents({ ...query, limit: limit + 1 });
      const events = rows.slice(0, limit);
      const last = events[events.length - 1];
      return {
        events: withForwards(inbox, events),
        nextCursor: rows.length > limit && last ? last.seq : null,
      };
    },
    'events.count': (p) => {
      const query = toQuery(p);
      return inbox.countEvents(query, query.text === undefined ? COUNT_CAP : TEXT_COUNT_CAP);
    },
    'events.summaries': (p) => ({
      events: withForwards(
        inbox,
        p.ids.flatMap((id) => {
          const s = inbox.eventSummary(id);
          return s ? [s] : [];
        }),
      ),
    }),
    'events.types': () => inbox.eventTypes(EVENT_TYPES_SHOWN),
    'events.get': (p) => ({ event: eventToJson(inbox.getEvent(p.id)) }),
    'events.ack': (p) => ({ results: inbox.ack(p.ids, ACTOR, p.outcome ?? 'done', p.note ?? null) }),
    'events.unack': (p) => ({ results: inbox.unack(p.ids) }),
    'events.ackMatching': (p) => {
      const query = { ...toQuery(p.filter), acked: false, order: 'desc' as const, limit: ACK_PAGE };
      const ids: string[] = [];
      // Page by cursor: a search page may end early (its time budget) with more to come.
      let cursor: number | undefined;
      while (ids.length < ACK_MAX) {
        const page = query.text === undefined ? null : inbox.searchEvents({ ...query, cursor });
        const events = page ? page.events : inbox.listEvents({ ...query, cursor });
        if (events.length > 0) {
          for (const r of inbox.ack(
            events.map((e) => e.id),
            ACTOR,
          ))
            if (r.result === 'acked') ids.push(r.eventId);
        }
        const next = page
          ? page.nextCursor
          : events.length < ACK_PAGE
            ? null
            : events[events.length - 1]?.seq;
        if (next === null || next === undefined) break;
        cursor = next;
      }
      return { acked: ids.length, ids };
    },
    'events.reverify': (p) => ({
      verification: inbox.reverify(p.id, { secrets: p.secrets, provider: p.provider, save: p.save }),
    }),
    'events.replay': async (p) => {
      const edits = p.edits
        ? {
            method: p.edits.method,
            path: p.edits.path,
            headers: p.edits.headers,
            body: p.edits.bodyBase64 === undefined ? undefined : Buffer.from(p.edits.bodyBase64, 'base64'),
          }
        : undefined;
      const target = p.targetUrl?.trim();
      const delivery = await replayEvent(inbox, p.id, {
        targetUrl: target ? target : undefined,
        resign: p.resign,
        edits,
        actor: ACTOR,
      });
      return { delivery: deliveryToJson(delivery) };
    },
    'events.curl': (p) => {
      const event = inbox.getEvent(p.id);
      const base = p.targetUrl?.trim() || inbox.urls(event.endpointId).url;
      return eventToCurl(event, { url: targetUrl(base, event.path, event.query) });
    },
    'events.diff': (p) => ({ diff: diffEvents(inbox.getEvent(p.a), inbox.getEvent(p.b)) }),
    'trigger.types': (p) => ({ types: listTriggerTypes(p.provider) }),
    'trigger.example': (p) => {
      const found = findTemplate(p.provider, p.type);
      const { body } = found.template.build(freshValues(Date.now()));
      return {
        provider: found.provider,
        type: found.template.type,
        bodyText:
          body.kind === 'json'
            ? JSON.stringify(body.value, null, 2)
            : new URLSearchParams(body.fields).toString(),
        contentType: body.kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      };
    },
    'trigger.send': async (p) => ({
      results: await runTrigger(inbox, {
        provider: p.provider,
        type: p.type,
        endpoint: p.endpointId,
        to: p.targetUrl?.trim() || undefined,
        secret: p.secret,
        sets: p.sets,
        body: p.bodyText === undefined ? undefined : Buffer.from(p.bodyText, 'utf8'),
        count: p.count,
      }),
    }),
    'relay.status': () => ({ relay: relayView(inbox) }),
    'relay.connect': async (p) => {
      const { relay, who } = await connectRelay(inbox, p.url, p.token);
      return { relay, member: who.member, readOnly: who.readOnly, publicUrl: who.publicUrl };
    },
    'relay.disconnect': () => {
      inbox.mirror.clearConnection();
      return { relay: null };
    },
    'chaos.runs': (p) => ({ runs: inbox.chaosRuns.list(p.limit ?? 20) }),
    'chaos.get': (p) => ({ run: inbox.chaosRuns.get(p.id) }),
    'chaos.start': async (p) => ({ job: await chaosJobs.start(p) }),
    'chaos.job': (p) => ({ job: chaosJobs.get(p.jobId) }),
    'deliveries.list': (p) => {
      inbox.getEvent(p.eventId);
      return { deliveries: inbox.deliveries.forEvent(p.eventId).map(deliveryToJson) };
    },
    'agents.list': () => ({ agents: agentsWithAcks(inbox), snippets: mcpSnippets(inbox) }),
  } satisfies ApiHandlers;
}

/** Thrown for an unknown method name. */
export function unknownMethod(name: string): InboxError {
  return new InboxError('not_found', `Unknown UI API method "${name}"`);
}
