import type { EndpointInput } from '../core/endpoint-input';
import { FORWARD_FROM_CHOICES, type ForwardFromChoice } from '../core/forward-from';
import { UsageError, intFlag } from './command';

/** Endpoint settings flags shared by `endpoints create` and `endpoints update`. */
export const ENDPOINT_FLAG_OPTIONS = {
  provider: { type: 'string' },
  secret: { type: 'string', multiple: true },
  'forward-to': { type: 'string' },
  'forward-from': { type: 'string' },
  'reject-invalid': { type: 'boolean' },
  tolerance: { type: 'string' },
  'signed-url': { type: 'string' },
  'hmac-header': { type: 'string' },
  'hmac-algorithm': { type: 'string' },
  'hmac-encoding': { type: 'string' },
  'hmac-prefix': { type: 'string' },
} as const;

/** Help lines for {@link ENDPOINT_FLAG_OPTIONS}. */
export const ENDPOINT_FLAGS_HELP = `  --provider P      auto (default), generic, github, stripe, standard-webhooks (svix, clerk), shopify,
                    slack, twilio, paddle, linear, square, zoom, intercom
  --secret S        a signing secret; repeat for rotation (update replaces the list)
  --forward-to URL  forward every new event there, with retries ("" to stop forwarding)
  --forward-from W  with a relay connected: relay (the relay sends, once for the team, while this
                    laptop sleeps), here (this desktop sends), or auto (default: targets on this
                    machine or network stay here, public ones go to the relay)
  --reject-invalid  answer 401 to requests whose signature does not verify (still stored, flagged)
  --tolerance S     accepted clock skew for timestamped schemes, seconds (default 300)
  --signed-url URL  the URL the sender signs (Twilio, Square), when not the public URL
  --hmac-header H   generic HMAC: the header carrying the signature (with --provider generic)
  --hmac-algorithm  sha1 | sha256 (default) | sha512    --hmac-encoding  hex (default) | base64
  --hmac-prefix P   text before the signature in the header, e.g. "sha256=" (default none)`;

interface EndpointFlagValues {
  provider?: string;
  secret?: string[];
  'forward-to'?: string;
  'forward-from'?: string;
  'reject-invalid'?: boolean;
  tolerance?: string;
  'signed-url'?: string;
  'hmac-header'?: string;
  'hmac-algorithm'?: string;
  'hmac-encoding'?: string;
  'hmac-prefix'?: string;
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value.toLowerCase());
  if (!found) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, got "${value}"`);
  return found;
}

/** `--forward-from` when given (who forwards while a relay is mirrored). */
export function forwardChoiceFromFlags(values: EndpointFlagValues): ForwardFromChoice | undefined {
  const given = values['forward-from'];
  return given === undefined ? undefined : oneOf(given, FORWARD_FROM_CHOICES, 'forward-from', 'auto');
}

/** Turns parsed flags into an EndpointInput; only given flags are set (so update changes only those). */
export function endpointInputFromFlags(values: EndpointFlagValues): EndpointInput {
  const input: EndpointInput = {};
  if (values.provider !== undefined) input.provider = values.provider;
  if (values.secret !== undefined) input.secrets = values.secret;
  if (values['forward-to'] !== undefined) input.forwardUrl = values['forward-to'] || null;
  if (values['reject-invalid'] !== undefined) input.rejectInvalid = values['reject-invalid'];
  const verify: NonNullable<EndpointInput['verify']> = {};
  if (values.tolerance !== undefined) verify.toleranceSeconds = intFlag(values.tolerance, 'tolerance', 300);
  if (values['signed-url'] !== undefined) verify.publicUrl = values['signed-url'];
  if (values['hmac-header'] !== undefined) {
    verify.generic = {
      header: values['hmac-header'],
      algorithm: oneOf(
        values['hmac-algorithm'],
        ['sha1', 'sha256', 'sha512'] as const,
        'hmac-algorithm',
        'sha256',
      ),
      encoding: oneOf(values['hmac-encoding'], ['hex', 'base64'] as const, 'hmac-encoding', 'hex'),
      prefix: values['hmac-prefix'] ?? '',
    };
  } else if (values['hmac-algorithm'] ?? values['hmac-encoding'] ?? values['hmac-prefix']) {
    throw new UsageError('--hmac-algorithm, --hmac-encoding and --hmac-prefix need --hmac-header');
  }
  if (Object.keys(verify).length > 0) input.verify = verify;
  return input;
}
