import type { ZodError } from 'zod';
import type { RelayWireDelivery } from '../../shared/relay-wire';
import type { Endpoint, EventSummary } from '../../shared/types';
import { errorText } from '../base/logger';
import type { SharedEndpointFields } from '../core/mirror-rules';
import {
  type EventsPage,
  type FeedPage,
  ackResultsSchema,
  claimResultsSchema,
  errorBodySchema,
  eventsPageSchema,
  parseEndpoints,
  parseEvent,
  parseFeedPage,
  recordedSchema,
  whoamiSchema,
} from './wire';

/** Why a relay call failed, as a code the mirror decides on (never by matching the message). */
export type RelayErrorCode =
  | 'unauthorized'
  | 'read_only'
  | 'not_found'
  | 'conflict'
  | 'cursor_expired'
  | 'cursor_ahead'
  | 'network'
  | 'http'
  | 'protocol';

/** A failed relay call: a code to decide on, and a message for people. */
export class RelayError extends Error {
  constructor(
    readonly code: RelayErrorCode,
    message: string,
    readonly status: number | null = null,
    /** For cursor_expired: the oldest feed id the relay still holds. */
    readonly oldest: number | null = null,
  ) {
    super(message);
    this.name = 'RelayError';
  }
}

/** Who the token belongs to, and the relay's public URL. */
export interface Whoami {
  member: string;
  readOnly: boolean;
  publicUrl: string | null;
}

/** What `POST /events/<id>/deliveries` takes: a replay made here, bodies cut to DELIVERY_BODY_LIMIT. */
export type RelayDeliveryBody = Omit<RelayWireDelivery, 'id' | 'eventId' | 'by' | 'kind'>;

/** An endpoint as the desktop creates or changes it on the relay (secrets only when the desktop has them). */
export type RelayEndpointBody = Partial<SharedEndpointFields> & {
  id?: string;
  secrets?: string[];
  /** A public target the relay forwards to (core/forward-from.ts); null stops the relay forwarding. */
  forwardUrl?: string | null;
};

const API = '/api/relay/v1';
// A long-poll waits up to `wait` seconds; beyond this much more the connection is taken as dead
// (a laptop that slept keeps a socket that will never answer).
const SLACK_MS = 10_000;

/** The relay's HTTP API (docs/RELAY.md) for one base URL and member token. */
export class RelayClient {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Who the token belongs to (checks the token). */
  async whoami(signal?: AbortSignal): Promise<Whoami> {
    const body = whoamiSchema.parse(await this.call('GET', '/whoami', undefined, { signal }));
    return { member: body.member, readOnly: body.readOnly, publicUrl: body.relay.publicUrl };
  }

  /** Feed items after `after`; waits up to `waitSeconds` for a first one. */
  async feed(after: number, waitSeconds: number, limit: number, signal?: AbortSignal): Promise<FeedPage> {
    const query = `?after=${after}&limit=${limit}&wait=${waitSeconds}`;
    const body = await this.call('GET', `/feed${query}`, undefined, {
      signal,
      timeoutMs: waitSeconds * 1000 + SLACK_MS,
    });
    return this.read(() => parseFeedPage(body));
  }

  /** A page of the events the relay holds, by its seq after `after` (see RELAY.md `GET /events`). */
  async events(after: number, limit: number): Promise<EventsPage> {
    const body = await this.call('GET', `/events?after=${after}&limit=${limit}`);
    return this.read(() => eventsPageSchema.parse(body));
  }

  /** Every endpoint on the relay (without secrets). */
  async endpoints(): Promise<Endpoint[]> {
    const body = await this.call('GET', '/endpoints');
    return this.read(() => parseEndpoints(body));
  }

  /** Creates an endpoint with the desktop's id (paused/archived are set by a second call: create takes neither). */
  async createEndpoint(body: RelayEndpointBody): Promise<void> {
    const { paused, archived, ...fields } = body;
    await this.call('POST', '/endpoints', fields);
    if (paused || archived) await this.updateEndpoint(body.id ?? '', { paused, archived });
  }

