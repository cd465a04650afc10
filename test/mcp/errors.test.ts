import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { type WebhookOut, postJson, startAgent, startLeadingAgent, waitForReceiver } from './agent';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('hookline mcp: bad input and protocol hygiene', () => {
  it('answers bad tool input with isError results and keeps running', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'plain', secret: null });
    const sent = await postJson(hook.url, 'not json at all');

    expect(await agent.fail('poll_events', { endpoint: 'nope' })).toMatch(
      /Endpoint "nope" not found.*list_webhooks/,
    );
    expect(await agent.fail('poll_events', { limit: 0 })).toMatch(/limit/);
    expect(await agent.fail('poll_events', { limit: 101 })).toMatch(/limit/);
    expect(await agent.fail('poll_events', { cursor: 'abc' })).toMatch(/Invalid cursor "abc"/);
    expect(await agent.fail('get_event', { event_id: 'not-an-id' })).toMatch(/evt_/);
    expect(await agent.fail('get_event', { event_id: 'evt_0000000000000000000000' })).toMatch(/not found/);
    expect(await agent.fail('ack_events', { event_ids: [] })).toMatch(/event_ids/);
    expect(await agent.fail('ack_events', { event_ids: ['bad id'] })).toMatch(/evt_/);
    expect(await agent.fail('register_webhook', { label: 'x', provider: 'acme', secret: null })).toMatch(
      /Unknown provider "acme"/,
    );
    expect(await agent.fail('register_webhook', { label: '!!', secret: null })).toMatch(/Invalid label/);
    expect(await agent.fail('unregister_webhook', {})).toMatch(/endpoint_id or label/);
    expect(await agent.fail('wait_for_events', { timeout_seconds: 51 })).toMatch(/timeout_seconds/);
    expect(await agent.fail('get_event', { event_id: sent.json.event_id, json_pointer: '/a' })).toMatch(
      /no JSON body/,
    );
    expect(await agent.fail('replay_event', { event_id: sent.json.event_id })).toMatch(/target/i);

    const text = await agent.call<{ event: { body: { encoding: string; text: string } } }>('get_event', {
      event_id: sent.json.event_id,
    });
    expect(text.event.body).toMatchObject({ encoding: 'text', text: 'not json at all' });
    const list = await agent.call<{ webhooks: unknown[] }>('list_webhooks');
    expect(list.webhooks).toHaveLength(1);
    expect(agent.protocolErrors).toEqual([]);
  });

  it('keeps serving the inbox when another program holds the receiver port', async () => {
    const blocker = createServer((_req, res) => res.end('not hookline'));
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const agent = await startAgent(tempHome(), port);
      type Status = {
        this_process: { role: string; error: string | null };
        receiver: { receiving: boolean };
      };
      let status = await agent.call<Status>('get_inbox_status');
      for (let i = 0; i < 100 && status.this_process.role === 'starting'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await agent.call<Status>('get_inbox_status');
      }
      expect(status.this_process.role).toBe('detached');
      expect(status.this_process.error).toContain(`Port ${port} is in use`);
      expect(status.receiver.receiving).toBe(false);
      const hook = await agent.call<WebhookOut>('register_webhook', { label: 'offline', secret: null });
      expect(hook.receiving).toBe(false);
      expect(agent.stderr()).toContain('--port');
    } finally {
      blocker.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout and exits cleanly when stdin closes', async () => {
    const home = tempHome();
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'mcp', '--port', String(port), '--tunnel', 'none'], {
      env: { ...process.env, HOOKLINE_HOME: home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const send = (msg: object) => child.stdin?.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
    const responses = () =>
      stdout
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as { jsonrpc: string; id?: number; result?: unknown; error?: unknown });
    const answered = async (id: number) => {
      for (let i = 0; i < 200 && !responses().some((r) => r.id === id); i++)
        await new Promise((r) => setTimeout(r, 50));
      return responses().find((r) => r.id === id);
    };
    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    expect(await answered(1)).toMatchObject({ result: { serverInfo: { name: 'hookline' } } });
    send({ method: 'notifications/initialized' });
    send({
      id: 2,
      method: 'tools/call',
      params: { name: 'register_webhook', arguments: { label: 'raw', secret: null } },
    });
    send({ id: 3, method: 'tools/call', params: { name: 'poll_events', arguments: { limit: 'lots' } } });
    send({ id: 4, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } });
    send({ id: 5, method: 'no/such/method' });
    expect(await answered(2)).toMatchObject({ result: { structuredContent: { label: 'raw' } } });
    expect(await answered(3)).toMatchObject({ result: { isError: true } });
    expect(await answered(4)).toBeDefined();
    expect(await answered(5)).toMatchObject({ error: { code: -32601 } });
    await waitForReceiver(port);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin?.end();
    expect(await exited).toBe(0);
    // Every stdout line parses as JSON-RPC 2.0.
    for (const line of stdout.split('\n').filter((l) => l.length > 0)) {
      expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    }
    expect(stderr).toContain('receiving on port');
    // The agent record (for the app's Agents panel) and the leader record are gone.
    const db = new Database(join(home, 'hookline.db'), { readonly: true });
    const keys = db
      .prepare("SELECT key FROM settings WHERE key LIKE 'agent.%' OR key = 'runtime.leader'")
      .all();
    db.close();
    expect(keys).toEqual([]);
  });
});
