import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { silentLogger } from '../../electron/base/logger';
import type { Inbox } from '../../electron/core/inbox';
import { startAgentHeartbeat } from '../../electron/mcp/agents';
import { startStdioServer } from '../../electron/mcp/stdio';
import { SqliteStore } from '../../electron/store/store';
import { tempHome } from '../helpers/temp-home';

const inboxes: Inbox[] = [];
afterEach(() => {
  for (const inbox of inboxes.splice(0)) inbox.close();
});

function openInbox(): Inbox {
  const inbox = openLocalInbox({ home: tempHome() });
  inboxes.push(inbox);
  return inbox;
}

describe('MCP server in-process (own streams) and the agents registry', () => {
  it('serves MCP over streams it is given, records the agent, and closes when input ends', async () => {
    const inbox = openInbox();
    const input = new PassThrough();
    const output = new PassThrough();
    const lines: { id?: number; result?: { tools?: { name: string }[] } }[] = [];
    let buffer = '';
    output.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        lines.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    });
    const session = await startStdioServer({ inbox, input, output, log: silentLogger });
    const send = (msg: object) => input.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
    const reply = async (id: number) => {
      for (let i = 0; i < 100 && !lines.some((l) => l.id === id); i++)
        await new Promise((r) => setTimeout(r, 10));
      return lines.find((l) => l.id === id);
    };
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'cursor', version: '9' },
      },
    });
    await reply(1);
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list' });
    expect((await reply(2))?.result?.tools?.length).toBe(15);
    expect(inbox.agents.list().map((a) => [a.pid, a.client, a.clientVersion])).toEqual([
      [process.pid, 'cursor', '9'],
    ]);

    input.end();
    await session.closed;
    await session.close();
    expect(inbox.agents.list()).toEqual([]);
  });

  it('drops agent records whose process is gone', async () => {
    const inbox = openInbox();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const record = { client: 'claude-desktop', clientVersion: '1', startedAt: 1, lastSeen: 2 };
    // Records as a crashed agent, and something else, left them (written beside the facade, as another process would).
    const other = new SqliteStore(inbox.home);
    other.settings.set(`agent.${dead}`, { pid: dead, ...record }, 'agent.changed');
    other.settings.set('agent.garbage', { nope: true }, 'agent.changed');
    other.maintenance.close();
    const beat = startAgentHeartbeat(inbox, () => ({ name: 'vscode', version: '1.99' }));
    beat.beat();
    expect(inbox.agents.list().map((a) => a.client)).toEqual(['vscode']);
    beat.stop();
    expect(inbox.agents.list()).toEqual([]);
  });
});
