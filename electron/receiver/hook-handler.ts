import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderPair } from '../../shared/types';
import { assessRequest } from '../core/assess-request';
import { isExpired } from '../core/expiry';
import { forwardsOnArrival } from '../core/forwarding';
import { newEventId } from '../core/ids';
import { redeliveryKey } from '../core/redelivery';
import { signedUrl } from '../core/signed-url';
import { passesEventTypes } from '../core/type-glob';
import { readBody } from './body-reader';
import { contentTypeOf, rawHeaderPairs, remoteAddress } from './capture';
import type { IngestQueue } from './ingest-queue';
import { refuseOversize } from './oversize';
import type { ReceiverInbox } from './receiver-inbox';
import { sendCustom, sendJson } from './respond';
import type { HookRoute } from './route';

/** Limits the hook handler enforces. */
export interface HookLimits {
  maxBodyBytes: number;
  /** Bytes of an oversize body read and dropped so its 413 arrives (see refuseOversize). */
  drainBytes: number;
}

/** Captures one `/h/<id>` request: read, verify, commit, then answer. */
export async function handleHook(
  req: IncomingMessage,
  res: ServerResponse,
  route: HookRoute,
  inbox: ReceiverInbox,
  queue: IngestQueue,
  limits: HookLimits,
): Promise<void> {
  // Known endpoints come from memory: no await (and no extra turn) unless the inbox must look one up.
  const found = inbox.endpointById(route.endpointId);
  const endpoint = found instanceof Promise ? await found : found;
  if (!endpoint) {
    sendJson(res, 404, { ok: false, error: `No endpoint with id "${route.endpointId}"` });
    req.resume();
    return;
  }
  if (endpoint.expiresAt !== null && isExpired(endpoint, inbox.clock.now())) {
    // 410 tells well-behaved senders (Standard Webhooks, Svix, Zapier) to stop retrying and disable the URL.
    const at = new Date(endpoint.expiresAt).toISOString();
    sendJson(res, 410, { ok: false, error: `This Hookline endpoint expired at ${at}` });
    req.resume();
    return;
  }
  if (endpoint.paused) {
    sendJson(res, 503, { ok: false, error: 'This endpoint is paused in Hookline' }, [['retry-after', '60']]);
    req.resume();
    return;
  }
  const receivedAt = inbox.clock.now();
  const body = await readBody(req, limits.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      refuseOversize(
        req,
        res,
        { ok: false, error: `Body larger than the ${limits.maxBodyBytes}-byte limit` },
        limits.drainBytes,
      );
    }
    return;
  }
  const headers: HeaderPair[] = rawHeaderPairs(req);
  const method = req.method ?? 'GET';
  const now = inbox.clock.now();
  const request = {
    method,
    url: signedUrl(route, endpoint.verify, inbox.runtime()),
    headers,
    body: body.body,
  };
  const { verification, provider, info, handshake } = assessRequest(inbox.verifier, endpoint, request, now);
  const rejected = endpoint.rejectInvalid && verification.status === 'invalid';
  const custom = endpoint.response;
  const status = rejected ? 401 : (handshake?.status ?? custom?.status ?? 200);
  const eventId = newEventId(receivedAt);
  try {
    await queue.enqueue({
      id: eventId,
      endpointId: endpoint.id,
      receivedAt,
      method,
      path: route.path,
      query: route.query,
      headers,
      body: body.body,
      truncated: false,
      contentType: contentTypeOf(req),
      remoteAddr: remoteAddress(req),
      provider,
      providerEventId: info.id,
      providerEventType: info.type,
      providerEventSource: info.source ?? null,
      handshake: handshake?.kind ?? null,
      // A handshake is answered anew each time; only messages can be redeliveries.
      redeliveryKey: handshake ? null : redeliveryKey(headers, body.body),
      outsideFilter: !passesEventTypes(endpoint.eventTypes, info.type),
      verification,
      responseStatus: status,
      forward: forwardsOnArrival(endpoint, verification),
    });
  } catch (error) {
    inbox.log.error('could not store an event', { error });
    // Never a 2xx for something not stored: the sender retries per its own policy.
    sendJson(res, 503, { ok: false, error: 'Hookline could not store this request; retry later' }, [
      ['retry-after', '5'],
    ]);
    return;
  }
  const idHeader: HeaderPair = ['x-hookline-event-id', eventId];
  if (rejected) {
    sendJson(
      res,
      401,
      { ok: false, error: `Signature rejected: ${verification.reason}`, event_id: eventId },
      [idHeader],
    );
    return;
  }
  if (handshake) {
    sendCustom(res, handshake.status, handshake.headers, handshake.body);
    return;
  }
  if (custom) {
    if (custom.delayMs > 0) await new Promise((r) => setTimeout(r, custom.delayMs));
    sendCustom(res, custom.status, [...custom.headers, idHeader], custom.body);
    return;
  }
  sendJson(res, 200, { ok: true, event_id: eventId }, [idHeader]);
}
