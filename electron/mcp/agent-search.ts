import type { EventSummary, SearchInfo } from '../../shared/types';
import type { Inbox } from '../core/inbox';
import type { SearchPage } from '../core/ports';
import type { AgentFilters } from './agent-filters';
import { agentQueries } from './agent-query';

/** What an agent searches for; filters already checked and resolved. */
export interface AgentSearch extends AgentFilters {
  text: string;
  cursor?: number;
  limit: number;
  includeUntrusted: boolean;
}

/** Matches newest first, the cursor for more (null: no more), and what the search could not promise. */
export interface AgentSearchPage {
  events: EventSummary[];
  nextCursor: number | null;
  info: SearchInfo;
}

function mergeInfo(pages: SearchPage[]): SearchInfo {
  const first = pages[0]?.info;
  return {
    indexing: first?.indexing ?? 0,
    partial: pages.reduce((n, p) => n + p.info.partial, 0),
    limitBytes: first?.limitBytes ?? 0,
    complete: pages.every((p) => p.info.complete),
  };
}

/**
 * Searches for an agent. Trust differs per endpoint (secret or not), so the two groups are searched
 * apart and merged newest first — keeping only what lies above every group's stopping point, so a
 * group that stopped early (limit or time budget) never hides an older match of the other.
 */
export function searchForAgent(inbox: Inbox, q: AgentSearch): AgentSearchPage {
  const base = { text: q.text, order: 'desc' as const, cursor: q.cursor, limit: q.limit };
  const queries = agentQueries(inbox, q, base);
  const pages = queries.map((query) => inbox.searchEvents(query));
  const bounds = pages.map((p) => p.nextCursor).filter((c): c is number => c !== null);
  const floor = bounds.length ? Math.max(...bounds) : null;
  const merged = pages
    .flatMap((p) => p.events)
    .filter((e) => floor === null || e.seq >= floor)
    .sort((a, b) => b.seq - a.seq);
  const events = merged.slice(0, q.limit);
  const last = events[events.length - 1];
  const nextCursor = merged.length > q.limit && last ? last.seq : floor;
  return { events, nextCursor, info: mergeInfo(pages) };
}
