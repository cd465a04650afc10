import type { ApiEndpoint, ApiParams, ApiVerifyPatch, ForwardFromChoice } from '../../../shared/api';
import type { CustomResponse, GenericHmacOptions } from '../../../shared/types';
import { ApiError } from '../api/client';
import { headersToText, textToHeaders } from './body';

/** Tolerance the core applies when none is set (seconds). */
export const DEFAULT_TOLERANCE = 300;

/** What the generic scheme reads when the endpoint has no custom settings (mirrors schemes/generic.ts). */
export const GENERIC_DEFAULTS: GenericHmacOptions = {
  header: 'X-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
};

/** Providers whose signature covers the URL they were configured with. */
export const URL_SIGNING_PROVIDERS = ['twilio', 'square'];

/** Everything the endpoint dialog edits, as the inputs hold it (numbers as typed text). */
export interface EndpointForm {
  label: string;
  provider: string;
  /** Secrets typed in, one per line: the whole list for a new endpoint, added ones when editing. */
  secrets: string;
  /** Positions of stored secrets to remove (editing only; the secrets themselves are never shown). */
  removeSecretsAt: number[];
  generate: boolean;
  rejectInvalid: boolean;
  forwardUrl: string;
  /** Who forwards while a relay is mirrored (auto: targets on this machine stay here, public ones go to the relay). */
  forwardFrom: ForwardFromChoice;
  paused: boolean;
  custom: boolean;
  status: string;
  headers: string;
  body: string;
  delay: string;
  tolerance: string;
  publicUrl: string;
  /** Custom generic HMAC settings on (off: the generic scheme's defaults). */
  genericCustom: boolean;
  generic: GenericHmacOptions;
}

/** A form field an error can be shown next to. */
export type FormField =
  | 'label'
  | 'provider'
  | 'secrets'
  | 'forwardUrl'
  | 'response'
  | 'tolerance'
  | 'publicUrl'
  | 'generic';

/** Errors to show: next to their fields, and (general) at the top of the form. */
export interface FormErrors {
  general: string | null;
  fields: Partial<Record<FormField, string>>;
}

/** Fields inside the collapsible "Signature verification" section. */
export const VERIFY_FIELDS: readonly FormField[] = ['tolerance', 'publicUrl', 'generic'];

/** The form's starting values: the endpoint's, or a new endpoint's defaults. */
export function initialForm(endpoint: ApiEndpoint | null): EndpointForm {
  const response = endpoint?.response;
  const verify = endpoint?.verify;
  return {
    label: endpoint?.label ?? '',
    provider: endpoint?.provider ?? 'auto',
    secrets: '',
    removeSecretsAt: [],
    generate: false,
    rejectInvalid: endpoint?.rejectInvalid ?? false,
    forwardUrl: endpoint?.forwardUrl ?? '',
    forwardFrom: endpoint?.forwardFrom ?? 'auto',
    paused: endpoint?.paused ?? false,
    custom: response != null,
    status: String(response?.status ?? 200),
    headers: headersToText(response?.headers ?? [['Content-Type', 'application/json']]),
    body: response?.body ?? '{"ok":true}',
    delay: String(response?.delayMs ?? 0),
    tolerance: String(verify?.toleranceSeconds ?? DEFAULT_TOLERANCE),
    publicUrl: verify?.publicUrl ?? '',
    genericCustom: verify?.generic !== undefined,
    generic: verify?.generic ?? GENERIC_DEFAULTS,
  };
}

/** Whether the verification section starts open: anything but "auto with defaults" is worth seeing. */
export function verifyStartsOpen(form: EndpointForm): boolean {
  return (
    form.provider !== 'auto' ||
    Number(form.tolerance) !== DEFAULT_TOLERANCE ||
    form.publicUrl !== '' ||
    form.genericCustom
  );
}

/** One line for the collapsed section, so its state is visible without opening it. */
export function verifySummary(form: EndpointForm): string {
  const parts = [`${form.tolerance || '?'} s tolerance`];
  if (form.publicUrl.trim()) parts.push('signed URL set');
  if (form.genericCustom)
    parts.push(`${form.generic.header} (${form.generic.algorithm}, ${form.generic.encoding})`);
  return parts.join(' · ');
}

/** What a correctly signed request carries with these generic settings, e.g. `X-Sig: v1=<hex HMAC-SHA256 …>`. */
export function genericExample(g: GenericHmacOptions): string {
  return `${g.header || '…'}: ${g.prefix}<${g.encoding} HMAC-${g.algorithm.toUpperCase()} of the raw body>`;
}

/** Verification settings to send; null clears the optional ones. */
export function verifyParams(form: EndpointForm): ApiVerifyPatch {
  return {
    toleranceSeconds: Number(form.tolerance),
    publicUrl: form.publicUrl.trim() || null,
    generic: form.genericCustom ? { ...form.generic, header: form.generic.header.trim() } : null,
  };
}

