import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';
import { startAgent } from './agent';

interface JsonSchema {
  type?: string;
  properties?: Record<
    string,
    JsonSchema & { minimum?: number; maximum?: number; default?: unknown; enum?: string[] }
  >;
  required?: string[];
  minItems?: number;
  maxItems?: number;
  description?: string;
}

const TOOLS = [
  'register_webhook',
  'list_webhooks',
  'update_webhook',
  'unregister_webhook',
  'poll_events',
  'wait_for_events',
  'get_event',
  'ack_events',
  'unack_events',
  'release_events',
  'reverify_events',
  'replay_event',
  'search_events',
  'get_inbox_status',
  'trigger_event',
];

describe('hookline mcp: tool catalogue and client config', () => {
  it('lists every tool with a title, a model-facing description, input and output schemas, and annotations', async () => {
    const agent = await startAgent(tempHome(), await freePort());
    const { tools } = await agent.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/\w/);
      expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      // Every hint the spec reads is stated; readOnlyHint false is its default, and destructive and
      // idempotent hints mean something only for tools that write.
      const a = tool.annotations ?? {};
      expect(typeof a.openWorldHint, `${tool.name}.openWorldHint`).toBe('boolean');
      if (a.readOnlyHint === true) {
        expect(a.destructiveHint, tool.name).toBeUndefined();
      } else {
        expect(a.readOnlyHint, `${tool.name}.readOnlyHint`).toBeUndefined();
        expect(typeof a.destructiveHint, `${tool.name}.destructiveHint`).toBe('boolean');
        expect(typeof a.idempotentHint, `${tool.name}.idempotentHint`).toBe('boolean');
      }
      for (const [name, prop] of Object.entries((tool.inputSchema as JsonSchema).properties ?? {})) {
        expect(prop.description, `${tool.name}.${name} has a description`).toMatch(/\w/);
      }
    }
    // The catalogue is read every session: it stays small (issue 13 measured 33,195 characters).
    expect(JSON.stringify({ tools }).length).toBeLessThan(15_000);
    const byName = new Map(tools.map((t) => [t.name, t]));
    const poll = byName.get('poll_events')?.inputSchema as JsonSchema;
    // The bound is told in words (errors.test.ts: 101 is refused, naming `limit`).
    expect(poll.properties?.limit).toMatchObject({ default: 20, description: 'Most events, ≤100' });
    expect(poll.properties?.status).toMatchObject({
      enum: ['pending', 'acked', 'failed', 'all'],
      default: 'pending',
    });
    expect(poll.properties?.detail?.enum).toEqual(['summary', 'full']);
    const pollOut = byName.get('poll_events')?.outputSchema as JsonSchema;
    expect(pollOut.required).toEqual(
      expect.arrayContaining(['events', 'cursor', 'has_more', 'pending_count', 'quarantined']),
    );
    const wait = byName.get('wait_for_events')?.inputSchema as JsonSchema;
    expect(wait.properties?.timeout_seconds).toMatchObject({ minimum: 1, maximum: 50, default: 20 });
    const ack = byName.get('ack_events')?.inputSchema as JsonSchema;
    // The batch bound is told in words; the schema's minItems/maxItems stay out of the catalogue.
    expect(ack.properties?.event_ids).toMatchObject({
      type: 'array',
      description: expect.stringMatching(/100/),
    });
    expect(ack.required).toEqual(['event_ids']);
    expect(byName.get('get_event')?.inputSchema.required).toEqual(['event_id']);
    expect(byName.get('register_webhook')?.inputSchema.required).toEqual(['label']);
    expect(byName.get('unregister_webhook')?.annotations?.destructiveHint).toBe(true);
    expect(byName.get('poll_events')?.annotations?.readOnlyHint).toBe(true);
    expect(byName.get('replay_event')?.annotations?.openWorldHint).toBe(true);
  });

  it('prints each client’s config with absolute node and cli paths and HOOKLINE_HOME', () => {
    const home = tempHome();
    const desktop = runCli(home, ['mcp-config', 'claude-desktop']);
    expect(desktop.code).toBe(0);
    const config = JSON.parse(desktop.stdout) as {
      mcpServers: { hookline: { command: string; args: string[]; env: Record<string, string> } };
    };
    expect(config.mcpServers.hookline).toEqual({
      command: process.execPath,
      args: [CLI, 'mcp'],
      env: { HOOKLINE_HOME: home },
    });
    expect(desktop.stderr).toContain('claude_desktop_config.json');

    const vscode = JSON.parse(runCli(home, ['mcp-config', 'vscode']).stdout) as {
      servers: { hookline: { type: string } };
    };
    expect(vscode.servers.hookline.type).toBe('stdio');
    for (const client of ['claude-code', 'cursor']) {
      const r = runCli(home, ['mcp-config', client, '--json']);
      expect(r.code, client).toBe(0);
      const out = JSON.parse(r.stdout) as {
        client: string;
        config: { mcpServers: { hookline: { args: string[] } } };
      };
      expect(out.client).toBe(client);
      expect(out.config.mcpServers.hookline.args).toEqual([CLI, 'mcp']);
    }
    const bad = runCli(home, ['mcp-config', 'emacs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('claude-desktop, claude-code, cursor, vscode');
    expect(runCli(home, ['mcp', '--help']).stdout).toContain('stdio');
  });
});
