import { realpathSync } from 'node:fs';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import type { LeaderService } from '../core/leader-service';
import { probeHealth } from '../receiver/health-probe';
import { type Receiver, type ReceiverOptions, startReceiver } from '../receiver/server';

/** How the core runs. */
export interface LeadershipOptions extends Omit<ReceiverOptions, 'inbox' | 'port'> {
  port: number;
  services?: LeaderService[];
  /** How often a follower tries to take the port (default 2 s). */
  takeoverIntervalMs?: number;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

/**
 * Leader/follower by the receiver port: whoever binds it receives, tunnels and forwards;
 * others on the same data directory follow (store, UI, MCP) and keep trying to take over.
 */
export class Leadership {
  role: 'leader' | 'follower' = 'follower';
  receiver: Receiver | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly listeners = new Set<(role: 'leader' | 'follower') => void>();

  private constructor(
    readonly inbox: Inbox,
    private readonly options: LeadershipOptions,
  ) {}

  /** Starts as leader, or as follower when another Hookline on this data directory holds the port. */
  static async start(inbox: Inbox, options: LeadershipOptions): Promise<Leadership> {
    const core = new Leadership(inbox, options);
    const led = await core.tryLead();
    if (!led) {
      const other = await probeHealth(options.port);
      if (!other) {
        throw new InboxError(
          'unavailable',
          `Port ${options.port} is in use by another program; pass --port to use another`,
        );
      }
      if (!samePath(other.home, inbox.home)) {
        throw new InboxError(
          'unavailable',
          `Port ${options.port} is used by another Hookline with data directory ${other.home}; pass --port to use another, or set HOOKLINE_HOME=${other.home} to share its inbox`,
        );
      }
      core.follow();
    }
    return core;
  }

  /** Called whenever the role changes (a follower becoming leader). */
  onRoleChange(listener: (role: 'leader' | 'follower') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async tryLead(): Promise<boolean> {
    try {
      this.receiver = await startReceiver({ ...this.options, inbox: this.inbox, port: this.options.port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
      throw error;
    }
    if (this.stopped) {
      await this.receiver.close();
      return false;
    }
    this.role = 'leader';
    this.inbox.facts.writeLeader(process.pid, this.receiver.port);
    for (const service of this.options.services ?? []) {
      try {
        await service.start({ inbox: this.inbox, receiverPort: this.receiver.port });
      } catch (error) {
        // A failing extra (tunnel, forwarder) must not stop local capture.
        this.inbox.log.warn(`${service.name} failed to start`, { error });
      }
    }
    for (const listener of this.listeners) listener('leader');
    return true;
  }

  private follow(): void {
    this.role = 'follower';
    const interval = this.options.takeoverIntervalMs ?? 2_000;
    const attempt = async () => {
      this.timer = null;
      if (this.stopped) return;
      if (await this.tryLead()) {
        this.inbox.log.info(`took over the receiver port ${this.receiver?.port}: now receiving`);
        return;
      }
      if (!this.stopped) this.timer = setTimeout(attempt, interval);
    };
    this.timer = setTimeout(attempt, interval);
  }

  /** The receiver port (leader) or the configured one (follower). */
  get port(): number {
    return this.receiver?.port ?? this.options.port;
  }

  /** Stops services and the receiver, clears the leader record. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.role === 'leader') {
      for (const service of [...(this.options.services ?? [])].reverse()) {
        try {
          await service.stop();
        } catch (error) {
          this.inbox.log.warn(`${service.name} failed to stop`, { error });
        }
      }
      await this.receiver?.close();
      this.inbox.facts.clearLeader(process.pid);
    }
  }
}
