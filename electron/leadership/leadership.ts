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
  /** How often a follower tries to take over (default 2 s). */
  takeoverIntervalMs?: number;
  /**
   * The port was asked for explicitly (`--port N`): following a leader that receives on another
   * port would leave the user waiting on a port nobody listens to, so that is an error instead.
   */
  strictPort?: boolean;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

/**
 * One leader per data directory: the process holding the inbox's lease (a row in the store, taken in
 * one exclusive transaction) binds the receiver port and runs the tunnel, forwarding and retention.
 * Others on the same data directory follow (store, UI, MCP) and take over when the leader is gone.
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

  /** Starts as leader, or as follower when another live Hookline leads this data directory. */
  static async start(inbox: Inbox, options: LeadershipOptions): Promise<Leadership> {
    const core = new Leadership(inbox, options);
    const holder = inbox.facts.claimLease(process.pid, options.port);
    if (holder) {
      const receiving = inbox.runtime().receiverPort ?? holder.port;
      if (options.strictPort && options.port !== 0 && receiving !== options.port) {
        throw new InboxError(
          'unavailable',
          `Another Hookline (pid ${holder.pid}) already receives for this inbox on port ${receiving}; leave out --port to share it, stop that process first, or set HOOKLINE_HOME to use another inbox`,
          { field: 'port' },
        );
      }
      inbox.log.info(`following the Hookline (pid ${holder.pid}) that receives on port ${receiving}`);
      core.follow();
      return core;
    }
    try {
      await core.lead();
    } catch (error) {
      inbox.facts.releaseLease(process.pid);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw await portTakenError(options.port, inbox);
      throw error;
    }
    return core;
  }

  /** Called whenever the role changes (a follower becoming leader). */
  onRoleChange(listener: (role: 'leader' | 'follower') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Binds the receiver port (the lease is already ours) and starts the leader's services. */
  private async lead(): Promise<void> {
    const receiver = await startReceiver({ ...this.options, inbox: this.inbox, port: this.options.port });
    if (this.stopped) {
      await receiver.close();
      this.inbox.facts.releaseLease(process.pid);
      return;
    }
    this.receiver = receiver;
    this.role = 'leader';
    this.inbox.facts.writeLeader(process.pid, receiver.port);
    for (const service of this.options.services ?? []) {
      try {
        await service.start({ inbox: this.inbox, receiverPort: receiver.port });
      } catch (error) {
        // A failing extra (tunnel, forwarder) must not stop local capture.
        this.inbox.log.warn(`${service.name} failed to start`, { error });
      }
    }
    for (const listener of this.listeners) listener('leader');
  }

  private follow(): void {
    this.role = 'follower';
    const interval = this.options.takeoverIntervalMs ?? 2_000;
    const attempt = async () => {
      this.timer = null;
      if (this.stopped) return;
      if (this.inbox.facts.claimLease(process.pid, this.options.port) === null) {
        try {
          await this.lead();
          if (this.role === 'leader') {
            this.inbox.log.info(`took over receiving for this inbox on port ${this.receiver?.port}`);
            return;
          }
        } catch (error) {
          // The old leader's port may linger a moment, or another program took it: try again later.
          this.inbox.facts.releaseLease(process.pid);
          this.inbox.log.warn(`could not take over receiving on port ${this.options.port}`, { error });
        }
      }
      if (!this.stopped) this.timer = setTimeout(attempt, interval);
    };
    this.timer = setTimeout(attempt, interval);
  }

  /** The receiver port (leader) or the configured one (follower). */
  get port(): number {
    return this.receiver?.port ?? this.options.port;
  }

  /** Stops services and the receiver, clears the leader record and gives up the lease. */
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
      this.inbox.facts.releaseLease(process.pid);
    }
  }
}

/** Says who holds a port this process leads for but cannot bind. */
async function portTakenError(port: number, inbox: Inbox): Promise<InboxError> {
  const other = await probeHealth(port);
  if (other && !samePath(other.home, inbox.home)) {
    return new InboxError(
      'unavailable',
      `Port ${port} is used by another Hookline with data directory ${other.home}; pass --port to use another, or set HOOKLINE_HOME=${other.home} to share its inbox`,
      { field: 'port' },
    );
  }
  return new InboxError(
    'unavailable',
    `Port ${port} is in use by another program; pass --port to use another`,
    {
      field: 'port',
    },
  );
}
