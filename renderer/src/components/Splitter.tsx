import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { useStore } from '../store';
import type { Pane } from '../store/layout-slice';

// Arrow keys move the edge by this much (Shift: four times as far).
const KEY_STEP = 16;

/**
 * The draggable right edge of a pane (also keyboard-operable: focus it, then ←/→).
 * Starts from the pane's shown width, which CSS may have capped below the stored one.
 */
export function Splitter({ pane, label }: { pane: Pane; label: string }) {
  const setPaneWidth = useStore((s) => s.setPaneWidth);
  const width = useStore((s) => s.paneWidths[pane]);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const shownWidth = (el: HTMLElement) => el.parentElement?.getBoundingClientRect().width ?? width;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: shownWidth(e.currentTarget) };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setPaneWidth(pane, drag.current.width + e.clientX - drag.current.x);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = (e.shiftKey ? 4 : 1) * KEY_STEP;
    if (e.key === 'ArrowLeft') setPaneWidth(pane, shownWidth(e.currentTarget) - step);
    else if (e.key === 'ArrowRight') setPaneWidth(pane, shownWidth(e.currentTarget) + step);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      tabIndex={0}
      data-testid={`splitter-${pane}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => {
        drag.current = null;
      }}
      onKeyDown={onKeyDown}
    />
  );
}