  /** Changes an endpoint. */
  async updateEndpoint(id: string, body: RelayEndpointBody): Promise<void> {
    await this.call('PATCH', `/endpoints/${encodeURIComponent(id)}`, body);
  }

  /** Deletes an endpoint (its events stay on the relay). */
  async deleteEndpoint(id: string): Promise<void> {
    await this.call('DELETE', `/endpoints/${encodeURIComponent(id)}`);
  }

  /** Acks events as `actor` (recorded as `member/actor`); one result per id. */
  async ack(ids: string[], outcome: string, note: string | null, actor: string): Promise<string[]> {
    const body = await this.call('POST', '/events/ack', { ids, outcome, note, actor });
    return this.read(() => ackResultsSchema.parse(body).results);
  }

  /** Claims events for `holder` (the relay decides; see docs/RELAY.md); one boolean per id. */
  async claim(
    ids: string[],
    holder: string,
    seconds: number,
    actor: string,
  ): Promise<{ until: number; claimed: boolean[] }> {
    const body = await this.call('POST', '/events/claim', { ids, holder, forSeconds: seconds, actor });
    const answer = this.read(() => claimResultsSchema.parse(body));
    const claimed = new Map(answer.results.map((r) => [r.eventId, r.claimed]));
    return { until: answer.until, claimed: ids.map((id) => claimed.get(id) === true) };
  }

  /** Ends `holder`'s claims on these events. */
  async release(ids: string[], holder: string): Promise<void> {
    await this.call('POST', '/events/release', { ids, holder });
  }

  /** Returns events to pending. */
  async unack(ids: string[]): Promise<void> {
    await this.call('POST', '/events/unack', { ids });
  }

  /** Records a replay made here under its event on the relay; resolves with the relay's id. */
  async recordDelivery(eventId: string, delivery: RelayDeliveryBody): Promise<number> {
    const body = await this.call('POST', `/events/${encodeURIComponent(eventId)}/deliveries`, delivery);
    return this.read(() => recordedSchema.parse(body).delivery.id);
  }

  /** One event's state as the relay holds it. */
  async event(id: string): Promise<EventSummary> {
    const body = await this.call('GET', `/events/${encodeURIComponent(id)}`);
    return this.read(() => parseEvent(body));
  }

  private read<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      const issue = (error as ZodError).issues?.[0];
      const where = issue ? ` (${issue.path.join('.')}: ${issue.message})` : '';
      throw new RelayError(
        'protocol',
        `The relay at ${this.url} sent an answer this Hookline cannot read${where}`,
      );
    }
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    opts: { signal?: AbortSignal | undefined; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.url}${API}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : errorText(error);
      const why = timeout.aborted ? 'no answer in time' : cause;
      throw new RelayError('network', `The relay at ${this.url} cannot be reached (${why})`);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): said below by status.
    }
    if (response.ok) return json;
    throw this.failure(response.status, json);
  }

  private failure(status: number, json: unknown): RelayError {
    const parsed = errorBodySchema.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : null;
    const said = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
    if (status === 401)
      return new RelayError(
        'unauthorized',
        `The relay refused the token (revoked or unknown): ${said}`,
        status,
      );
    if (status === 403)
      return new RelayError(
        'read_only',
        `The token is read-only: it cannot change the relay (${said})`,
        status,
      );
    if (code === 'cursor_ahead')
      return new RelayError('cursor_ahead', `The relay's feed ends before our cursor: ${said}`, status);
    if (status === 410 || code === 'cursor_expired')
      return new RelayError(
        'cursor_expired',
        `The relay no longer holds the items after our cursor: ${said}`,
        status,
        (parsed.success ? parsed.data.error.oldest : undefined) ?? null,
      );
    if (status === 404) return new RelayError('not_found', said, status);
    if (status === 409) return new RelayError('conflict', said, status);
    return new RelayError('http', `The relay at ${this.url} answered ${status}: ${said}`, status);
  }
}
