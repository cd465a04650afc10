import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNarrow } from '../hooks/use-narrow';
import { useStore } from '../store';
import { EmptyList } from './EmptyList';
import { EventRow } from './EventRow';
import { FilterBar } from './FilterBar';
import { ListCount } from './ListCount';
import { Splitter } from './Splitter';

const ROW_HEIGHT = 34;

/** The middle pane: a virtualized, live, newest-first list (only visible rows are in the DOM). */
export function EventList() {
  const rows = useStore((s) => s.rows);
  const listState = useStore((s) => s.listState);
  const nextCursor = useStore((s) => s.nextCursor);
  const selectedId = useStore((s) => s.selectedId);
  const select = useStore((s) => s.select);
  const loadMore = useStore((s) => s.loadMore);
  const endpoints = useStore((s) => s.endpoints);
  const activeEndpointId = useStore((s) => s.activeEndpointId);
  const parent = useRef<HTMLDivElement>(null);
  const narrow = useNarrow();
  const labels = useMemo(() => new Map(endpoints.map((e) => [e.id, e.label])), [endpoints]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  // Fetch the next page before the user reaches the end, so scrolling never hits a wall.
  useEffect(() => {
    if (nextCursor !== null && lastIndex >= rows.length - 60) void loadMore();
  }, [lastIndex, rows.length, nextCursor, loadMore]);

  // Keep the keyboard selection in view.
  useEffect(() => {
    if (!selectedId) return;
    const index = rows.findIndex((r) => r.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer]);

  const onSelect = useCallback((id: string) => select(id), [select]);

  if (rows.length === 0 && listState !== 'loading') {
    return (
      <section className="list-pane" aria-label="Events">
        <FilterBar />
        <EmptyList />
        {!narrow && <Splitter pane="list" label="Resize the event list" />}
      </section>
    );
  }
  return (
    <section className="list-pane" aria-label="Events">
      <FilterBar />
      <ListCount />
      <div
        ref={parent}
        className="list-scroll"
        // biome-ignore lint/a11y/useSemanticElements: a virtualized list of thousands of rows cannot be a <select>
        role="listbox"
        tabIndex={0}
        aria-label="Event list"
        data-testid="event-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const e = rows[item.index];
            if (!e) return null;
            return (
              <div
                key={e.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <EventRow
                  event={e}
                  label={activeEndpointId ? null : (labels.get(e.endpointId) ?? null)}
                  selected={e.id === selectedId}
                  onSelect={onSelect}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!narrow && <Splitter pane="list" label="Resize the event list" />}
    </section>
  );
}
