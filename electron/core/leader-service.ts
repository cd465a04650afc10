import type { Inbox } from './inbox';

/**
 * Work only the leader does (tunnel, auto-forwarding, retention, checkpoints): started when this
 * process takes the receiver port, stopped when it lets go. Declared in the core so services in
 * lower floors (delivery, tunnel) need not know how leadership is won.
 */
export interface LeaderService {
  name: string;
  start(ctx: { inbox: Inbox; receiverPort: number }): Promise<void> | void;
  stop(): Promise<void> | void;
}
