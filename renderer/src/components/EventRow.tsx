import { memo } from 'react';
import type { ApiEventRow } from '../../../shared/api';
import { formatBytes, formatRowTime } from '../lib/format';
import { DuplicateBadge, MethodBadge, SchemaBadge, StatusCode, VerdictBadge } from './Badges';
import { ClaimBadge, FailedBadge } from './ClaimBadges';
import { ForwardBadge } from './ForwardBadge';

/** One row of the event list. */
export const EventRow = memo(function EventRow({
  event: e,
  label,
  selected,
  onSelect,
}: {
  event: ApiEventRow;
  label: string | null;
  selected: boolean;
  onSelect(id: string): void;
}) {
  const acked = e.ackedAt !== null;
  const failed = e.ackOutcome === 'failed';
  return (
    // biome-ignore lint/a11y/useSemanticElements: rows of a virtualized listbox (see EventList)
    <div
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      data-testid="event-row"
      data-event-id={e.id}
      className={`event-row ${selected ? 'selected' : ''} ${failed ? 'failed' : acked ? 'acked' : 'pending'}${e.claim ? ' claimed' : ''}`}
      onMouseDown={() => onSelect(e.id)}
    >
      <span
        className="unread"
        title={failed ? `Failed (${e.ackedBy})` : acked ? `Acked by ${e.ackedBy}` : 'Pending'}
      >
        {failed ? '✗' : acked ? '✓' : '●'}
      </span>
      <MethodBadge method={e.method} />
      <span className="path mono" title={e.path + (e.query ? `?${e.query}` : '')}>
        {e.providerEventType ? <span className="evtype">{e.providerEventType}</span> : null}
        {e.path || '/'}
        {e.query && <span className="muted">?{e.query}</span>}
      </span>
      {label && <span className="ep-label">{label}</span>}
      {e.duplicateOf && <DuplicateBadge of={e.duplicateOf} />}
      <ClaimBadge event={e} compact />
      <FailedBadge event={e} />
      <SchemaBadge count={e.schemaViolations} />
      <ForwardBadge forward={e.lastForward} />
      <VerdictBadge status={e.verification.status} title={e.verification.reason} />
      <StatusCode status={e.responseStatus} />
      <span className="size">{formatBytes(e.bodySize)}</span>
      <span className="time" title={new Date(e.receivedAt).toString()}>
        {formatRowTime(e.receivedAt)}
      </span>
    </div>
  );
});
