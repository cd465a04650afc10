import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  RelayWireAckResults,
  RelayWireFeedPage,
  RelayWireUnackResults,
  RelayWireWhoami,
} from '../../shared/relay-wire';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import { VERSION } from '../base/version';
import { endpointPatch, newEndpointRow } from '../core/endpoint-rows';
import type { RelayStore, RelayToken } from '../core/relay-ports';
import { waitForFeed } from './feed-wait';
import { ApiError, apiErrorOf, parseWith, readJsonBody, sendApiError, sendApiJson } from './http';
import type { RelayInbox } from './relay-inbox';
import { bearerToken, hashToken } from './tokens';
import {
  ackBody,
  createEndpointBody,
  feedQuery,
  patchEndpointBody,
  unackBody,
  wireEndpoint,
  wireEvent,
  wireFeedItem,
} from './wire';

/** The API's prefix (docs/RELAY.md). */
export const API_PREFIX = '/api/relay/v1';

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

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  member: RelayToken;
  /** Path segments after the prefix. */
  parts: string[];
  query: URLSearchParams;
}

type Handler = (call: Call) => Promise<{ status?: number; body: unknown }>;

/** A route: method, path pattern (`:x` is one segment) and whether it changes anything. */
interface Route {
  method: string;
  pattern: string[];
  write: boolean;
  handle: Handler;
}

function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'bad_request', `Malformed path segment "${raw}"`);
  }
}

function matches(route: Route, method: string, parts: string[]): boolean {
  if (route.method !== method || route.pattern.length !== parts.length) return false;
  return route.pattern.every((p, i) => p.startsWith(':') || p === parts[i]);
}

/**
 * The relay API: `(req, res) => handled`, for the receiver's `routes` hook. Every call needs a live
 * member token; a read-only one may only read. Answers are JSON; failures are `{error: {code, message}}`.
 */
export function relayApi(deps: RelayApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
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

  const routes: Route[] = [
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

  const authenticate = async (req: IncomingMessage): Promise<RelayToken> => {
    const token = bearerToken(req);
    if (!token)
      throw new ApiError(
        401,
        'unauthorized',
        'Send a member token: Authorization: Bearer <token> (hookline relay tokens create <name>)',
      );
    const member = await store.useToken(hashToken(token), clock.now());
    if (!member) throw new ApiError(401, 'unauthorized', 'This token is unknown or revoked');
    return member;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => {
    const member = await authenticate(req);
    const parts = path
      .slice(API_PREFIX.length + 1)
      .split('/')
      .map(segment);
    const method = req.method ?? 'GET';
    const route = routes.find((r) => matches(r, method, parts));
    if (!route) {
      const known = routes.some((r) => matches({ ...r, method }, method, parts));
      throw known
        ? new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`)
        : new ApiError(404, 'not_found', `No relay API at ${path}`);
    }
    if (route.write && member.readOnly)
      throw new ApiError(
        403,
        'read_only',
        `Token "${member.name}" is read-only: it cannot ${method} ${path}`,
      );
    const { status = 200, body } = await route.handle({ req, res, member, parts, query });
    sendApiJson(res, status, body);
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    serve(req, res, url.pathname, url.searchParams).catch((error: unknown) => {
      const failure = apiErrorOf(error);
      if (failure.status === 503) deps.log.error('relay API: the store failed', { error });
      // Whatever was not read of the body is dropped, so the connection can carry the answer.
      req.resume();
      sendApiError(res, failure);
    });
    return true;
  };
}
