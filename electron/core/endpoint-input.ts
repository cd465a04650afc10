import { z } from 'zod';
import type { CustomResponse, ProviderName, VerifyOptions } from '../../shared/types';
import { PROVIDERS, parseProviderName } from '../../shared/types';
import { InboxError, invalidFields, zodFieldIssues } from './errors';

export { checkResponse } from './custom-response';

/** What a caller may set when creating or editing an endpoint. */
export interface EndpointInput {
  label?: string;
  provider?: string;
  secrets?: string[];
  rejectInvalid?: boolean;
  forwardUrl?: string | null;
  response?: CustomResponse | null;
  verify?: Partial<VerifyOptions>;
  paused?: boolean;
  /** When the endpoint stops receiving (410 Gone), ms since epoch; null: never. */
  expiresAt?: number | null;
  /** Event-type globs handed to agents by default; null: every type. */
  eventTypes?: string[] | null;
}

const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} ._:/@-]{0,63}$/u;

/** Checks a label: 1–64 characters, starting with a letter or digit. */
export function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!LABEL.test(trimmed)) {
    throw new InboxError(
      'invalid',
      `Invalid label "${label}": use 1–64 letters, digits, spaces or . _ - : / @, starting with a letter or digit`,
      { field: 'label' },
    );
  }
  return trimmed;
}

/** Resolves a provider name or throws a message listing the valid ones. */
export function checkProvider(provider: string): ProviderName {
  const parsed = parseProviderName(provider);
  if (!parsed) {
    throw new InboxError(
      'invalid',
      `Unknown provider "${provider}". Use one of: ${PROVIDERS.join(', ')} (or svix, clerk)`,
      { field: 'provider' },
    );
  }
  return parsed;
}

/** Checks a forward/replay target: an absolute http(s) URL; `field` names the input it came from. */
export function checkTargetUrl(url: string, field = 'forwardUrl'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InboxError(
      'invalid',
      `Invalid URL "${url}": give an absolute URL like http://localhost:3000/webhooks`,
      { field },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InboxError('invalid', `Invalid URL "${url}": only http:// and https:// targets are supported`, {
      field,
    });
  }
  return parsed.toString();
}

/** Checks secrets: non-empty strings, at most 10 (rotation needs two or three). */
export function checkSecrets(secrets: string[]): string[] {
  const cleaned = secrets.map((s) => s.trim()).filter((s) => s.length > 0);
  if (cleaned.length > 10) {
    throw new InboxError('invalid', 'At most 10 secrets per endpoint', { field: 'secrets' });
  }
  return [...new Set(cleaned)];
}

/** Merges verify options over defaults (tolerance 300 s). */
export function checkVerifyOptions(
  current: VerifyOptions | undefined,
  patch: Partial<VerifyOptions> | undefined,
): VerifyOptions {
  const merged: VerifyOptions = { toleranceSeconds: 300, ...current, ...patch };
  if (!(merged.toleranceSeconds > 0 && merged.toleranceSeconds <= 7 * 24 * 3600)) {
    throw new InboxError('invalid', 'Tolerance must be between 1 second and 7 days', {
      field: 'verify.toleranceSeconds',
    });
  }
  if (merged.publicUrl !== undefined && merged.publicUrl !== '')
    checkTargetUrl(merged.publicUrl, 'verify.publicUrl');
  if (merged.generic !== undefined) {
    const generic = genericSchema.safeParse(merged.generic, { reportInput: true });
    if (!generic.success) {
      throw invalidFields(
        'Invalid generic HMAC settings',
        zodFieldIssues(generic.error, ['verify', 'generic']),
      );
    }
  }
  return merged;
}

const genericSchema = z.object({
  header: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name'),
  algorithm: z.enum(['sha1', 'sha256', 'sha512']),
  encoding: z.enum(['hex', 'base64']),
  prefix: z.string().max(64),
});
