import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolRequest, CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

/** Turns the arguments of a call to an alias into the arguments of the tool it stands for. */
export type AliasArgs = (args: Record<string, unknown>) => Record<string, unknown>;

type Handler = (request: CallToolRequest, extra: unknown) => unknown;
type SetHandler = (schema: unknown, handler: Handler) => void;

/**
 * Accepts calls to `alias` as calls to `target` without listing the alias in tools/list: an alias
 * kept for compatibility (ack_event) should not cost every session the catalogue space of a tool.
 * Installs itself around the SDK's tools/call handler, so call this before registering any tool.
 */
export function acceptAlias(server: McpServer, alias: string, target: string, mapArgs: AliasArgs): void {
  const protocol = server.server;
  const original = protocol.setRequestHandler.bind(protocol) as unknown as SetHandler;
  const wrapped: SetHandler = (schema, handler) => {
    if (schema !== CallToolRequestSchema) return original(schema, handler);
    return original(schema, (request, extra) => {
      if (request.params.name !== alias) return handler(request, extra);
      const args = mapArgs(request.params.arguments ?? {});
      return handler({ ...request, params: { ...request.params, name: target, arguments: args } }, extra);
    });
  };
  protocol.setRequestHandler = wrapped as unknown as typeof protocol.setRequestHandler;
}