function responseParams(form: EndpointForm): CustomResponse | null {
  if (!form.custom) return null;
  return {
    status: Number(form.status),
    headers: textToHeaders(form.headers),
    body: form.body,
    delayMs: Number(form.delay) || 0,
  };
}

/** The typed secrets, one per non-empty line. */
export function secretList(form: EndpointForm): string[] {
  return form.secrets
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Params of endpoints.create. */
export function createParams(form: EndpointForm): ApiParams<'endpoints.create'> {
  return {
    label: form.label,
    provider: form.provider,
    secrets: secretList(form),
    generateSecret: form.generate,
    rejectInvalid: form.rejectInvalid,
    forwardUrl: form.forwardUrl.trim() || null,
    ...(form.forwardFrom !== 'auto' ? { forwardFrom: form.forwardFrom } : {}),
    response: responseParams(form),
    verify: verifyParams(form),
  };
}

/**
 * The patch of endpoints.update. Stored secrets are never shown again, so typed ones are added to them
 * (rotation without retyping the old one) and removals name positions.
 */
export function updatePatch(form: EndpointForm): ApiParams<'endpoints.update'>['patch'] {
  const secrets = secretList(form);
  return {
    label: form.label,
    provider: form.provider,
    rejectInvalid: form.rejectInvalid,
    forwardUrl: form.forwardUrl.trim() || null,
    forwardFrom: form.forwardFrom,
    response: responseParams(form),
    verify: verifyParams(form),
    paused: form.paused,
    ...(secrets.length ? { addSecrets: secrets } : {}),
    ...(form.removeSecretsAt.length ? { removeSecretsAt: form.removeSecretsAt } : {}),
  };
}

/** Checks the browser cannot do with input attributes alone. */
export function localError(form: EndpointForm): FormErrors | null {
  const tolerance = Number(form.tolerance);
  if (form.tolerance.trim() === '' || !Number.isInteger(tolerance) || tolerance < 1) {
    return {
      general: null,
      fields: { tolerance: 'Tolerance must be a whole number of seconds (1 or more)' },
    };
  }
  return null;
}

// The core's field paths (params of endpoints.create, or the patch of endpoints.update) → the form's
// inputs. Deeper paths (`response.headers.0.0`, `verify.generic.header`) belong to the input above them.
const FIELD_INPUTS: Record<string, FormField> = {
  label: 'label',
  provider: 'provider',
  secrets: 'secrets',
  addSecrets: 'secrets',
  removeSecretsAt: 'secrets',
  forwardUrl: 'forwardUrl',
  response: 'response',
  'verify.toleranceSeconds': 'tolerance',
  'verify.publicUrl': 'publicUrl',
  'verify.generic': 'generic',
};

/** The form input a core field path is about, and the rest of the path below it (null: none fits). */
export function formFieldOf(path: string): { field: FormField; rest: string } | null {
  const parts = path.replace(/^patch\./, '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const field = FIELD_INPUTS[parts.slice(0, n).join('.')];
    if (field) return { field, rest: parts.slice(n).join('.') };
  }
  return null;
}

/**
 * Where a failed save's messages go, from the fields the core names (never from its wording): each
 * issue next to its input, the message next to `field`, anything else at the top of the form.
 */
export function formErrors(error: unknown): FormErrors {
  const message = error instanceof Error ? error.message : String(error);
  const out: FormErrors = { general: null, fields: {} };
  const issues = error instanceof ApiError ? error.issues : [];
  const unplaced: string[] = [];
  for (const issue of issues) {
    const at = formFieldOf(issue.field);
    if (!at) {
      unplaced.push(`${issue.field} ${issue.message}`);
      continue;
    }
    // Next to its input the issue needs no field name, except for the part inside it (`status …`).
    const text = at.rest ? `${at.rest} ${issue.message}` : sentence(issue.message);
    const before = out.fields[at.field];
    out.fields[at.field] = before ? `${before}; ${text}` : text;
  }
  if (issues.length === 0 && error instanceof ApiError && error.field) {
    const at = formFieldOf(error.field);
    if (at) out.fields[at.field] = message;
    else unplaced.push(message);
  }
  if (unplaced.length > 0) out.general = issues.length > 0 ? `${message}` : unplaced.join('; ');
  if (Object.keys(out.fields).length === 0 && out.general === null) out.general = message;
  return out;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A warning for secrets that cannot be the provider's signing secret (Stripe's start with `whsec_`). */
export function secretHint(form: EndpointForm): string | null {
  if (form.provider !== 'stripe') return null;
  const odd = secretList(form).filter((s) => !s.startsWith('whsec_'));
  if (odd.length === 0) return null;
  return odd.some((s) => /^[sr]k_/.test(s))
    ? 'That looks like a Stripe API key: signatures are checked with the webhook signing secret (whsec_…), from Dashboard → Developers → Webhooks or `stripe listen`.'
    : 'Stripe signing secrets start with whsec_ (Dashboard → Developers → Webhooks → Signing secret, or the one `stripe listen` prints).';
}
