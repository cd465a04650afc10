import type { STREAM_EVENT } from '../../../shared/api';
import { type Change, toChange } from '../../../shared/changes';
import { streamUrl } from '../api/client';
import { useStore } from './index';

// Typed against the contract without importing its runtime (which would pull zod into the page).
const EVENT_NAME: typeof STREAM_EVENT = 'change';
// Bursts (a sender retrying, a load test) are folded into one refetch per kind per window.
const BATCH_MS = 60;
// Counts and status are whole-table aggregates: refresh them at once with the list, then at most this
// often while changes keep coming (a burst ends with one more refresh, so the last figure is right).
const COUNTS_MS = 400;
// Forward outcomes are refreshed for at most this many of the newest loaded rows per batch.
const FORWARD_ROWS = 200;

/** Connects the change stream and turns changes into refetches; returns a disconnect function. */
export function connectLive(): () => void {
  const pending: Change[] = [];
  let batchTimer: ReturnType<typeof setTimeout> | null = null;
  let countsTimer: ReturnType<typeof setTimeout> | null = null;
  let countsDirty = false;
  const s = () => useStore.getState();

  const loadCounts = () => {
    void s().loadEndpoints();
    void s().loadStatus();
    void s().loadCount();
  };
  const refreshCounts = () => {
    if (countsTimer) {
      countsDirty = true;
      return;
    }
    loadCounts();
    const settle = () => {
      if (!countsDirty) {
        countsTimer = null;
        return;
      }
      countsDirty = false;
      loadCounts();
      countsTimer = setTimeout(settle, COUNTS_MS);
    };
    countsTimer = setTimeout(settle, COUNTS_MS);
  };

  const flush = () => {
    batchTimer = null;
    const batch = pending.splice(0);
    const kinds = new Set(batch.map((c) => c.kind));
    const updated = batch.filter((c) => c.kind === 'event.updated' && c.ref).map((c) => c.ref as string);
    if (kinds.has('events.deleted')) void s().loadFirst();
    else if (kinds.has('event.created')) void s().applyCreated();
    if (updated.length) {
      void s().applyUpdated([...new Set(updated)]);
      const selected = s().selectedId;
      if (selected && updated.includes(selected)) void s().reloadDetail();
    }
    if (kinds.has('delivery.changed')) {
      void s().reloadDeliveries();
      // A forward moved on (delivered, retrying, gave up): refresh the badges of that endpoint's rows.
      const endpoints = new Set(batch.filter((c) => c.kind === 'delivery.changed').map((c) => c.endpointId));
      const ids = s()
        .rows.slice(0, FORWARD_ROWS)
        .filter((r) => endpoints.has(r.endpointId))
        .map((r) => r.id);
      if (ids.length) void s().applyUpdated(ids);
    }
    if (kinds.has('endpoint.changed')) void s().loadEndpoints();
    if (kinds.has('runtime.changed')) void s().loadStatus();
    if (kinds.has('agent.changed') && s().modal?.kind === 'agents') void s().loadAgents();
    if (kinds.has('search.indexed')) void s().loadCount();
    if (kinds.has('schema.checked')) {
      // New violations join a list filtered on them; an open event not checked yet gets its check.
      if (s().filter.schemaViolations) void s().loadFirst();
      const detail = s().detail;
      const rechecked = batch.some((c) => c.kind === 'schema.checked' && c.endpointId === detail?.endpointId);
      if (detail && (detail.schemaCheck === null || rechecked)) void s().reloadDetail();
    }
    if (kinds.has('event.created') || kinds.has('event.updated') || kinds.has('events.deleted'))
      refreshCounts();
  };

  const source = new EventSource(streamUrl());
  source.addEventListener('open', () => {
    // After a reconnect we may have missed changes: catch up on everything once.
    if (s().live === 'reconnecting') {
      void s().loadFirst();
      refreshCounts();
    }
    s().setLive('live');
  });
  source.addEventListener('error', () => s().setLive('reconnecting'));
  source.addEventListener(EVENT_NAME, (msg) => {
    let change: Change | null;
    try {
      change = toChange(JSON.parse((msg as MessageEvent<string>).data));
    } catch {
      return;
    }
    if (!change) return;
    pending.push(change);
    batchTimer ??= setTimeout(flush, BATCH_MS);
  });
  return () => {
    if (batchTimer) clearTimeout(batchTimer);
    if (countsTimer) clearTimeout(countsTimer);
    source.close();
  };
}
