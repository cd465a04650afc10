import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Endpoint } from '../../shared/types';
import { isTrusted } from '../core/trust';
import { listForAgent, parseCursor, resolveEndpoint } from './agent-query';
import { type Budget, type Fittable, PAGE_RESERVE, budgetSchema, fitEvents } from './budget';
import { type ToolContext, endpointLabels } from './context';
import { type Envelope, envelope, eventItemSchema } from './envelope';
import { jsonInt } from './lean-schema';
import { UNTRUSTED_NOTICE } from './results';

/** Output fields of poll_events (and wait_for_events). */
export const pageOutputShape = {
  events: z.array(eventItemSchema).describe('Oldest first'),
  cursor: z.string().nullable().describe('Pass back to continue'),
  has_more: z.boolean(),
  pending_count: jsonInt(),
  quarantined: jsonInt(),
  budget: budgetSchema,
};

/** The filters as parsed by the tool's input schema. */
export interface PageArgs {
  endpoint?: string;
  status: 'pending' | 'acked' | 'all';
  cursor?: string | null;
  limit: number;
  detail: 'summary' | 'full';
  max_body_bytes: number;
  include_untrusted: boolean;
  max_chars: number;
}

/** One page of events. */
export interface Page {
  events: Envelope[];
  cursor: string | null;
  has_more: boolean;
  pending_count: number;
  quarantined: number;
  budget: Budget;
}

/** A page and the resource links to the events it outlined (sent as resource_link content). */
export interface PageRead {
  page: Page;
  links: ResourceLink[];
}

/** Reads pages for fixed filters; `endpointId` says which endpoint's changes matter (all when null). */
export interface PageReader {
  read(): PageRead;
  endpointId: string | null;
}

/** Validates the filters once (endpoint, cursor) so waiting re-runs only the query. */
export function pageReader(ctx: ToolContext, args: PageArgs): PageReader {
  const endpoint: Endpoint | undefined = args.endpoint
    ? resolveEndpoint(ctx.inbox, args.endpoint)
    : undefined;
  const cursor = parseCursor(args.cursor);
  const read = (): PageRead => {
    const page = listForAgent(ctx.inbox, {
      endpoint,
      status: args.status,
      cursor,
      limit: args.limit,
      order: 'asc',
      includeUntrusted: args.include_untrusted,
    });
    const endpoints = endpoint ? [endpoint] : ctx.inbox.listEndpoints();
    const labels = endpointLabels(ctx);
    const items = page.events.map((summary): Fittable => {
      const ep = labels.get(summary.endpointId) ?? null;
      const trusted = isTrusted(summary, ep);
      const contentType = summary.contentType;
      if (args.detail === 'summary')
        return { envelope: envelope(summary, ep?.label ?? null, trusted), contentType };
      // A whole event may have been purged between the list and this read: fall back to its summary.
      const stored = ctx.inbox.findEvent(summary.id);
      const wrapped = envelope(stored ?? summary, ep?.label ?? null, trusted, {
        headers: true,
        bodyBytes: args.max_body_bytes,
      });
      return { envelope: wrapped, body: stored?.body, contentType };
    });
    const room = args.max_chars - UNTRUSTED_NOTICE.length - PAGE_RESERVE;
    const fitted = fitEvents(items, room, args.max_chars);
    const last = fitted.events.at(-1);
    const tally = ctx.counts.total(endpoints);
    return {
      page: {
        events: fitted.events,
        cursor: last ? String(last.seq) : cursor !== undefined ? String(cursor) : null,
        has_more: page.hasMore || fitted.budget.shortened,
        pending_count: tally.pending,
        quarantined: tally.quarantined,
        budget: fitted.budget,
      },
      links: fitted.links,
    };
  };
  return { read, endpointId: endpoint?.id ?? null };
}
