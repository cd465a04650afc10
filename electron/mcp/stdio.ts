import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { startAgentHeartbeat } from './agents';
import { type McpDeps, createServer } from './server';

/** A connected MCP session. */
export interface McpSession {
  /** Resolves when the client closes its end (stdin ends) or the transport closes. */
  closed: Promise<void>;
  /** Closes the transport, removes this agent's record and stops listeners. */
  close(): Promise<void>;
}

/** Where the session talks: the process's stdio by default; tests pass their own streams. */
export interface StdioOptions extends McpDeps {
  input?: Readable;
  output?: Writable;
}

/**
 * Serves MCP over a pair of streams. Only protocol messages are written to `output`; the agent
 * record (for the app's Agents panel) is written once the client says who it is, and kept fresh.
 */
export async function startStdioServer(options: StdioOptions): Promise<McpSession> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const mcp = createServer(options);
  const heartbeat = startAgentHeartbeat(options.inbox, mcp.client);
  mcp.server.server.oninitialized = () => heartbeat.beat();
  const transport = new StdioServerTransport(input, output);
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  transport.onclose = () => resolveClosed();
  // The SDK transport does not watch for end-of-input; a client closing our stdin means the session is over.
  input.once('end', () => resolveClosed());
  input.once('close', () => resolveClosed());
  await mcp.server.connect(transport);
  let closing: Promise<void> | null = null;
  return {
    closed,
    close: () => {
      closing ??= (async () => {
        try {
          heartbeat.stop();
        } catch {
          // The database is already closed: listAgents drops records of dead processes anyway.
        }
        await mcp.dispose();
        await mcp.server.close();
        resolveClosed();
      })();
      return closing;
    },
  };
}
