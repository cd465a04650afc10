import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../electron/core/inbox';
import { listAgents, startAgentHeartbeat } from '../../electron/mcp/agents';
import { startStdioServer } from '../../electron/mcp/stdio';
import { tempHome } from '../helpers/temp-home';

const inboxes: Inbox[] = [];
afterEach(() => {
  for (const inbox of inboxes.splice(0)) inbox.close();
});

function openInbox(): Inbox {
  const inbox = new Inbox({ home: tempHome() });
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
    const session = await startStdioServer({ inbox, input, output, log: () => {} });
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
    expect((await reply(2))?.result?.tools?.length).toBe(12);
    expect(listAgents(inbox).map((a) => [a.pid, a.client, a.clientVersion])).toEqual([
      [process.pid, 'cursor', '9'],
    ]);

    input.end();
    await session.closed;
    await session.close();
    expect(listAgents(inbox)).toEqual([]);
  });

  it('drops agent records whose process is gone', () => {
    const inbox = openInbox();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const record = { client: 'claude-desktop', clientVersion: '1', startedAt: 1, lastSeen: 2 };
    inbox.store.setSetting(`agent.${dead}`, { pid: dead, ...record }, 'agent.changed');
    inbox.store.setSetting('agent.garbage', { nope: true }, 'agent.changed');
    const beat = startAgentHeartbeat(inbox, () => ({ name: 'vscode', version: '1.99' }));
    beat.beat();
    expect(listAgents(inbox).map((a) => a.client)).toEqual(['vscode']);
    beat.stop();
    expect(listAgents(inbox)).toEqual([]);
  });
});
