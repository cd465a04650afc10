import type { Logger } from '../base/logger';
import type { Inbox } from '../core/inbox';
import type { PendingCounts } from '../core/pending-counts';

/** This process's part in the shared inbox, for get_inbox_status. */
export interface ProcessRole {
  role: 'starting' | 'leader' | 'follower' | 'detached';
  /** Why this process is not attached to a receiver (detached), else null. */
  error: string | null;
}

/** What every tool and resource is given. */
export interface ToolContext {
  inbox: Inbox;
  counts: PendingCounts;
  /** `agent:<client name>` — who acks and creates, as the GUI shows it. */
  actor(): string;
  /** This MCP session (one per `hookline mcp` connection): who holds the claims it takes. */
  session: string;
  role(): ProcessRole;
  /** The receiver port this process was asked to use (URLs name it while nobody receives). */
  receiverPort?: number;
  log: Logger;
}

/** Where an endpoint can be reached, as this process tells an agent. */
export function urlsFor(ctx: ToolContext, endpointId: string) {
  return ctx.inbox.urls(endpointId, ctx.receiverPort);
}

/** The label of every registered endpoint by id (events of unregistered endpoints map to nothing). */
export function endpointLabels(ctx: ToolContext): Map<string, { label: string; secretCount: number }> {
  return new Map(
    ctx.inbox.listEndpoints().map((e) => [e.id, { label: e.label, secretCount: e.secretCount }]),
  );
}

/** Who reads, as envelopes show claims: this session, at the inbox's now. */
export function viewer(ctx: ToolContext): { session: string; now: number } {
  return { session: ctx.session, now: ctx.inbox.clock.now() };
}
