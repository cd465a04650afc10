import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  RelayWireAckResults,
  RelayWireClaimResults,
  RelayWireFeedPage,
  RelayWireReleaseResults,
  RelayWireUnackResults,
  RelayWireWhoami,
} from '../../shared/relay-wire';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { VERSION } from '../base/version';
import { endpointPatch, newEndpointRow } from '../core/endpoint-rows';
import type { RelayStore, RelayToken } from '../core/relay-ports';
import { waitForFeed } from './feed-wait';
import { ApiError, parseWith, readJsonBody } from './http';
import type { RelayInbox } from './relay-inbox';
import {
  FEED_LIMITS,
  ackBody,
  claimBody,
  createEndpointBody,
  deliveryBody,
  eventsQuery,
  feedQuery,
  patchEndpointBody,
  releaseBody,
  unackBody,
  wireEndpoint,
  wireEvent,
  wireFeedItem,
} from './wire';

/** What the relay API works with. */
export interface RelayApiDeps {
  store: RelayStore;
  inbox: RelayInbox;
  /** The public base URL (read on each call: it is known only once the port is bound). */
  readonly publicUrl: string;
  clock: Clock;
  log: Logger;
  /** Resolves when the server starts draining: long-polls answer at once. */
  draining: Promise<void>;
}

/** One authenticated call. */
export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  member: RelayToken;
  /** Path segments after the prefix. */
  parts: string[];
  query: URLSearchParams;
}

/** Answers a call: a status (default 200) and a JSON body. */
export type Handler = (call: Call) => Promise<{ status?: number; body: unknown }>;

/** A route: method, path pattern (`:x` is one segment) and whether it changes anything. */
export interface Route {
  method: string;
  pattern: string[];
  write: boolean;
  handle: Handler;
}

/** A wire body part with its base64 turned into bytes. */
function withBytes<T extends { bodyBase64: string }>(part: T): Omit<T, 'bodyBase64'> & { body: Buffer } {
  const { bodyBase64, ...rest } = part;
  return { ...rest, body: Buffer.from(bodyBase64, 'base64') };
}

