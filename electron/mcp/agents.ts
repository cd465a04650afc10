import type { AgentInfo } from '../core/agent-registry';
import type { Inbox } from '../core/inbox';

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
    inbox.agents.record(record);
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
      inbox.agents.remove(process.pid);
    },
  };
}
