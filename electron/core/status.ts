import type { RelayView } from '../../shared/relay-text';
import type { Endpoint, RuntimeInfo } from '../../shared/types';
import { VERSION } from '../base/version';
import type { Inbox } from './inbox';
import type { RetentionReport } from './retention-report';
import { publicBaseUrl } from './runtime';
import { type EndpointUrls, endpointUrls } from './urls';

/** An endpoint with where it can be reached and how many events it holds. */
export interface EndpointWithCounts extends Endpoint {
  urls: EndpointUrls;
  total: number;
  pending: number;
  /** Acked as failed: the dead letter (not pending, not done). */
  failed: number;
  /** Pending trusted events the last retention run kept beyond `--keep` instead of deleting them. */
  keptOverLimit: number;
}

/** Auto-forwarding across the inbox: how many are still open, how many were given up, the age limit. */
export interface ForwardingStatus {
  open: number;
  gaveUp: number;
  /** The leader's `--forward-max-age` in ms (null before any leader published it). */
  maxAgeMs: number | null;
}

/** The inbox as every face shows it: who receives, the tunnel, the endpoints and their counts. */
export interface InboxStatus {
  version: string;
  home: string;
  /** This process's part: the leader holds the receiver port. */
  role: 'leader' | 'follower';
  runtime: RuntimeInfo;
  /** The base URL to hand to senders when a tunnel or public URL is usable, else null. */
  publicUrl: string | null;
  endpoints: EndpointWithCounts[];
  eventTotal: number;
  pendingTotal: number;
  /** Events acked as failed (the dead letter), across endpoints. */
  failedTotal: number;
  /** The leader's last retention run: budgets, deletions, pending events kept over the limit. */
  retention: RetentionReport | null;
  forwarding: ForwardingStatus;
  /** The relay this inbox mirrors (saved connection and where the mirror stands), or null. */
  relay: RelayView | null;
  dbBytes: number;
  serverTime: number;
}

/** Every endpoint with its URLs and counts — the one counts model the UI, CLI and MCP show. */
export function endpointsWithCounts(inbox: Inbox): EndpointWithCounts[] {
  const counts = inbox.eventCounts();
  const runtime = inbox.runtime();
  const kept = inbox.maintenance.retentionReport()?.keptOverLimit ?? [];
  return inbox.listEndpoints().map((e) => ({
    ...e,
    urls: endpointUrls(e.id, runtime),
    total: counts.get(e.id)?.total ?? 0,
    pending: counts.get(e.id)?.pending ?? 0,
    failed: counts.get(e.id)?.failed ?? 0,
    keptOverLimit: kept.find((k) => k.endpointId === e.id)?.count ?? 0,
  }));
}

/** The one status read model behind the UI's status bar, `hookline status` and `get_inbox_status`. */
export function inboxStatus(inbox: Inbox): InboxStatus {
  inbox.catchUp();
  const runtime = inbox.runtime();
  const endpoints = endpointsWithCounts(inbox);
  let eventTotal = 0;
  let pendingTotal = 0;
  let failedTotal = 0;
  for (const c of inbox.eventCounts().values()) {
    eventTotal += c.total;
    pendingTotal += c.pending;
    failedTotal += c.failed;
  }
  return {
    version: VERSION,
    home: inbox.home,
    role: runtime.leaderPid === process.pid ? 'leader' : 'follower',
    runtime,
    publicUrl: publicBaseUrl(runtime),
    endpoints,
    eventTotal,
    pendingTotal,
    failedTotal,
    retention: inbox.maintenance.retentionReport(),
    forwarding: { ...inbox.deliveries.forwardTally(), maxAgeMs: inbox.facts.forwardMaxAge() },
    relay: relayView(inbox, runtime),
    dbBytes: inbox.maintenance.sizeOnDisk(),
    serverTime: inbox.clock.now(),
  };
}

/** The saved relay connection (without its token) and the leader's mirror status. */
export function relayView(inbox: Inbox, runtime: RuntimeInfo = inbox.runtime()): RelayView | null {
  const connection = inbox.mirror.connection();
  if (!connection) return null;
  const status = runtime.relay?.url === connection.url ? runtime.relay : null;
  return { url: connection.url, status };
}
