/**
 * Who sent an `X-Hub-Signature: sha1=<hex>`? GitHub (legacy header) and Intercom use the exact same
 * header and algorithm, and so do WebSub hubs and Meta, whose format GitHub's copied. The rule:
 * - `X-Hub-Signature-256` or any `X-GitHub-*` header → GitHub;
 * - otherwise an Intercom User-Agent or an Intercom-shaped body → Intercom;
 * - otherwise GitHub, the generic "hub signature" convention (the check is identical either way,
 *   only the scheme label and event-info extraction differ).
 */
import type { HeaderPair } from '../../../shared/types';
import { jsonObject, stringField } from '../bytes';
import { firstHeader, hasHeader } from '../headers';

/** Headers only GitHub sends. */
export function hasGithubHeaders(headers: HeaderPair[]): boolean {
  return headers.some(([name]) => name.toLowerCase().startsWith('x-github-'));
}

/** Intercom User-Agent, or a body with `"type": "notification_event"` / an id starting `notif_`. */
export function looksLikeIntercom(headers: HeaderPair[], body?: Uint8Array): boolean {
  if (/intercom/i.test(firstHeader(headers, 'user-agent') ?? '')) return true;
  const json = body ? jsonObject(body) : null;
  return (
    stringField(json, 'type') === 'notification_event' || (stringField(json, 'id') ?? '').startsWith('notif_')
  );
}

/** Which of the two an X-Hub-Signature request is, or null when there is no hub signature. */
export function hubSignatureOwner(headers: HeaderPair[], body?: Uint8Array): 'github' | 'intercom' | null {
  if (hasHeader(headers, 'x-hub-signature-256')) return 'github';
  if (!hasHeader(headers, 'x-hub-signature')) return null;
  if (hasGithubHeaders(headers)) return 'github';
  return looksLikeIntercom(headers, body) ? 'intercom' : 'github';
}
