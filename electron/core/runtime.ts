import type { RuntimeInfo, TunnelStatus } from '../../shared/types';
import type { Store } from '../store/store';
import { isProcessAlive } from '../base/process-alive';

/** Settings keys of runtime facts written by the leader and read by every process. */
export const RUNTIME_KEYS = {
  leader: 'runtime.leader',
  tunnel: 'runtime.tunnel',
  ui: 'runtime.ui',
} as const;

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

function isTunnelStatus(v: unknown): v is TunnelStatus {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.kind === 'string' && typeof o.state === 'string' && typeof o.since === 'number';
}

/** Reads the runtime facts every process shares through the DB. */
export function readRuntime(store: Store): RuntimeInfo {
  const leader = store.settings.get(RUNTIME_KEYS.leader);
  const tunnel = store.settings.get(RUNTIME_KEYS.tunnel);
  const ui = store.settings.get(RUNTIME_KEYS.ui);
  // A leader killed with SIGKILL leaves its record behind: a dead pid is no leader.
  const lf = isLeaderFact(leader) && isProcessAlive(leader.pid) ? leader : null;
  return {
    leaderPid: lf?.pid ?? null,
    receiverPort: lf?.port ?? null,
    localBaseUrl: lf?.localBaseUrl ?? null,
    tunnel: lf && isTunnelStatus(tunnel) ? tunnel : OFF_TUNNEL,
    uiUrl: typeof ui === 'string' ? ui : null,
  };
}

/** Records this process as the leader holding the receiver port. */
export function writeLeader(store: Store, pid: number, port: number): void {
  store.setSetting(RUNTIME_KEYS.leader, {
    pid,
    port,
    localBaseUrl: `http://127.0.0.1:${port}`,
  } satisfies LeaderFact);
}

/** Clears the leader record if it is still ours (on clean exit). */
export function clearLeader(store: Store, pid: number): void {
  const current = store.settings.get(RUNTIME_KEYS.leader);
  if (isLeaderFact(current) && current.pid === pid) {
    store.deleteSetting(RUNTIME_KEYS.leader);
    store.deleteSetting(RUNTIME_KEYS.tunnel);
  }
}

/** Publishes the tunnel status for every process. */
export function writeTunnelStatus(store: Store, status: TunnelStatus): void {
  store.setSetting(RUNTIME_KEYS.tunnel, status);
}

/** The public base URL when a tunnel (or a custom URL) is usable, else null. */
export function publicBaseUrl(info: RuntimeInfo): string | null {
  // A `--public-url` is the user's own, fixed choice: hand it out even while its probe fails
  // (their proxy may start later, or not loop back to this machine); a tunnel's only while up.
  const usable = info.tunnel.state === 'up' || (info.tunnel.kind === 'custom' && info.tunnel.state !== 'off');
  return usable && info.tunnel.publicUrl ? info.tunnel.publicUrl.replace(/\/+$/, '') : null;
}
