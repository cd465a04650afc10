import { z } from 'zod';
import { isProcessAlive } from '../base/process-alive';
import type { AckRecord, EventPort, SettingsPort } from './ports';

/** Settings key prefix of connected-agent records (one per `hookline mcp` process). */
export const AGENT_KEY_PREFIX = 'agent.';

const agentSchema = z.object({
  pid: z.number().int(),
  client: z.string(),
  clientVersion: z.string(),
  startedAt: z.number(),
  lastSeen: z.number(),
});

/** A connected agent, as the GUI's Agents panel shows it. */
export type AgentInfo = z.infer<typeof agentSchema>;

/** A connected agent with the events it acked most recently. */
export interface AgentWithAcks extends AgentInfo {
  recentAcks: AckRecord[];
}

// The Agents panel shows a handful of recent acks per agent; more belongs in the event list's filter.
const RECENT_ACKS = 10;

/** The agents connected to this inbox, from the heartbeat records each `hookline mcp` keeps fresh. */
export class AgentRegistry {
  constructor(
    private readonly settings: SettingsPort,
    private readonly events: EventPort,
  ) {}

  /** The agents connected right now (records of dead processes are dropped), oldest first. */
  list(): AgentInfo[] {
    const out: AgentInfo[] = [];
    for (const { key, value } of this.settings.withPrefix(AGENT_KEY_PREFIX)) {
      const parsed = agentSchema.safeParse(value);
      // A process killed with SIGKILL cannot delete its record: a dead pid is no agent.
      if (
        parsed.success &&
        `${AGENT_KEY_PREFIX}${parsed.data.pid}` === key &&
        isProcessAlive(parsed.data.pid)
      ) {
        out.push(parsed.data);
      }
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Each connected agent with what it acked most recently (acks are recorded as `agent:<client>`). */
  listWithAcks(): AgentWithAcks[] {
    return this.list().map((a) => ({
      ...a,
      recentAcks: this.events.recentAcksBy(`agent:${a.client}`, RECENT_ACKS),
    }));
  }

  /** Writes (or refreshes) one agent's record. */
  record(agent: AgentInfo): void {
    this.settings.set(`${AGENT_KEY_PREFIX}${agent.pid}`, agent, 'agent.changed');
  }

  /** Removes one agent's record (on clean exit). */
  remove(pid: number): void {
    this.settings.delete(`${AGENT_KEY_PREFIX}${pid}`, 'agent.changed');
  }
}
