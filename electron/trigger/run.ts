/**
 * Sends synthetic events: through the receiver (the request lands in the inbox, verified and
 * forwarded like a real one) or straight to any URL (to test an app directly).
 */
import type { VerificationStatus, VerifyOptions } from '../../shared/types';
import { parseProviderName } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { signedUrl } from '../core/signed-url';
import { answerPreview } from '../delivery/answer-preview';
import { sendRequest } from '../delivery/http-send';
import { headersForTarget } from '../delivery/outgoing';
import { providerEventInfo } from '../signatures';
import { firstHeader } from '../signatures/headers';
import { buildTrigger } from './build';

/** The most events one trigger sends: enough for load-ish checks, bounded for agents. */
export const MAX_TRIGGER_COUNT = 100;
/** How much of a target's answer a result keeps. */
const ANSWER_PREVIEW = 2000;

/** What to send and where. */
export interface TriggerRequest {
  provider: string;
  type: string;
  /** Endpoint id or label: its receiver URL (unless `to` is given) and its secret. */
  endpoint?: string;
  /** Send straight to this URL instead of the receiver. */
  to?: string;
  /** Sign with this secret instead of the endpoint's (e.g. a wrong one, to test rejection). */
  secret?: string;
  sets?: string[];
  body?: Uint8Array;
  count?: number;
}

/** The outcome of one send. */
export interface TriggerResult {
  provider: string;
  type: string;
  url: string;
  /** The provider's delivery/event id in the request (what receivers dedupe on). */
  deliveryId: string | null;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** Start of the answer's body (text). */
  answer: string;
  /** When sent through the receiver: the stored event and its verdict. */
  stored: { eventId: string; verification: VerificationStatus; reason: string } | null;
}

interface Target {
  sendUrl: string;
  signUrl: string;
  secret: string;
  verify: VerifyOptions;
  viaReceiver: boolean;
}

function checkUrl(to: string): string {
  try {
    const url = new URL(to);
    if (url.protocol === 'http:' || url.protocol === 'https:') return to;
  } catch {
    // Reported below.
  }
  throw new InboxError('invalid', `--to "${to}" is not an http(s) URL`);
}

function resolveTarget(inbox: Inbox, req: TriggerRequest): Target {
  if (req.endpoint === undefined) {
    if (req.to === undefined)
      throw new InboxError(
        'invalid',
        'Say where to send: --endpoint <id|label> (through the inbox) or --to <url>',
      );
    if (req.secret === undefined)
      throw new InboxError(
        'invalid',
        "Sending straight to a URL needs the signing secret your app checks: pass --secret, or --endpoint to use that endpoint's secret",
      );
    const url = checkUrl(req.to);
    return {
      sendUrl: url,
      signUrl: url,
      secret: req.secret,
      verify: { toleranceSeconds: 300 },
      viaReceiver: false,
    };
  }
  const endpoint = inbox.endpointWithSecrets(req.endpoint);
  const secret = req.secret ?? endpoint.secrets[0];
  if (secret === undefined)
    throw new InboxError(
      'invalid',
      `Endpoint "${endpoint.label}" has no secret to sign with: add one (hookline endpoints update), or pass --secret`,
    );
  if (req.to !== undefined) {
    const url = checkUrl(req.to);
    return { sendUrl: url, signUrl: url, secret, verify: endpoint.verify, viaReceiver: false };
  }
  const urls = inbox.urls(endpoint.id);
  if (!urls.receiving)
    throw new InboxError(
      'unavailable',
      'No Hookline receiver is running for this inbox: start "hookline serve" (or the app), or send straight to your app with --to <url>',
    );
  const signUrl = signedUrl(
    { endpointId: endpoint.id, path: '', query: '' },
    endpoint.verify,
    inbox.runtime(),
  );
  return { sendUrl: urls.local, signUrl, secret, verify: endpoint.verify, viaReceiver: true };
}

function storedVerdict(inbox: Inbox, eventId: string | null): TriggerResult['stored'] {
  if (!eventId) return null;
  try {
    const event = inbox.getEvent(eventId);
    return { eventId, verification: event.verification.status, reason: event.verification.reason };
  } catch {
    return null;
  }
}

/** Builds, signs and sends `count` fresh events of one type; results in send order. */
export async function runTrigger(inbox: Inbox, req: TriggerRequest): Promise<TriggerResult[]> {
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRIGGER_COUNT)
    throw new InboxError('invalid', `--count must be a whole number from 1 to ${MAX_TRIGGER_COUNT}`);
  const target = resolveTarget(inbox, req);
  const results: TriggerResult[] = [];
  for (let i = 0; i < count; i++) {
    const built = buildTrigger({
      provider: req.provider,
      type: req.type,
      sets: req.sets,
      body: req.body,
      secret: target.secret,
      signedUrl: target.signUrl,
      verify: target.verify,
      now: inbox.clock.now(),
    });
    const scheme = parseProviderName(built.provider);
    const info = providerEventInfo(scheme, built.headers, built.body);
    const headers = headersForTarget(built.headers, target.sendUrl, built.body, built.method);
    const sent = await sendRequest({ method: built.method, url: target.sendUrl, headers, body: built.body });
    const answer = sent.ok ? answerPreview(sent.response.body, ANSWER_PREVIEW) : '';
    const eventId =
      sent.ok && target.viaReceiver ? firstHeader(sent.response.headers, 'x-hookline-event-id') : null;
    results.push({
      provider: built.provider,
      type: built.type,
      url: target.sendUrl,
      deliveryId: info.id,
      status: sent.ok ? sent.response.status : null,
      error: sent.ok ? null : sent.error,
      durationMs: sent.durationMs,
      answer,
      stored: storedVerdict(inbox, eventId),
    });
  }
  return results;
}
