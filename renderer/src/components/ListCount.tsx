import { searchNotes } from '../../../shared/search-notes';
import { isFiltered } from '../lib/filter';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { AckAllButton } from './AckAllButton';
import { TriggerButton } from './TriggerButton';

/** How many events match the current filters and search (the list only holds loaded pages), and "Ack all". */
export function ListCount() {
  const listCount = useStore((s) => s.listCount);
  const filter = useStore((s) => s.filter);
  let text = '';
  let title: string | undefined;
  // Said where people look: an empty or short result may only mean "not yet indexed" or "searched in part".
  let notes: string[] = [];
  if (listCount) {
    const { count, capped, search } = listCount;
    const number = `${formatCount(count)}${capped ? '+' : ''}`;
    const noun = count === 1 && !capped ? 'event' : 'events';
    text = isFiltered(filter) ? `${number} matching ${noun}` : `${number} ${noun}`;
    title = capped ? `Search results are counted up to ${formatCount(count)}` : undefined;
    notes = search ? searchNotes(search) : [];
  }
  return (
    <div className="list-count">
      <span data-testid="list-count" title={title}>
        {text}
      </span>
      {notes.map((note) => (
        <span key={note} className="search-note" data-testid="search-note">
          {note}
        </span>
      ))}
      <span className="list-actions">
        <TriggerButton />
        <AckAllButton />
      </span>
    </div>
  );
}
