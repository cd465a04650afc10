import { z } from 'zod';
import type { ApiAgent } from '../../shared/api';
import type { AckOutcome } from '../../shared/types';
import type { Inbox } from '../core/inbox';
import { isProcessAlive } from '../core/process-alive';

/** Settings prefix under which each `hookline mcp` process records its heartbeat. */
export const AGENT_PREFIX = 'agent.';

// An MCP process beats every few seconds; a minute of silence means it is gone even if the pid was reused.
const STALE_MS = 60_000;

const heartbeat = z.object({
  pid: z.number().int().nullable().optional(),
  client: z.string().optional(),
  clientVersion: z.string().nullable().optional(),
  startedAt: z.number().nullable().optional(),
  lastSeen: z.number().nullable().optional(),
});

interface AckRow {
  id: string;
  acked_at: number;
  ack_outcome: string | null;
}

function isOutcome(v: string | null): v is AckOutcome {
  return v === 'done' || v === 'ignored' || v === 'failed';
}

/**
 * Agents from their heartbeat rows (until electron/mcp/agents.ts lands, this reads them directly),
 * each with the events it acked most recently.
 */
export function listAgents(inbox: Inbox, now: number): ApiAgent[] {
  // EventRepo has no "acked by" filter; this read-only query is the one place the UI needs it.
  const acks = inbox.store.db.prepare<[string], AckRow>(
    'SELECT id, acked_at, ack_outcome FROM events WHERE acked_by = ? ORDER BY acked_at DESC LIMIT 10',
  );
  const agents: ApiAgent[] = [];
  for (const { key, value } of inbox.store.settings.withPrefix(AGENT_PREFIX)) {
    const parsed = heartbeat.safeParse(value);
    if (!parsed.success) continue;
    const hb = parsed.data;
    const client = hb.client ?? key.slice(AGENT_PREFIX.length);
    const pid = hb.pid ?? null;
    const lastSeen = hb.lastSeen ?? null;
    const connected = pid !== null && isProcessAlive(pid) && lastSeen !== null && now - lastSeen < STALE_MS;
    agents.push({
      key,
      pid,
      client,
      clientVersion: hb.clientVersion ?? null,
      startedAt: hb.startedAt ?? null,
      lastSeen,
      connected,
      recentAcks: acks.all(`agent:${client}`).map((r) => ({
        eventId: r.id,
        ackedAt: r.acked_at,
        outcome: isOutcome(r.ack_outcome) ? r.ack_outcome : null,
      })),
    });
  }
  return agents.sort(
    (a, b) => Number(b.connected) - Number(a.connected) || (b.lastSeen ?? 0) - (a.lastSeen ?? 0),
  );
}
