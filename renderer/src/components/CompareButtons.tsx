import { useState } from 'react';
import type { ApiEvent } from '../../../shared/api';
import { call } from '../api/client';
import { useStore } from '../store';

/**
 * The event detail's ways into the diff view: the previous event of the same type on the same
 * endpoint in one click, and "pick this one, then compare with another" for any two events.
 */
export function CompareButtons({ event }: { event: ApiEvent }) {
  const openModal = useStore((s) => s.openModal);
  const base = useStore((s) => s.compareBase);
  const setBase = useStore((s) => s.setCompareBase);
  const toast = useStore((s) => s.toast);
  const toastError = useStore((s) => s.toastError);
  const [looking, setLooking] = useState(false);
  const type = event.providerEventType;
  const previous = async () => {
    setLooking(true);
    try {
      const { events } = await call('events.list', {
        endpointIds: [event.endpointId],
        ...(type ? { eventTypes: [type] } : {}),
        order: 'desc',
        cursor: event.seq,
        limit: 1,
      });
      const before = events[0];
      if (before) openModal({ kind: 'diff', a: before.id, b: event.id });
      else toast(type ? `No earlier ${type} event on this endpoint` : 'No earlier event on this endpoint');
    } catch (e) {
      toastError(e);
    } finally {
      setLooking(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={looking}
        onClick={() => void previous()}
        data-testid="compare-previous"
        title={
          type
            ? `Compare with the previous ${type} event of this endpoint`
            : 'Compare with the previous event of this endpoint'
        }
      >
        Compare with previous
      </button>
      {base && base !== event.id ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid="compare-picked"
          onClick={() => {
            openModal({ kind: 'diff', a: base, b: event.id });
            setBase(null);
          }}
          title={`Compare the picked event ${base} (A) with this one (B)`}
        >
          Compare with picked
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="compare-pick"
          onClick={() => setBase(base === event.id ? null : event.id)}
          title="Pick this event, then open another and compare the two"
        >
          {base === event.id ? 'Picked ✓' : 'Pick to compare'}
        </button>
      )}
    </>
  );
}
