import type { Endpoint, EndpointWithSecrets } from '../../shared/types';
import {
  type EndpointInput,
  checkLabel,
  checkProvider,
  checkResponse,
  checkSecrets,
  checkTargetUrl,
  checkVerifyOptions,
} from './endpoint-input';
import { InboxError } from './errors';
import { newEndpointId, newSecretFor } from './ids';
import type { EndpointPatch, NewEndpointRow } from './ports';
import { checkEventTypes } from './type-glob';

/** What a new endpoint needs beyond EndpointInput. */
export interface CreateEndpointInput extends EndpointInput {
  label: string;
  /** Make a random `whsec_` secret when none is given (for senders that let you choose one). */
  generateSecret?: boolean;
}

/** Checks an expiry time: null (never) or a moment after `now`, at most a year ahead. */
function checkExpiry(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  if (!Number.isFinite(expiresAt) || expiresAt <= now || expiresAt > now + 366 * 24 * 3600 * 1000)
    throw new InboxError('invalid', 'An endpoint expires between 1 second and 1 year from now', {
      field: 'expiresAt',
    });
  return Math.round(expiresAt);
}

/** Removes secrets: what every list/get result shows. */
export function withoutSecrets(endpoint: EndpointWithSecrets): Endpoint {
  const { secrets: _secrets, ...rest } = endpoint;
  return rest;
}

/** A checked new endpoint row (a fresh unguessable id; a generated secret when asked for). */
export function newEndpointRow(input: CreateEndpointInput, actor: string, now: number): NewEndpointRow {
  const secrets = checkSecrets(input.secrets ?? []);
  const provider = checkProvider(input.provider ?? 'auto');
  if (secrets.length === 0 && input.generateSecret) secrets.push(newSecretFor(provider));
  return {
    id: newEndpointId(),
    label: checkLabel(input.label),
    provider,
    secrets,
    rejectInvalid: input.rejectInvalid ?? false,
    forwardUrl: input.forwardUrl ? checkTargetUrl(input.forwardUrl) : null,
    response: checkResponse(input.response ?? null),
    verify: checkVerifyOptions(undefined, input.verify),
    createdAt: now,
    createdBy: actor,
    expiresAt: checkExpiry(input.expiresAt ?? null, now),
    eventTypes: checkEventTypes(input.eventTypes ?? null),
  };
}

/** A checked patch: only the fields given change (a null forward URL removes it). */
export function endpointPatch(
  current: EndpointWithSecrets,
  input: EndpointInput,
  now = Date.now(),
): EndpointPatch {
  return {
    label: input.label === undefined ? undefined : checkLabel(input.label),
    provider: input.provider === undefined ? undefined : checkProvider(input.provider),
    secrets: input.secrets === undefined ? undefined : checkSecrets(input.secrets),
    rejectInvalid: input.rejectInvalid,
    forwardUrl:
      input.forwardUrl === undefined ? undefined : input.forwardUrl ? checkTargetUrl(input.forwardUrl) : null,
    response: input.response === undefined ? undefined : checkResponse(input.response),
    verify: input.verify === undefined ? undefined : checkVerifyOptions(current.verify, input.verify),
    paused: input.paused,
    expiresAt: input.expiresAt === undefined ? undefined : checkExpiry(input.expiresAt, now),
    eventTypes: input.eventTypes === undefined ? undefined : checkEventTypes(input.eventTypes),
  };
}

/** The secrets after a rotation: `add` first (newest signs replays), stored ones at `removeAt` dropped. */
export function rotatedSecrets(
  current: EndpointWithSecrets,
  input: EndpointInput,
  edits: { add: string[]; removeAt: number[] },
): string[] {
  if (input.secrets !== undefined)
    throw new InboxError(
      'invalid',
      'Give either the whole list of secrets or secrets to add/remove, not both',
      {
        field: 'secrets',
      },
    );
  const missing = edits.removeAt.find((i) => i >= current.secrets.length);
  if (missing !== undefined)
    throw new InboxError(
      'invalid',
      `Endpoint "${current.label}" has ${current.secrets.length} secret(s); there is no secret #${missing + 1} to remove`,
      { field: 'secrets' },
    );
  const kept = current.secrets.filter((_, i) => !edits.removeAt.includes(i));
  // Adding a secret that is already stored moves it first rather than storing it twice.
  return [...new Set([...edits.add.map((s) => s.trim()), ...kept])];
}
