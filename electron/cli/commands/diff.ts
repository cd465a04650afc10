import type { BodyChange, EventDiff } from '../../../shared/event-diff';
import { diffEvents } from '../../diff/event-diff';
import { type Command, HELP_FLAG, UsageError, parseFlags, printJson } from '../command';
import { openInbox } from '../open-inbox';

const HELP = `Usage: hookline diff <event-a> <event-b> [--json]

Compares two stored events: request attributes (method, path, event type, verdict…), headers
(names case-insensitive; signatures, timestamps and delivery ids that differ on every delivery are
listed apart) and the body — JSON by path (changed values, added and removed keys), form bodies by
field, anything else by bytes. At most 500 body changes are listed; the rest are counted.
  --json   the comparison as JSON (paths as segments and as text, values as JSON)`;

const MARK = { added: '+', removed: '-', changed: '~' } as const;
const VALUE_CHARS = 120;

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}… (${text.length} chars)` : text;
}

function bodyLine(c: BodyChange): string {
  if (c.kind === 'added') return `  + ${c.path}: ${show(c.after)}`;
  if (c.kind === 'removed') return `  - ${c.path}: ${show(c.before)}`;
  return `  ~ ${c.path}: ${show(c.before)} → ${show(c.after)}`;
}

function text(d: EventDiff): string {
  const when = (ms: number) => new Date(ms).toISOString();
  const lines = [`a: ${d.a.id} (${when(d.a.receivedAt)})`, `b: ${d.b.id} (${when(d.b.receivedAt)})`, ''];
  if (d.identical) lines.push('Identical requests (apart from what differs on every delivery).', '');
  if (d.fields.length > 0) {
    lines.push('Request:');
    for (const f of d.fields) lines.push(`  ~ ${f.field}: ${f.before ?? '(none)'} → ${f.after ?? '(none)'}`);
    lines.push('');
  }
  const meaningful = d.headers.filter((h) => !h.perDelivery);
  const perDelivery = d.headers.filter((h) => h.perDelivery);
  if (meaningful.length > 0) {
    lines.push(`Headers (${meaningful.length} differ):`);
    for (const h of meaningful) {
      const value = h.kind === 'changed' ? `${h.before} → ${h.after}` : (h.after ?? h.before);
      lines.push(`  ${MARK[h.kind]} ${h.name}: ${value}`);
    }
  } else lines.push('Headers: same');
  if (perDelivery.length > 0)
    lines.push(`  (also differ, as on every delivery: ${perDelivery.map((h) => h.name).join(', ')})`);
  lines.push('');
  const body = d.body;
  if (body.mode === 'bytes') {
    lines.push(
      body.identical
        ? `Body: same bytes (${body.sizeA} bytes)`
        : `Body (not JSON or form): differs from byte ${body.firstDifferenceAt} (${body.sizeA} vs ${body.sizeB} bytes)`,
    );
  } else if (body.identical) {
    lines.push(`Body (${body.mode.toUpperCase()}): same`);
  } else {
    const total = body.changes.length + body.truncated;
    lines.push(`Body (${body.mode.toUpperCase()}, ${total} change${total === 1 ? '' : 's'}):`);
    lines.push(...body.changes.map(bodyLine));
    if (body.truncated > 0)
      lines.push(`  … and ${body.truncated} more (not listed; see --json for the first 500)`);
  }
  return `${lines.join('\n')}\n`;
}

/** `hookline diff <event-a> <event-b>`. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two events: request, headers and body (JSON-aware)',
  help: HELP,
  async run(args, ctx) {
    const { values, positionals } = parseFlags({
      args,
      allowPositionals: true,
      options: { ...HELP_FLAG, json: { type: 'boolean' } },
    });
    const [first, second, ...extra] = positionals;
    if (!first || !second || extra.length > 0)
      throw new UsageError('diff needs two event ids, e.g. `hookline diff evt_a evt_b`');
    const inbox = openInbox(ctx);
    try {
      const result = diffEvents(inbox.getEvent(first), inbox.getEvent(second));
      if (values.json) printJson(ctx, result);
      else ctx.out(text(result));
      return 0;
    } finally {
      inbox.close();
    }
  },
};
