import type { ApiEndpoint, ApiParams, ApiVerifyPatch } from '../../../shared/api';
import type { CustomResponse, GenericHmacOptions } from '../../../shared/types';
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
  secrets: string;
  generate: boolean;
  rejectInvalid: boolean;
  forwardUrl: string;
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

/** An error to show: next to its field, or (field null) above the buttons. */
export interface FormError {
  field: FormField | null;
  message: string;
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
    generate: false,
    rejectInvalid: endpoint?.rejectInvalid ?? false,
    forwardUrl: endpoint?.forwardUrl ?? '',
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

function secretList(form: EndpointForm): string[] {
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
    response: responseParams(form),
    verify: verifyParams(form),
  };
}

/** The patch of endpoints.update; empty secrets keep the stored ones (they are never shown again). */
export function updatePatch(form: EndpointForm): ApiParams<'endpoints.update'>['patch'] {
  const secrets = secretList(form);
  return {
    label: form.label,
    provider: form.provider,
    rejectInvalid: form.rejectInvalid,
    forwardUrl: form.forwardUrl.trim() || null,
    response: responseParams(form),
    verify: verifyParams(form),
    paused: form.paused,
    ...(secrets.length ? { secrets } : {}),
  };
}

/** Checks the browser cannot do with input attributes alone. */
export function localError(form: EndpointForm): FormError | null {
  const tolerance = Number(form.tolerance);
  if (form.tolerance.trim() === '' || !Number.isInteger(tolerance) || tolerance < 1) {
    return { field: 'tolerance', message: 'Tolerance must be a whole number of seconds (1 or more)' };
  }
  return null;
}

/**
 * Which field a core error is about, from its message (the core's messages name what failed: see
 * electron/core/endpoint-input.ts). Unknown messages stay general and show above the buttons.
 */
export function errorField(message: string, form: EndpointForm): FormField | null {
  if (/^Invalid label|^An endpoint labelled/.test(message)) return 'label';
  if (/^Unknown provider/.test(message)) return 'provider';
  if (/secrets? per endpoint/.test(message)) return 'secrets';
  if (/^Tolerance|toleranceSeconds/.test(message)) return 'tolerance';
  if (/generic HMAC|generic\./.test(message)) return 'generic';
  if (/custom response|response\./.test(message)) return 'response';
  const url = /^Invalid URL "(.*)"/.exec(message)?.[1];
  if (url !== undefined) {
    // Both URL fields share the core's message; it quotes the URL, so match it to the field holding it.
    const publicUrl = form.publicUrl.trim();
    return publicUrl !== '' && url === publicUrl ? 'publicUrl' : 'forwardUrl';
  }
  return null;
}

/**
 * The core's messages as one readable line: its zod details ("✖ must be … → at header") become
 * "header: must be …", and a bad header name gets the rule people need to fix it.
 */
export function readableError(message: string): string {
  const text = message
    .replace(/:?\s*✖\s*([^\n]*?)\s*→ at (\S+)/g, ' — $2: $1')
    .replace(/\s*✖\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /HTTP header name/.test(text)
    ? `${text} (letters, digits and dashes, no spaces or colons: e.g. X-Acme-Signature)`
    : text;
}
