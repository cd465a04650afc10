import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Delivery, HeaderPair } from '../../../shared/types';
import { bodyAsText } from '../../core/event-json';
import { deliveryToJson } from '../../core/event-json';
import type { Inbox } from '../../core/inbox';
import { replayEvent } from '../../delivery';
import { checkFreshness, toleranceSeconds } from '../../signatures/freshness';
import {
  type CliContext,
  type Command,
  HELP_FLAG,
  UsageError,
  intFlag,
  parseFlags,
  printJson,
} from '../command';
import { formatBytes } from '../format';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline replay <event-id> [--to URL] [--resign] [--set-header "K: V"]...
                       [--method M] [--path /p?q] [--body-file F] [--timeout MS] [--json]

Sends a stored event again — same method, headers (minus hop-by-hop ones, Host set for the target)
and exact body bytes — and records the attempt. The received sub-path and query are appended to
the target URL.
  --to URL          where to send it (default: the endpoint's forward URL)
  --resign          recompute the provider signature with a fresh timestamp, using the endpoint's
                    first secret, so your app's verification passes (needed after edits)
  --set-header K:V  set a header (replaces it in place, else appended); repeatable
  --method M        send with another method
  --path /p?q       send to this path and query instead of the received ones
  --body-file F     send this file's bytes as the body (Content-Length is recomputed)
  --timeout MS      give up after this long (default 30000)
  --json            print the delivery (request and response bodies as base64)
Without --resign the original signature headers are sent as they were, so an edited replay will
fail signature checks — that is how your app should behave.`;

function parseHeader(text: string): HeaderPair {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--set-header needs "Name: value", got "${text}"`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

/** Reads a --body-file, or a usage error naming it. */
export function readBodyFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(
      `Cannot read --body-file "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/** A few lines for people: outcome, duration and a preview of the response body. */
function summary(d: Delivery, previewChars = 2_000): string {
  const lines = [`Replayed ${d.eventId} → ${d.request.method} ${d.targetUrl}`];
  const took = d.durationMs === null ? '' : ` in ${d.durationMs} ms`;
  if (!d.response) {
    lines.push(`  Failed${took}: ${d.error ?? 'no response'}`);
    return lines.join('\n');
  }
  const { status, body, truncated } = d.response;
  lines.push(`  ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd() + took);
  if (status >= 300 && status < 400) lines.push('  (redirects are not followed)');
  const text = bodyAsText(body);
  const size = `${formatBytes(body.byteLength)}${truncated ? ', truncated' : ''}`;
  if (body.byteLength === 0) lines.push('  (empty response body)');
  else if (text === null) lines.push(`  Response body: binary, ${size} (--json shows it as base64)`);
  else
    lines.push(
      `  Response body (${size}):`,
      text.length > previewChars ? `${text.slice(0, previewChars)}…` : text,
    );
  return lines.join('\n');
}

/** A hint when the event's signed timestamp is too old for the receiving app's check, or null. */
function staleSignatureHint(inbox: Inbox, eventId: string): string | null {
  const event = inbox.getEvent(eventId);
  const { signedAt } = event.verification;
  if (signedAt === null) return null;
  const tolerance = toleranceSeconds(inbox.endpointById(event.endpointId)?.verify);
  const freshness = checkFreshness(signedAt, tolerance, inbox.clock.now());
  if (freshness.fresh !== false) return null;
  return `Hint: the signed timestamp is ${freshness.description}, so an app that checks it will refuse this replay; add --resign to sign it afresh.`;
}

async function replay(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      to: { type: 'string' },
      resign: { type: 'boolean' },
      'set-header': { type: 'string', multiple: true },
      method: { type: 'string', short: 'X' },
      path: { type: 'string' },
      'body-file': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [eventId, ...extra] = positionals;
  if (!eventId || extra.length > 0)
    throw new UsageError('replay needs one event id, e.g. `hookline replay evt_…`');
  const setHeaders = (values['set-header'] ?? []).map(parseHeader);
  const body = values['body-file'] === undefined ? undefined : readBodyFile(values['body-file']);
  const timeoutMs = intFlag(values.timeout, 'timeout', 30_000);
  const inbox = openInbox(ctx);
  try {
    const delivery = await replayEvent(inbox, eventId, {
      targetUrl: values.to,
      resign: values.resign ?? false,
      edits: { method: values.method, path: values.path, setHeaders, body },
      timeoutMs,
      actor: 'cli',
    });
    if (values.json) printJson(ctx, deliveryToJson(delivery));
    else {
      ctx.out(`${summary(delivery)}\n`);
      const hint = values.resign ? null : staleSignatureHint(inbox, eventId);
      if (hint) ctx.out(`${hint}\n`);
    }
    // A sent replay is a success even when the target said 500: the outcome is the output.
    return delivery.response ? 0 : 1;
  } finally {
    inbox.close();
  }
}

/** `hookline replay <event>`. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'send a stored event again (optionally edited and re-signed)',
  help: HELP,
  run: replay,
};
