import { searchNotes } from '../../../shared/search-notes';
import { isFiltered } from '../lib/filter';
import { formatCount } from '../lib/format';
import { useStore } from '../store';

/** How many events match the current filters and search (the list itself only holds loaded pages). */
export function ListCount() {
  const listCount = useStore((s) => s.listCount);
  const filter = useStore((s) => s.filter);
  if (!listCount) return null;
  const { count, capped, search } = listCount;
  // Said where people look: an empty or short result may only mean "not yet indexed" or "searched in part".
  const notes = search ? searchNotes(search) : [];
  const filtered = isFiltered(filter);
  const number = `${formatCount(count)}${capped ? '+' : ''}`;
  const noun = count === 1 && !capped ? 'event' : 'events';
  return (
    <div className="list-count">
      <span
        data-testid="list-count"
        title={capped ? `Search results are counted up to ${formatCount(count)}` : undefined}
      >
        {filtered ? `${number} matching ${noun}` : `${number} ${noun}`}
      </span>
      {notes.map((note) => (
        <span key={note} className="search-note" data-testid="search-note">
          {note}
        </span>
      ))}
    </div>
  );
}
