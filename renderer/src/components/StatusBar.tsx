import { relayStatusText } from '../../../shared/relay-text';
import { formatBytes, formatCount } from '../lib/format';
import { useStore } from '../store';

/** The relay connection at a glance; opens "Connect to relay". */
function RelayButton() {
  const relay = useStore((s) => s.status?.relay ?? null);
  const openModal = useStore((s) => s.openModal);
  const state = relay?.status?.state ?? null;
  const label = !relay
    ? 'Connect to relay'
    : state === 'connected'
      ? `Relay: ${relay.status?.member ?? 'connected'}`
      : state === 'catching_up'
        ? 'Relay: catching up…'
        : state === 'error'
          ? 'Relay: error'
          : 'Relay: connecting…';
  return (
    <button
      type="button"
      className={`btn btn-ghost btn-small ${state === 'error' ? 'warn' : ''}`}
      data-testid="relay-button"
      title={relayStatusText(relay)}
      onClick={() => openModal({ kind: 'relay' })}
    >
      {relay && (
        <span
          className={`dot ${state === 'connected' ? 'dot-ok' : state === 'error' ? 'dot-err' : 'dot-warn'}`}
        />
      )}
      {label}
    </button>
  );
}

/** The bottom bar: receiver, tunnel, live state, counts, database size. */
export function StatusBar() {
  const status = useStore((s) => s.status);
  const live = useStore((s) => s.live);
  const openModal = useStore((s) => s.openModal);
  const rt = status?.runtime;
  const tunnel = rt?.tunnel;
  return (
    <footer className="statusbar">
      <span className={`dot ${live === 'live' ? 'dot-ok' : 'dot-warn'}`} />
      <span data-testid="live-state">
        {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
      </span>
      <span className="sep" />
      <span title="The local port that receives webhooks">
        Receiver{' '}
        {rt?.receiverPort ? (
          <code>:{rt.receiverPort}</code>
        ) : (
          <span className="warn">not receiving (no leader)</span>
        )}
        {status?.role === 'follower' && <span className="muted"> · following</span>}
      </span>
      <span className="sep" />
      <span title={tunnel?.lastError ?? undefined}>
        Tunnel{' '}
        {tunnel && tunnel.state === 'up' && tunnel.publicUrl ? (
          <code className="ok">{tunnel.publicUrl}</code>
        ) : (
          <span className="muted">{tunnel ? (tunnel.kind === 'none' ? 'off' : tunnel.state) : '…'}</span>
        )}
      </span>
      <span className="sep" />
      <RelayButton />
      <span className="grow" />
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => openModal({ kind: 'chaos' })}
        title="Saved runs of hookline chaos: duplicates, reordering, bursts, and how your handler answered"
      >
        Chaos runs
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => openModal({ kind: 'agents' })}>
        Agents
      </button>
      <span className="sep" />
      <span data-testid="event-count">
        {status ? `${formatCount(status.eventTotal)} ${status.eventTotal === 1 ? 'event' : 'events'}` : '…'}
      </span>
      <span className="muted">{status ? `${formatCount(status.pendingTotal)} pending` : ''}</span>
      {status && status.failedTotal > 0 && (
        <span
          className="failed-by"
          data-testid="failed-count"
          title="Acked as failed by an agent: filter by State → Failed"
        >
          {formatCount(status.failedTotal)} failed
        </span>
      )}
      <span className="sep" />
      <span title={status?.home}>DB {status ? formatBytes(status.dbBytes) : '…'}</span>
      <span className="muted">v{status?.version}</span>
    </footer>
  );
}
