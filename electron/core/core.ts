import { type Receiver, type ReceiverOptions, startReceiver } from '../receiver/server';
import { InboxError } from './errors';
import { probeHealth } from './health-probe';
import type { Inbox } from './inbox';
import { clearLeader, writeLeader } from './runtime';

/** Something only the leader runs (tunnel, auto-forwarding, retention). */
export interface LeaderService {
  name: string;
  start(ctx: { inbox: Inbox; receiverPort: number }): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** How the core runs. */
export interface CoreOptions extends Omit<ReceiverOptions, 'inbox' | 'port'> {
  port: number;
  services?: LeaderService[];
  /** How often a follower tries to take the port (default 2 s). */
  takeoverIntervalMs?: number;
  log?: (line: string) => void;
}

/**
 * Leader/follower by the receiver port: whoever binds it receives, tunnels and forwards;
 * others on the same data directory follow (store, UI, MCP) and keep trying to take over.
 */
export class Core {
  role: 'leader' | 'follower' = 'follower';
  receiver: Receiver | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly listeners = new Set<(role: 'leader' | 'follower') => void>();

  private constructor(
    readonly inbox: Inbox,
    private readonly options: CoreOptions,
  ) {}

  /** Starts as leader, or as follower when another Hookline on this data directory holds the port. */
  static async start(inbox: Inbox, options: CoreOptions): Promise<Core> {
    const core = new Core(inbox, options);
    const led = await core.tryLead();
    if (!led) {
      const other = await probeHealth(options.port);
      if (!other) {
        throw new InboxError(
          'unavailable',
          `Port ${options.port} is in use by another program; pass --port to use another`,
        );
      }
      if (other.dataDirId !== inbox.dataDirId()) {
        throw new InboxError(
          'unavailable',
          `Port ${options.port} is used by another Hookline with a different data directory; pass --port to use another, or run with that Hookline's HOOKLINE_HOME to share its inbox`,
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

  private log(line: string): void {
    (this.options.log ?? ((l: string) => console.error(l)))(line);
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
    writeLeader(this.inbox.store, process.pid, this.receiver.port);
    this.inbox.feed.poke();
    for (const service of this.options.services ?? []) {
      try {
        await service.start({ inbox: this.inbox, receiverPort: this.receiver.port });
      } catch (error) {
        // A failing extra (tunnel, forwarder) must not stop local capture.
        this.log(
          `[hookline] ${service.name} failed to start: ${error instanceof Error ? error.message : String(error)}`,
        );
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
        this.log(`[hookline] took over the receiver port ${this.receiver?.port}: now receiving`);
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
          this.log(`[hookline] ${service.name} failed to stop: ${String(error)}`);
        }
      }
      await this.receiver?.close();
      clearLeader(this.inbox.store, process.pid);
      this.inbox.feed.poke();
    }
  }
}
