import type { ApiAgent, ApiMcpSnippet } from '../../../shared/api';
import { call } from '../api/client';
import type { Slice } from './types';

/** Connected agents and the MCP snippets to connect more. */
export interface AgentsSlice {
  agents: ApiAgent[];
  snippets: ApiMcpSnippet[];
  loadAgents(): Promise<void>;
}

/** Creates the agents slice. */
export const createAgentsSlice: Slice<AgentsSlice> = (set, get) => ({
  agents: [],
  snippets: [],
  loadAgents: async () => {
    try {
      const { agents, snippets } = await call('agents.list', {});
      set({ agents, snippets });
    } catch (error) {
      get().toastError(error);
    }
  },
});
