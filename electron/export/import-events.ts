import type { EndpointWithSecrets } from '../../shared/types';
import { assessRequest } from '../core/assess-request';
import { InboxError } from '../core/errors';
import { newEventId } from '../core/ids';
import type { Inbox } from '../core/inbox';
import type { NewEvent } from '../core/ports';
import { signedUrl } from '../core/signed-url';
import { judgedAtReceipt, toleranceSeconds } from '../signatures/freshness';
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

/** Where imported requests go and what they are marked with. */
export interface ImportOptions {
  /** The endpoint to file them under (default: the one each URL or export names). */
  endpoint?: string;
  /** Shown as the events' source ("imported from <source>"): the file name, or "stdin". */
  source: string;
}

// CR, LF or NUL in a header or request target would become an injected header or line on replay/export.
const LINE_BREAK = /[\r\n\0]/;

function entryName(req: ImportedRequest, n: number): string {
  const url = req.url.length > 80 ? `${req.url.slice(0, 80)}…` : req.url;
  return `Entry ${n + 1} (${req.method} ${JSON.stringify(url).slice(1, -1)})`;
}

function checkRequest(req: ImportedRequest, n: number): void {
  const name = () => entryName(req, n);
  if (!TOKEN.test(req.method.toUpperCase()))
    throw new InboxError('invalid', `${name()}: "${req.method}" is not an HTTP method`);
  for (const [key, value] of req.headers) {
    if (LINE_BREAK.test(key) || LINE_BREAK.test(value))
      throw new InboxError(
        'invalid',
        `${name()}: header ${JSON.stringify(key)} contains a line break (CR/LF) or NUL, which would inject a header when replayed; nothing was imported`,
      );
    if (!TOKEN.test(key)) throw new InboxError('invalid', `${name()}: "${key}" is not a valid header name`);
  }
  if (LINE_BREAK.test(req.url) || LINE_BREAK.test(req.path ?? '') || LINE_BREAK.test(req.query ?? ''))
    throw new InboxError(
      'invalid',
      `${name()}: the path or query contains a line break (CR/LF) or NUL; nothing was imported`,
    );
}

/**
 * Stores imported requests as events of an endpoint (given, else the one named by each URL's
 * `/h/<id>` or the export's endpoint id), verified the way the receiver verifies — as of their
 * original arrival. They keep their receive time and are stored oldest first; they are marked as
 * imported (never auto-forwarded). An event keeps its exported id when that id is free, so a HAR
 * round trip yields the same events. Every request is checked before any is stored.
 * Returns the new event ids, in stored order.
 */
export async function importEvents(
  inbox: Inbox,
  requests: ImportedRequest[],
  options: ImportOptions,
): Promise<string[]> {
  const { endpoint, source } = options;
  requests.forEach(checkRequest);
  const given = endpoint === undefined ? null : inbox.endpointWithSecrets(endpoint);
  const now = inbox.clock.now();
  const taken = new Set<string>();
  // Stable sort: entries without a time keep their place after the timed ones before them.
  const ordered = requests
    .map((req, n) => ({ req, at: req.receivedAt ?? now, n }))
    .sort((a, b) => a.at - b.at || a.n - b.n)
    .map((x) => x.req);
  const batch: NewEvent[] = ordered.map((req) => {
    const method = req.method.toUpperCase();
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
    // Judged as of its original arrival, like a stored event re-verified: a genuine fixture is valid.
    const assessed = assessRequest(
      inbox.verifier,
      target,
      { method, url, headers: req.headers, body: req.body },
      receivedAt,
    );
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
      verification: judgedAtReceipt(assessed.verification, receivedAt, now, toleranceSeconds(target.verify)),
      // No receiver answered an imported request; 0 says so unless the file recorded a status.
      responseStatus: req.responseStatus ?? 0,
      importedFrom: source,
      // Imported fixtures are never auto-forwarded: no forward state is stored for them.
      forward: false,
    };
  });
  for (let i = 0; i < batch.length; i += CHUNK) await inbox.commitEvents(batch.slice(i, i + CHUNK));
  return batch.map((e) => e.id);
}
