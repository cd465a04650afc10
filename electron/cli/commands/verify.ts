import type { Verification } from '../../../shared/types';
import { type CliContext, type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline verify <event-id> [--secret S]... [--provider P] [--save] [--show-signed] [--json]

Re-runs signature verification on a stored event and explains the verdict: which header was read,
expected vs received signatures, and hints for the usual causes. The timestamp is judged as of the
event's arrival: a genuine event stays valid however long it has been stored (the output says
"fresh when received" and how old it is now).
  --secret S     try this secret instead of the endpoint's (repeat for several)
  --provider P   force a scheme instead of the endpoint's (auto detects from headers)
  --save         store the new verdict on the event (e.g. after fixing the secret)
  --show-signed  also print the exact content that was signed (can be the whole body)
Exit code 0 when the signature is valid, 1 otherwise.`;

function timestampLine(v: Verification): string | null {
  if (v.fresh === null) return null;
  const signed = v.signedAt ? ` (signed ${new Date(v.signedAt).toISOString()})` : '';
  return `Timestamp: ${v.fresh ? 'fresh when received' : 'outside the tolerance when received'}${signed}`;
}

/** Human lines explaining a verdict; the signed content only when asked (it can be the whole body). */
export function describeVerification(v: Verification, showSigned = false): string[] {
  const lines = [`Verdict:   ${v.status}${v.scheme ? ` (${v.scheme})` : ''}`, `Reason:    ${v.reason}`];
  if (v.signatureMatched !== null)
    lines.push(`Signature: ${v.signatureMatched ? 'matches' : 'does not match'}`);
  const timestamp = timestampLine(v);
  if (timestamp) lines.push(timestamp);
  const d = v.diagnostics;
  if (d?.header) lines.push(`Header:    ${d.header}`);
  if (d?.signedContent !== undefined)
    lines.push(
      showSigned
        ? `Signed:    ${d.signedContent}`
        : `Signed:    (${d.signedContent.length} characters; --show-signed prints them)`,
    );
  for (const r of d?.received ?? []) lines.push(`Received:  ${r}`);
  for (const e of d?.expected ?? []) lines.push(`Expected:  ${e}`);
  for (const h of d?.hints ?? []) lines.push(`Hint:      ${h}`);
  return lines;
}

async function verify(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseFlags({
    args,
    allowPositionals: true,
    options: {
      ...HELP_FLAG,
      secret: { type: 'string', multiple: true },
      provider: { type: 'string' },
      save: { type: 'boolean' },
      'show-signed': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError('verify needs one event id');
  const inbox = openInbox(ctx);
  try {
    const verdict = inbox.reverify(id, {
      secrets: values.secret,
      provider: values.provider,
      save: values.save,
    });
    if (values.json) printJson(ctx, verdict);
    else ctx.out(`${describeVerification(verdict, values['show-signed']).join('\n')}\n`);
    return verdict.status === 'valid' ? 0 : 1;
  } finally {
    inbox.close();
  }
}

/** `hookline verify`. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 're-check an event signature and explain the verdict',
  help: HELP,
  run: verify,
};
