import type { EndpointWithSecrets } from '../../shared/types';
import { assessRequest } from '../core/assess-request';
import { InboxError } from '../core/errors';
import { newEventId } from '../core/ids';
import type { Inbox } from '../core/inbox';
import type { NewEvent } from '../core/ports';
import { signedUrl } from '../core/signed-url';
import type { ImportedRequest } from './imported-request';

const EVENT_ID = /^evt_[0-9a-z]{10,60}$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// One transaction per chunk keeps the write lock short for the receiver running beside us.
const CHUNK = 500;

/** The raw path-and-query of a URL, without new URL()'s normalization. */
function rawTarget(url: string): string {
  const start = url.indexOf('//') === -1 ? 0 : url.indexOf('//') + 2;
  const slash = url.slice(start).search(/[/?]/);
  return slash === -1 ? '/' : url.slice(start + slash).replace(/#.*$/, '');
}

function resolveEndpoint(
  inbox: Inbox,
  req: ImportedRequest,
  given: EndpointWithSecrets | null,
): EndpointWithSecrets {
  if (given) return given;
  const fromUrl = /^\/h\/([A-Za-z0-9_-]+)/.exec(rawTarget(req.url))?.[1];
  for (const id of [fromUrl, req.endpointId]) {
    const endpoint = id ? inbox.endpointById(id) : null;
    if (endpoint) return endpoint;
  }
  throw new InboxError(
    'invalid',
    `No endpoint of this inbox matches ${req.url}: choose one to import into (e.g. --endpoint stripe-dev)`,
  );
}

function pathAndQuery(req: ImportedRequest, endpointId: string): { path: string; query: string } {
  if (req.path !== null && req.query !== null) return { path: req.path, query: req.query };
  // A Hookline receiver URL (this inbox's or another's): the event's path is what follows /h/<id>.
  let target = rawTarget(req.url);
  const prefix = /^\/h\/([A-Za-z0-9_-]+)(?=$|[/?])/.exec(target);
  if (prefix?.[1] && (prefix[1] === endpointId || prefix[1].length >= 16))
    target = target.slice(prefix[0].length);
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/**
 * Stores imported requests as events of an endpoint (given, else the one named by each URL's
 * `/h/<id>` or the export's endpoint id), verified the way the receiver verifies. An event keeps
 * its exported id when that id is free, so a HAR round trip yields the same events.
 * Returns the new event ids, in order.
 */
export async function importEvents(
  inbox: Inbox,
  requests: ImportedRequest[],
  endpoint?: string,
): Promise<string[]> {
  const given = endpoint === undefined ? null : inbox.endpointWithSecrets(endpoint);
  const now = inbox.clock.now();
  const taken = new Set<string>();
  const batch: NewEvent[] = requests.map((req, n) => {
    const method = req.method.toUpperCase();
    if (!TOKEN.test(method))
      throw new InboxError('invalid', `Request ${n + 1}: "${req.method}" is not an HTTP method`);
    const bad = req.headers.find(([k]) => !TOKEN.test(k));
    if (bad) throw new InboxError('invalid', `Request ${n + 1}: "${bad[0]}" is not a valid header name`);
    const target = resolveEndpoint(inbox, req, given);
    const { path, query } = pathAndQuery(req, target.id);
    const receivedAt = req.receivedAt ?? now;
    const keep =
      req.eventId !== null &&
      EVENT_ID.test(req.eventId) &&
      !taken.has(req.eventId) &&
      !inbox.eventSummary(req.eventId);
    const id = keep && req.eventId ? req.eventId : newEventId(receivedAt);
    taken.add(id);
    const url = signedUrl({ endpointId: target.id, path, query }, target.verify, inbox.runtime());
    const assessed = assessRequest(inbox, target, { method, url, headers: req.headers, body: req.body }, now);
    return {
      id,
      endpointId: target.id,
      receivedAt,
      method,
      path,
      query,
      headers: req.headers,
      body: req.body,
      truncated: false,
      contentType: req.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null,
      remoteAddr: req.remoteAddr,
      provider: assessed.provider,
      providerEventId: assessed.info.id,
      providerEventType: assessed.info.type,
      verification: assessed.verification,
      // No receiver answered an imported request; 0 says so unless the file recorded a status.
      responseStatus: req.responseStatus ?? 0,
      // Imported fixtures are never auto-forwarded: no forward state is stored for them.
      forward: false,
    };
  });
  for (let i = 0; i < batch.length; i += CHUNK) await inbox.commitEvents(batch.slice(i, i + CHUNK));
  return batch.map((e) => e.id);
}
