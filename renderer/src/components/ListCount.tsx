import { isFiltered } from '../lib/filter';
import { formatCount } from '../lib/format';
import { useStore } from '../store';
import { AckAllButton } from './AckAllButton';

/** How many events match the current filters and search (the list only holds loaded pages), and "Ack all". */
export function ListCount() {
  const listCount = useStore((s) => s.listCount);
  const filter = useStore((s) => s.filter);
  let text = '';
  let title: string | undefined;
  if (listCount) {
    const { count, capped } = listCount;
    const number = `${formatCount(count)}${capped ? '+' : ''}`;
    const noun = count === 1 && !capped ? 'event' : 'events';
    text = isFiltered(filter) ? `${number} matching ${noun}` : `${number} ${noun}`;
    title = capped ? `Search results are counted up to ${formatCount(count)}` : undefined;
  }
  return (
    <div className="list-count">
      <span data-testid="list-count" title={title}>
        {text}
      </span>
      <AckAllButton />
    </div>
  );
}
