/**
 * Turns a catalogue template into the exact request a provider would send: fresh ids and times,
 * `--set` edits or a body of the user's own, then signed by the same signer that re-signs replays.
 */
import type { HeaderPair, VerifyOptions } from '../../shared/types';
import { InboxError } from '../core/errors';
import { signRequest } from '../signatures';
import { utf8Text } from '../signatures/bytes';
import { findTemplate } from './catalogue';
import { freshValues } from './fresh';
import { applySets, serializeBody } from './set-path';
import type { TemplateBody } from './types';

/** What to build. */
export interface TriggerSpec {
  provider: string;
  type: string;
  /** `path=value` edits applied before signing. */
  sets?: string[];
  /** A body of the user's own instead of the template's (sent byte for byte unless sets are given). */
  body?: Uint8Array;
  /** The signing secret (the endpoint's, or a deliberately wrong one). */
  secret: string;
  /** The URL the request goes to; URL-signing providers (Twilio, Square) sign it. */
  signedUrl: string;
  verify: VerifyOptions;
  now: number;
}

/** A signed request, ready to send. */
export interface BuiltTrigger {
  provider: string;
  type: string;
  method: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

function ownBody(bytes: Uint8Array, sets: string[], template: TemplateBody): Uint8Array {
  if (sets.length === 0) return bytes;
  const text = utf8Text(bytes);
  if (template.kind === 'form') {
    const fields = [...new URLSearchParams(text ?? '').entries()];
    return serializeBody(applySets({ kind: 'form', fields }, sets));
  }
  try {
    return serializeBody(applySets({ kind: 'json', value: JSON.parse(text ?? '') }, sets));
  } catch (error) {
    if (error instanceof InboxError) throw error;
    throw new InboxError('invalid', '--set needs a JSON body, and the --body-file is not valid JSON');
  }
}

/** Builds and signs one synthetic event. */
export function buildTrigger(spec: TriggerSpec): BuiltTrigger {
  const found = findTemplate(spec.provider, spec.type);
  const fresh = freshValues(spec.now);
  const made = found.template.build(fresh);
  const sets = spec.sets ?? [];
  const body = spec.body ? ownBody(spec.body, sets, made.body) : serializeBody(applySets(made.body, sets));
  if (!spec.secret)
    throw new InboxError(
      'invalid',
      `Cannot sign a ${found.provider} event without a secret: give the endpoint a secret, or pass --secret`,
    );
  try {
    const headers = signRequest(
      { method: 'POST', url: spec.signedUrl, headers: made.headers, body },
      found.scheme,
      spec.secret,
      spec.verify,
      spec.now,
    );
    return { provider: found.provider, type: found.template.type, method: 'POST', headers, body };
  } catch (error) {
    throw new InboxError(
      'invalid',
      `Cannot sign the ${found.provider} event: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
