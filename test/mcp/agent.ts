import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach } from 'vitest';
import { CLI } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

/** A `hookline mcp` process driven by the SDK's real client over a real stdio pipe. */
export interface Agent {
  client: Client;
  transport: StdioClientTransport;
  stderr(): string;
  /** Transport errors, e.g. a stdout line that is not JSON-RPC. */
  protocolErrors: Error[];
  /** Calls a tool that must succeed; returns its structuredContent. */
  call<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail; returns its error text. */
  fail(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

const open = new Set<Agent>();

afterEach(async () => {
  await Promise.all([...open].map((a) => a.close()));
  open.clear();
});

/** Spawns `node dist/cli.js mcp --port <port> --tunnel none` on a data directory and connects. */
export async function startAgent(home: string, port: number, name = 'test-agent'): Promise<Agent> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--port', String(port), '--tunnel', 'none'],
    env: { ...(process.env as Record<string, string>), HOOKLINE_HOME: home },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const protocolErrors: Error[] = [];
  const client = new Client({ name, version: '1.2.3' });
  await client.connect(transport);
  // connect() replaces onerror; record transport errors after it.
  const previous = transport.onerror;
  transport.onerror = (error) => {
    protocolErrors.push(error);
    previous?.(error);
  };
  const raw = async (toolName: string, args: Record<string, unknown>) =>
    (await client.callTool({ name: toolName, arguments: args })) as CallToolResult;
  const agent: Agent = {
    client,
    transport,
    stderr: () => stderr,
    protocolErrors,
    async call<T>(toolName: string, args: Record<string, unknown> = {}) {
      const result = await raw(toolName, args);
      if (result.isError) throw new Error(`${toolName} failed: ${JSON.stringify(result.content)}`);
      return result.structuredContent as T;
    },
    async fail(toolName: string, args: Record<string, unknown> = {}) {
      const result = await raw(toolName, args);
      if (!result.isError)
        throw new Error(`${toolName} should have failed: ${JSON.stringify(result.content)}`);
      const first = result.content[0];
      return first?.type === 'text' ? first.text : '';
    },
    close: async () => {
      open.delete(agent);
      await client.close().catch(() => {});
    },
  };
  open.add(agent);
  return agent;
}

/** Waits until the process at this port answers /healthz (the mcp process leads in the background). */
export async function waitForReceiver(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`Nothing answered on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An agent on a fresh data directory whose `hookline mcp` leads (its receiver answers on `port`):
 * what most agent tests start from.
 */
export async function startLeadingAgent(): Promise<{ agent: Agent; port: number; home: string }> {
  const home = tempHome();
  const port = await freePort();
  const agent = await startAgent(home, port);
  await waitForReceiver(port);
  return { agent, port, home };
}

/** POSTs a JSON body like a webhook sender would; returns the receiver's answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as { ok: boolean; event_id: string } };
}

/** The shape of one event in tool results (the fields tests read). */
export interface EventOut {
  event_id: string;
  seq: number;
  provider_event_type?: string | null;
  endpoint_label: string | null;
  status: 'pending' | 'acked';
  trusted: boolean;
  verification: { status: string };
  ack: { by: string | null; outcome: string | null; note: string | null } | null;
  headers?: [string, string][];
  body?: {
    encoding: string;
    json?: unknown;
    text?: string;
    base64?: string;
    truncated: boolean;
    size: number;
  };
}

/** poll_events / wait_for_events output. */
export interface PageOut {
  events: EventOut[];
  cursor: string | null;
  has_more: boolean;
  pending_count: number;
  quarantined: number;
  timed_out?: boolean;
}

/** register_webhook output. */
export interface WebhookOut {
  endpoint_id: string;
  label: string;
  url: string;
  url_kind: string;
  local_url: string;
  secret: string | null;
  created: boolean;
  receiving: boolean;
  verification_headers: string[];
}

/** Characters of text an agent reads from a result (what the result budget counts). */
export function resultChars(result: CallToolResult): number {
  return result.content.reduce(
    (n, c) => n + (c.type === 'text' ? c.text.length : JSON.stringify(c).length),
    0,
  );
}

/** Calls a tool that must succeed and returns the whole result (content and structuredContent). */
export async function callRaw(
  agent: Agent,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  const result = (await agent.client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result;
}
