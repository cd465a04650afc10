import type { RelayWireEvent, RelayWireFeedItem, RelayWireFeedPage } from '../../shared/relay-wire';

/** An answer of the relay: status, headers and the parsed JSON body. */
export interface RelayAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls `/api/relay/v1/<path>` with a token (or none) and parses the JSON answer. */
export async function relayCall<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<RelayAnswer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/relay/v1/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** Reads the whole feed after `after`, page by page (`limit` per page), as a mirror would. */
export async function readWholeFeed(
  baseUrl: string,
  token: string,
  after = 0,
  limit = 500,
): Promise<{ items: RelayWireFeedItem[]; next: number; pages: number }> {
  const items: RelayWireFeedItem[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const page = await relayCall<RelayWireFeedPage>(
      baseUrl,
      'GET',
      `feed?after=${cursor}&limit=${limit}`,
      token,
    );
    if (page.status !== 200) throw new Error(`feed answered ${page.status}: ${JSON.stringify(page.body)}`);
    pages++;
    items.push(...page.body.items);
    cursor = page.body.next;
    if (!page.body.hasMore) return { items, next: cursor, pages };
  }
}

/** The events created in a list of feed items, in feed order. */
export function createdEvents(items: RelayWireFeedItem[]): RelayWireEvent[] {
  return items.flatMap((item) => (item.kind === 'event.created' ? [item.event] : []));
}
