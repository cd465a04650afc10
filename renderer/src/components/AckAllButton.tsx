import { useStore } from '../store';

// List rows are 34 px: acking more than a window's worth of them asks first.
const screenful = () => Math.ceil(window.innerHeight / 34);

/** "Ack all": acks every pending event matching the filters (asking first past a screenful; undoable). */
export function AckAllButton() {
  const ackVisible = useStore((s) => s.ackVisible);
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => void ackVisible(screenful(), (q) => window.confirm(q))}
      title="Ack every pending event matching these filters"
    >
      Ack all
    </button>
  );
}
