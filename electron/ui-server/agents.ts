import type { ApiAgent, ApiMcpSnippet } from '../../shared/api';
import type { AckOutcome } from '../../shared/types';
import { mcpConfig } from '../mcp/mcp-config';
import type { Inbox } from '../core/inbox';
import { listAgents } from '../mcp/agents';

interface AckRow {
  id: string;
  acked_at: number;
  ack_outcome: string | null;
}

function isOutcome(v: string | null): v is AckOutcome {
  return v === 'done' || v === 'ignored' || v === 'failed';
}

/** Connected agents (from their MCP heartbeats), each with the events it acked most recently. */
export function agentsWithAcks(inbox: Inbox): ApiAgent[] {
  // EventRepo has no "acked by" filter; this read-only query is the one place the UI needs it.
  const acks = inbox.store.db.prepare<[string], AckRow>(
    'SELECT id, acked_at, ack_outcome FROM events WHERE acked_by = ? ORDER BY acked_at DESC LIMIT 10',
  );
  return listAgents(inbox).map((a) => ({
    key: `${a.pid}`,
    pid: a.pid,
    client: a.client,
    clientVersion: a.clientVersion,
    startedAt: a.startedAt,
    lastSeen: a.lastSeen,
    connected: true,
    recentAcks: acks.all(`agent:${a.client}`).map((r) => ({
      eventId: r.id,
      ackedAt: r.acked_at,
      outcome: isOutcome(r.ack_outcome) ? r.ack_outcome : null,
    })),
  }));
}

const TITLES = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
} as const;

/** The same MCP snippets `hookline mcp-config` prints, for this inbox's data directory. */
export function mcpSnippets(inbox: Inbox): ApiMcpSnippet[] {
  const env = { ...process.env, HOOKLINE_HOME: inbox.home };
  return (Object.keys(TITLES) as Array<keyof typeof TITLES>).map((client) => {
    const c = mcpConfig(client, env);
    return {
      client,
      title: TITLES[client],
      where: `${c.file} — ${c.hint}`,
      text: JSON.stringify(c.config, null, 2),
    };
  });
}
