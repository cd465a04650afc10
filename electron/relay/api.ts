import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayToken } from '../core/relay-ports';
import { ApiError, apiErrorOf, sendApiError, sendApiJson } from './http';
import { type RelayApiDeps, type Route, relayRoutes } from './routes';
import { bearerToken, hashToken } from './tokens';

/** The API's prefix (docs/RELAY.md). */
export const API_PREFIX = '/api/relay/v1';

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
  const { store, clock } = deps;
  const routes = relayRoutes(deps);

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
