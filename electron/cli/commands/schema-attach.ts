import type { Inbox } from '../../core/inbox';
import { attachSchema, inferFromEvents } from '../../schema/attach';
import { checkEvent } from '../../schema/check-event';
import { MAX_SAMPLES } from '../../schema/samples';
import { type CliContext, UsageError, printJson } from '../command';

/** Flags `schema attach|detach` read. */
export interface AttachFlags {
  file?: string;
  infer?: boolean;
  type?: string;
  limit: number;
  json: boolean;
}

/**
 * Re-checks run in the leader's background; with no leader running (only this CLI), they run here
 * and now, so what the next command shows is already true.
 */
function recheck(inbox: Inbox): 'background' | 'done' {
  if (inbox.facts.read().leaderPid !== null) return 'background';
  inbox.schemas.checkNow(checkEvent);
  return 'done';
}

function rechecked(count: number, how: 'background' | 'done'): string {
  return how === 'done'
    ? `${count} stored event(s) re-checked`
    : `re-checking ${count} stored event(s) in the background`;
}

/** `schema attach <endpoint> --file F | --infer [--type T]`. */
export function attach(
  inbox: Inbox,
  ctx: CliContext,
  endpoint: string,
  flags: AttachFlags,
  readJson: (path: string) => unknown,
): number {
  if ((flags.file === undefined) === (flags.infer !== true))
    throw new UsageError('schema attach needs --file F or --infer (not both)');
  if (flags.limit > MAX_SAMPLES) throw new UsageError(`--limit must be from 1 to ${MAX_SAMPLES}`);
  const endpointId = inbox.getEndpoint(endpoint).id;
  let schema: unknown;
  let eventType = flags.type ?? null;
  let inferredFrom: number | null = null;
  if (flags.file !== undefined) schema = readJson(flags.file);
  else {
    const inferred = inferFromEvents(inbox, {
      endpointIds: [endpointId],
      type: flags.type,
      limit: flags.limit,
    });
    schema = inferred.schema;
    eventType = inferred.eventType;
    inferredFrom = inferred.events;
  }
  const { rechecking } = attachSchema(inbox, endpointId, eventType, schema, 'cli');
  const how = recheck(inbox);
  if (flags.json) {
    printJson(ctx, { endpointId, eventType, inferredFrom, rechecking, recheck: how, schema });
    return 0;
  }
  const source = inferredFrom === null ? flags.file : `inferred from ${inferredFrom} event(s)`;
  ctx.out(
    `Attached a schema (${source}) to ${endpoint} for ${eventType ? `"${eventType}" events` : 'every event type'}; ${rechecked(rechecking, how)}\n`,
  );
  return 0;
}

/** `schema detach <endpoint> [--type T]`. */
export function detach(inbox: Inbox, ctx: CliContext, endpoint: string, flags: AttachFlags): number {
  const { endpointId } = inbox.schemas.detach(endpoint, flags.type ?? null);
  const how = recheck(inbox);
  if (flags.json) printJson(ctx, { endpointId, eventType: flags.type ?? null, detached: true, recheck: how });
  else
    ctx.out(
      `Detached the schema for ${flags.type ? `"${flags.type}" events` : 'every event type'} from ${endpoint}; its events are ${how === 'done' ? 're-checked' : 're-checked in the background'}\n`,
    );
  return 0;
}
