import { z } from 'zod';
import type { Inbox } from '../core/inbox';
import { isProcessAlive } from '../base/process-alive';

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

/** The agents connected to this inbox right now (records of dead processes are dropped). */
export function listAgents(inbox: Inbox): AgentInfo[] {
  const out: AgentInfo[] = [];
  for (const { key, value } of inbox.store.settings.withPrefix(AGENT_KEY_PREFIX)) {
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

/** A running heartbeat; `stop` deletes the record. */
export interface AgentHeartbeat {
  /** Writes the record now (e.g. once the client has said who it is). */
  beat(): void;
  stop(): void;
}

/** Keeps this process's agent record fresh (every 10 s) so the GUI can list connected agents. */
export function startAgentHeartbeat(
  inbox: Inbox,
  client: () => { name: string; version: string },
  intervalMs = 10_000,
): AgentHeartbeat {
  const key = `${AGENT_KEY_PREFIX}${process.pid}`;
  const startedAt = inbox.clock.now();
  const beat = () => {
    const { name, version } = client();
    const record: AgentInfo = {
      pid: process.pid,
      client: name,
      clientVersion: version,
      startedAt,
      lastSeen: inbox.clock.now(),
    };
    inbox.store.setSetting(key, record, 'agent.changed');
    inbox.feed.poke();
  };
  const timer = setInterval(() => {
    try {
      beat();
    } catch {
      // A busy or closing database: the next beat tries again.
    }
  }, intervalMs);
  timer.unref();
  return {
    beat,
    stop: () => {
      clearInterval(timer);
      inbox.store.deleteSetting(key, 'agent.changed');
    },
  };
}
