import type { SearchInfo } from './types';

function size(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/**
 * What a search could not promise, in words — the same sentences in the GUI's list header, the CLI's
 * stderr and the docs. Empty when the results are complete.
 */
export function searchNotes(info: SearchInfo): string[] {
  const notes: string[] = [];
  if (!info.complete)
    notes.push(
      'Search stopped early (time limit): more matches may exist further back — narrow the search, or load more.',
    );
  if (info.indexing > 0) notes.push(`Indexing ${plural(info.indexing, 'event', 'events')}…`);
  if (info.partial > 0)
    notes.push(
      `${plural(info.partial, 'event is', 'events are')} over ${size(info.limitBytes)} decoded: only the first ${size(info.limitBytes)} of ${info.partial === 1 ? 'its' : 'their'} body was searched.`,
    );
  return notes;
}
