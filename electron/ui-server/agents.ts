import type { ApiAgent, ApiMcpSnippet } from '../../shared/api';
import type { Inbox } from '../core/inbox';
import { mcpConfig } from '../mcp/mcp-config';

/** Connected agents (from their MCP heartbeats), each with the events it acked most recently. */
export function agentsWithAcks(inbox: Inbox): ApiAgent[] {
  return inbox.agents.listWithAcks().map((a) => ({
    key: `${a.pid}`,
    pid: a.pid,
    client: a.client,
    clientVersion: a.clientVersion,
    startedAt: a.startedAt,
    lastSeen: a.lastSeen,
    connected: true,
    recentAcks: a.recentAcks,
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
