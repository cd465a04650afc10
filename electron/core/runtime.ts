import type { RelayStatus, RuntimeInfo, TunnelStatus } from '../../shared/types';
import { isProcessAlive } from '../base/process-alive';
import type { SettingsPort } from './ports';

/** Settings keys of runtime facts written by the leader and read by every process. */
export const RUNTIME_KEYS = {
  leader: 'runtime.leader',
  tunnel: 'runtime.tunnel',
  ui: 'runtime.ui',
  lease: 'runtime.lease',
  subdomain: 'tunnel.subdomain',
  forwardMaxAge: 'runtime.forward-max-age',
  relay: 'runtime.relay',
} as const;

/** Who holds the leadership of this data directory, and the receiver port it asked for. */
export interface LeaseHolder {
  pid: number;
  port: number;
}

function isLeaseHolder(v: unknown): v is LeaseHolder {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.pid === 'number' && typeof o.port === 'number';
}

interface LeaderFact {
  pid: number;
  port: number;
  localBaseUrl: string;
}

const OFF_TUNNEL: TunnelStatus = { kind: 'none', state: 'off', publicUrl: null, lastError: null, since: 0 };

function isLeaderFact(v: unknown): v is LeaderFact {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.pid === 'number' && typeof o.port === 'number' && typeof o.localBaseUrl === 'string';
}

function isRelayStatus(v: unknown): v is RelayStatus {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.url === 'string' && typeof o.state === 'string' && typeof o.cursor === 'number';
}

function isTunnelStatus(v: unknown): v is TunnelStatus {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.kind === 'string' && typeof o.state === 'string' && typeof o.since === 'number';
}

/**
 * Runtime facts every process shares through the store: who leads (pid, receiver port), the tunnel,
 * the UI's address, the tunnel subdomain kept per data directory. Each write announces itself.
 */
export class RuntimeFacts {
  constructor(private readonly settings: SettingsPort) {}

  /** The facts as every process sees them now. */
  read(): RuntimeInfo {
    const leader = this.settings.get(RUNTIME_KEYS.leader);
    const tunnel = this.settings.get(RUNTIME_KEYS.tunnel);
    const ui = this.settings.get(RUNTIME_KEYS.ui);
    const relay = this.settings.get(RUNTIME_KEYS.relay);
    // A leader killed with SIGKILL leaves its record behind: a dead pid is no leader.
    const lf = isLeaderFact(leader) && isProcessAlive(leader.pid) ? leader : null;
    return {
      leaderPid: lf?.pid ?? null,
      receiverPort: lf?.port ?? null,
      localBaseUrl: lf?.localBaseUrl ?? null,
      tunnel: lf && isTunnelStatus(tunnel) ? tunnel : OFF_TUNNEL,
      uiUrl: typeof ui === 'string' ? ui : null,
      // The mirror runs in the leader: without a live leader nobody follows the relay.
      relay: lf && isRelayStatus(relay) ? relay : null,
    };
  }

  /**
   * Takes the leadership of this data directory for `pid` unless a live process holds it: one
   * leader per inbox, whatever port each process was asked to use. Returns null when `pid` now
   * holds it, else the holder. A crashed leader's lease (a dead pid) is taken over.
   */
  claimLease(pid: number, port: number): LeaseHolder | null {
    let holder: LeaseHolder | null = null;
    const won = this.settings.claim(RUNTIME_KEYS.lease, { pid, port }, 'runtime.changed', (current) => {
      if (!isLeaseHolder(current) || current.pid === pid || !isProcessAlive(current.pid)) return true;
      holder = current;
      return false;
    });
    return won ? null : holder;
  }

  /** Gives the leadership up if `pid` holds it (on clean exit, or when it could not receive). */
  releaseLease(pid: number): void {
    const current = this.settings.get(RUNTIME_KEYS.lease);
    if (isLeaseHolder(current) && current.pid === pid)
      this.settings.delete(RUNTIME_KEYS.lease, 'runtime.changed');
  }

  /** Records this process as the leader holding the receiver port. */
  writeLeader(pid: number, port: number): void {
    const fact: LeaderFact = { pid, port, localBaseUrl: `http://127.0.0.1:${port}` };
    this.settings.set(RUNTIME_KEYS.leader, fact, 'runtime.changed');
  }

  /** Clears the leader record if it is still ours (on clean exit). */
  clearLeader(pid: number): void {
    const current = this.settings.get(RUNTIME_KEYS.leader);
    if (isLeaderFact(current) && current.pid === pid) {
      this.settings.delete(RUNTIME_KEYS.leader, 'runtime.changed');
      this.settings.delete(RUNTIME_KEYS.tunnel, 'runtime.changed');
    }
  }

  /** Publishes the tunnel status for every process. */
  writeTunnel(status: TunnelStatus): void {
    this.settings.set(RUNTIME_KEYS.tunnel, status, 'runtime.changed');
  }

  /** Publishes the mirror's relay connection status for every process (null: not connected). */
  writeRelay(status: RelayStatus | null): void {
    if (status) this.settings.set(RUNTIME_KEYS.relay, status, 'runtime.changed');
    else if (this.settings.get(RUNTIME_KEYS.relay) !== undefined)
      this.settings.delete(RUNTIME_KEYS.relay, 'runtime.changed');
  }

  /** Publishes the UI's base URL (without its token). */
  writeUiUrl(base: string): void {
    this.settings.set(RUNTIME_KEYS.ui, base, 'runtime.changed');
  }

  /** Withdraws the UI's base URL if it is still this one. */
  clearUiUrl(base: string): void {
    if (this.settings.get(RUNTIME_KEYS.ui) === base) this.settings.delete(RUNTIME_KEYS.ui, 'runtime.changed');
  }

  /** Publishes the leader's forward age limit (ms), so every status face can show it. */
  writeForwardMaxAge(ms: number): void {
    if (this.settings.get(RUNTIME_KEYS.forwardMaxAge) !== ms)
      this.settings.set(RUNTIME_KEYS.forwardMaxAge, ms, 'runtime.changed');
  }

  /** The forward age limit the last leader applied, or null when none has published one. */
  forwardMaxAge(): number | null {
    const ms = this.settings.get(RUNTIME_KEYS.forwardMaxAge);
    return typeof ms === 'number' ? ms : null;
  }

  /** The tunnel subdomain kept for this data directory, if any. */
  storedSubdomain(): unknown {
    return this.settings.get(RUNTIME_KEYS.subdomain);
  }

  /** Keeps the tunnel subdomain for next time. */
  saveSubdomain(subdomain: string): void {
    this.settings.set(RUNTIME_KEYS.subdomain, subdomain, 'runtime.changed');
  }
}

/** The public base URL when a tunnel (or a custom URL) is usable, else null. */
export function publicBaseUrl(info: RuntimeInfo): string | null {
  // Connected to a relay, senders go to the relay (always on), not to this laptop.
  if (info.relay?.publicUrl) return info.relay.publicUrl.replace(/\/+$/, '');
  // A `--public-url` is the user's own, fixed choice: hand it out even while its probe fails
  // (their proxy may start later, or not loop back to this machine); a tunnel's only while up.
  const usable = info.tunnel.state === 'up' || (info.tunnel.kind === 'custom' && info.tunnel.state !== 'off');
  return usable && info.tunnel.publicUrl ? info.tunnel.publicUrl.replace(/\/+$/, '') : null;
}