/** The API's routes (docs/RELAY.md), over the relay's store. */
export function relayRoutes(deps: RelayApiDeps): Route[] {
  const { store, inbox, clock } = deps;
  let draining = false;
  void deps.draining.then(() => {
    draining = true;
  });

  const endpointOr404 = async (id: string) => {
    const endpoint = await store.getEndpoint(id);
    if (!endpoint) throw new ApiError(404, 'not_found', `Endpoint "${id}" not found`);
    return endpoint;
  };

  return [
    {
      method: 'GET',
      pattern: ['whoami'],
      write: false,
      handle: async ({ member }) => {
        const body: RelayWireWhoami = {
          member: member.name,
          readOnly: member.readOnly,
          relay: { publicUrl: deps.publicUrl, version: VERSION, store: store.kind },
        };
        return { body };
      },
    },
    {
      method: 'GET',
      pattern: ['feed'],
      write: false,
      handle: async ({ res, query }) => {
        const q = parseWith(feedQuery, Object.fromEntries(query));
        const gone = new Promise<void>((resolve) => {
          res.once('close', resolve);
          void deps.draining.then(resolve);
        });
        const page = await waitForFeed(store, {
          after: q.after,
          limit: q.limit,
          waitMs: draining ? 0 : q.wait * 1000,
          cancelled: gone,
        });
        const body: RelayWireFeedPage = {
          items: page.items.map((item) => wireFeedItem(item, deps.publicUrl)),
          next: page.next,
          hasMore: page.hasMore,
        };
        return { body };
      },
    },
    {
      method: 'GET',
      pattern: ['events'],
      write: false,
      handle: async ({ query }) => {
        const q = parseWith(eventsQuery, Object.fromEntries(query));
        const page = await store.events(q.after, q.limit, FEED_LIMITS.maxBytes);
        return { body: { events: page.events.map(wireEvent), next: page.next, hasMore: page.hasMore } };
      },
    },
    {
      method: 'GET',
      pattern: ['events', ':id'],
      write: false,
      handle: async ({ parts }) => {
        const id = parts[1] ?? '';
        const event = await store.getEvent(id);
        if (!event) throw new ApiError(404, 'not_found', `Event "${id}" not found`);
        return { body: { event: wireEvent(event) } };
      },
    },
    {
      method: 'GET',
      pattern: ['endpoints'],
      write: false,
      handle: async () => {
        const list = await store.listEndpoints();
        return { body: { endpoints: list.map((e) => wireEndpoint(e, deps.publicUrl)) } };
      },
    },
    {
      method: 'POST',
      pattern: ['endpoints'],
      write: true,
      handle: async ({ req, member }) => {
        const input = await readJsonBody(req, createEndpointBody);
        const row = newEndpointRow(input, `relay:${member.name}`, clock.now());
        if (input.id) row.id = input.id;
        await store.createEndpoint(row);
        await inbox.reload(row.id);
        return { status: 201, body: { endpoint: wireEndpoint(await endpointOr404(row.id), deps.publicUrl) } };
      },
    },
    {
      method: 'PATCH',
      pattern: ['endpoints', ':id'],
      write: true,
      handle: async ({ req, parts }) => {
        const id = parts[1] ?? '';
        const input = await readJsonBody(req, patchEndpointBody);
        const current = await endpointOr404(id);
        const patch = { ...endpointPatch(current, input), archived: input.archived };
        await store.updateEndpoint(id, patch);
        await inbox.reload(id);
        return { body: { endpoint: wireEndpoint(await endpointOr404(id), deps.publicUrl) } };
      },
    },
    {
      method: 'DELETE',
      pattern: ['endpoints', ':id'],
      write: true,
      handle: async ({ parts, query }) => {
        const id = parts[1] ?? '';
        await endpointOr404(id);
        const purge = query.get('purge');
        const eventsDeleted = await store.deleteEndpoint(id, purge === '1' || purge === 'true');
        await inbox.reload(id);
        return { body: { eventsDeleted } };
      },
    },
    {
      method: 'POST',
      pattern: ['events', 'ack'],
      write: true,
      handle: async ({ req, member }) => {
        const input = await readJsonBody(req, ackBody);
        const by = input.actor ? `${member.name}/${input.actor}` : member.name;
        const results = await store.ack(
          input.ids,
          by,
          input.outcome ?? 'done',
          input.note ?? null,
          clock.now(),
        );
        const body: RelayWireAckResults = {
          results: input.ids.map((eventId, i) => ({ eventId, result: results[i] ?? 'not_found' })),
        };
        return { body };
      },
    },
    {
      method: 'POST',
      pattern: ['events', 'claim'],
      write: true,
      handle: async ({ req, member }) => {
        const input = await readJsonBody(req, claimBody);
        const by = input.actor ? `${member.name}/${input.actor}` : member.name;
        // A holder is scoped to its member: another member naming the same holder is another session.
        const session = `${member.name}/${input.holder}`;
        const { claimed, until } = await store.claim(input.ids, { by, session }, input.forSeconds);
        const body: RelayWireClaimResults = {
          until,
          results: input.ids.map((eventId, i) => ({ eventId, claimed: claimed[i] ?? false })),
        };
        return { body };
      },
    },
    {
      method: 'POST',
      pattern: ['events', 'release'],
      write: true,
      handle: async ({ req, member }) => {
        const input = await readJsonBody(req, releaseBody);
        const released = await store.release(input.ids, `${member.name}/${input.holder}`);
        const body: RelayWireReleaseResults = {
          results: input.ids.map((eventId, i) => ({ eventId, released: released[i] ?? false })),
        };
        return { body };
      },
    },
    {
      method: 'POST',
      pattern: ['events', ':id', 'deliveries'],
      write: true,
      handle: async ({ req, member, parts }) => {
        const eventId = parts[1] ?? '';
        const input = await readJsonBody(req, deliveryBody);
        const id = await store.recordDelivery(
          {
            eventId,
            kind: 'replay',
            by: input.actor ? `${member.name}/${input.actor}` : member.name,
            targetUrl: input.targetUrl,
            startedAt: input.startedAt,
            durationMs: input.durationMs,
            request: withBytes(input.request),
            response: input.response && withBytes(input.response),
            error: input.error,
          },
          clock.now(),
        );
        if (id === null) throw new ApiError(404, 'not_found', `Event "${eventId}" not found`);
        return { status: 201, body: { delivery: { id } } };
      },
    },
    {
      method: 'POST',
      pattern: ['events', 'unack'],
      write: true,
      handle: async ({ req }) => {
        const input = await readJsonBody(req, unackBody);
        const results = await store.unack(input.ids);
        const body: RelayWireUnackResults = {
          results: input.ids.map((eventId, i) => ({ eventId, unacked: results[i] ?? false })),
        };
        return { body };
      },
    },
  ];
}
