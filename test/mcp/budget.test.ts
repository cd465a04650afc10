import { describe, expect, it } from 'vitest';
import {
  type PageOut,
  type WebhookOut,
  resultChars as chars,
  postJson,
  callRaw as raw,
  startLeadingAgent,
} from './agent';

/** A JSON body of about 12 KB: an order with line items. */
function order(n: number) {
  const items = Array.from({ length: 115 }, (_, i) => ({
    sku: `SKU-${n}-${i}`,
    name: `Item number ${i} of order ${n}`,
    qty: (i % 4) + 1,
    price_cents: 1000 + i * 7,
    tags: ['gift', 'express'],
  }));
  return { id: `ord_${n}`, type: 'order.created', data: { items } };
}

/** A JSON body of about 5 MB (50,000 rows). */
function huge() {
  const rows = Array.from({ length: 50_000 }, (_, i) => ({ i, name: `row-${i}`, pad: 'x'.repeat(80) }));
  return { kind: 'export', rows };
}

interface Outlined {
  encoding: string;
  size: number;
  truncated: boolean;
  outline?: {
    kind: string;
    shape?: unknown;
    head?: string;
    fields?: Record<string, unknown>;
    hex_preview?: string;
    resource?: string;
  };
  next?: { offset: number; length: number };
}

describe('hookline mcp: results that fit a context window', () => {
  it('keeps every result under its budget for 5 MB, 100 × 12 KB, binary and form bodies', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'big', secret: null });
    const bigText = JSON.stringify(huge());
    const big = await postJson(hook.url, bigText);
    expect(big.status).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(order(0)))).toBeGreaterThan(12_000);
    expect(bigText.length).toBeGreaterThan(5_000_000);
    for (let i = 0; i < 100; i++) await postJson(hook.url, order(i));
    const binary = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    const bin = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: binary,
    });
    const formBody = new URLSearchParams(
      Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`field_${i}`, 'v'.repeat(100)])),
    ).toString();
    const form = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody,
    });
    const binId = ((await bin.json()) as { event_id: string }).event_id;
    const formId = ((await form.json()) as { event_id: string }).event_id;

    // Page through everything with the default budget: every page fits, nothing is lost or repeated.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const result = await raw(agent, 'poll_events', { cursor, limit: 100 });
      expect(chars(result)).toBeLessThanOrEqual(16_000);
      const page = result.structuredContent as unknown as PageOut & { budget: { note: string | null } };
      seen.push(...page.events.map((e) => e.event_id));
      if (page.has_more) expect(page.cursor).not.toBeNull();
      if (!page.has_more) break;
      cursor = page.cursor;
    }
    expect(seen).toHaveLength(103);
    expect(new Set(seen).size).toBe(103);

    // search_events pages (newest first) with its cursor as well.
    const found: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const result = await raw(agent, 'search_events', { query: 'ord', limit: 100, cursor: before });
      expect(chars(result)).toBeLessThanOrEqual(16_000);
      const page = result.structuredContent as {
        events: { event_id: string }[];
        has_more: boolean;
        cursor: string | null;
      };
      found.push(...page.events.map((e) => e.event_id));
      if (!page.has_more) break;
      before = page.cursor;
    }
    expect(new Set(found).size).toBe(100);

    const calls: [string, Record<string, unknown>, number][] = [
      ['poll_events', { limit: 100, max_body_bytes: 1_000_000 }, 16_000],
      ['poll_events', { limit: 100, max_body_bytes: 1_000_000, max_chars: 64_000 }, 64_000],
      ['poll_events', { limit: 100, detail: 'summary', max_chars: 2_000 }, 2_000],
      ['wait_for_events', { limit: 100, timeout_seconds: 1 }, 16_000],
      ['search_events', { query: 'order', limit: 100 }, 16_000],
      ['get_event', { event_id: big.json.event_id, max_bytes: 1_000_000 }, 16_000],
      ['get_event', { event_id: big.json.event_id, part: 'raw', max_bytes: 1_000_000 }, 16_000],
      ['get_event', { event_id: big.json.event_id, json_pointer: '/rows' }, 16_000],
      ['get_event', { event_id: big.json.event_id, offset: 0, length: 5_000_000 }, 16_000],
      ['get_event', { event_id: binId, part: 'raw', max_bytes: 1_000_000, max_chars: 64_000 }, 64_000],
      ['get_event', { event_id: binId, offset: 10, length: 100_000 }, 16_000],
      ['get_event', { event_id: formId }, 16_000],
    ];
    for (const [name, args, budget] of calls) {
      const result = await raw(agent, name, args);
      expect(chars(result), `${name} ${JSON.stringify(args)}`).toBeLessThanOrEqual(budget);
      // Whatever was cut is said, never silent.
      const out = result.structuredContent as { budget?: { note: string | null }; range?: { next: unknown } };
      expect(out.budget, name).toBeDefined();
    }
  }, 60_000);

  it('outlines a body that does not fit and reads any byte range or JSON pointer of it, past 1 MB too', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'outline', secret: null });
    const text = JSON.stringify(huge());
    const bytes = Buffer.from(text);
    expect(bytes.byteLength).toBeGreaterThan(4_000_000);
    const sent = await postJson(hook.url, text);

    const result = await raw(agent, 'get_event', { event_id: sent.json.event_id });
    const got = result.structuredContent as {
      event: { body: Outlined };
      budget: { outlined: string[]; note: string };
    };
    const body = got.event.body;
    expect(body).toMatchObject({ encoding: 'outline', size: bytes.byteLength, truncated: true });
    expect(body.outline?.kind).toBe('json');
    expect(body.outline?.shape).toMatchObject({
      kind: 'export',
      rows: { $array_length: 50_000, $first_item: { i: 0, name: 'row-0' } },
    });
    expect(body.next).toEqual({ offset: 0, length: bytes.byteLength });
    expect(got.budget.outlined).toEqual([sent.json.event_id]);
    expect(got.budget.note).toMatch(/get_event/);
    expect(result.content).toContainEqual(
      expect.objectContaining({ type: 'resource_link', uri: `hookline://events/${sent.json.event_id}` }),
    );

    // Bytes far past the first 1,000,000 are reachable.
    const at = 4_000_000;
    const slice = await agent.call<{
      range: { offset: number; length: number; text: string; size: number; next: unknown };
    }>('get_event', { event_id: sent.json.event_id, offset: at, length: 300 });
    expect(slice.range).toMatchObject({ offset: at, length: 300, size: bytes.byteLength, next: null });
    expect(slice.range.text).toBe(bytes.subarray(at, at + 300).toString());
    // A long range is cut to the budget and says where to continue.
    const long = await agent.call<{
      range: { offset: number; length: number; next: { offset: number; length: number } };
      budget: { note: string };
    }>('get_event', { event_id: sent.json.event_id, offset: 1_000_000, length: 1_000_000 });
    expect(long.budget.note).toMatch(/continue with offset/);
    expect(long.range.next).toEqual({
      offset: 1_000_000 + long.range.length,
      length: 1_000_000 - long.range.length,
    });
    expect(await agent.fail('get_event', { event_id: sent.json.event_id, offset: 9_000_000 })).toMatch(
      /past the end of the body/,
    );

    const pointed = await agent.call<{ json_pointer: { found: boolean; value: unknown } }>('get_event', {
      event_id: sent.json.event_id,
      json_pointer: '/rows/43210/name',
    });
    expect(pointed.json_pointer).toMatchObject({ found: true, value: 'row-43210' });
    const whole = await agent.call<{ json_pointer: { outlined: boolean; value: unknown } }>('get_event', {
      event_id: sent.json.event_id,
      json_pointer: '/rows',
    });
    expect(whole.json_pointer).toMatchObject({ outlined: true, value: { $array_length: 50_000 } });
  }, 60_000);

  it('outlines binary, form and text bodies with what to read next', async () => {
    const { agent } = await startLeadingAgent();
    const hook = await agent.call<WebhookOut>('register_webhook', { label: 'kinds', secret: null });
    const post = async (contentType: string, body: Uint8Array | string) => {
      const r = await fetch(hook.url, { method: 'POST', headers: { 'content-type': contentType }, body });
      return ((await r.json()) as { event_id: string }).event_id;
    };
    const png = new Uint8Array(40_000).map((_, i) => (i * 31) % 256);
    png.set([0x89, 0x50, 0x4e, 0x47]);
    const binId = await post('image/png', png);
    const formId = await post(
      'application/x-www-form-urlencoded',
      new URLSearchParams({ token: 't'.repeat(30_000), user_name: 'ada' }).toString(),
    );
    const log = Array.from({ length: 3_000 }, (_, i) => `line ${i}`).join('\n');
    const textId = await post('text/plain', log);

    const body = async (id: string) =>
      (await agent.call<{ event: { body: Outlined } }>('get_event', { event_id: id })).event.body;
    const b = await body(binId);
    expect(b.outline).toMatchObject({ kind: 'binary', content_type: 'image/png' });
    expect(b.outline?.hex_preview?.startsWith('89504e47')).toBe(true);
    expect(b.next).toEqual({ offset: 0, length: 40_000 });
    const f = await body(formId);
    expect(f.outline).toMatchObject({ kind: 'form', field_count: 2, fields: { user_name: 'ada' } });
    const t = await body(textId);
    expect(t.outline?.kind).toBe('text');
    expect(t.outline?.head?.startsWith('line 0\nline 1\n')).toBe(true);
    const rest = await agent.call<{ range: { text: string } }>('get_event', {
      event_id: textId,
      offset: t.next?.offset,
      length: 50,
    });
    expect(log.startsWith(rest.range.text, t.next?.offset)).toBe(true);

    // A JSON body cut at max_body_bytes comes as an outline, not as a broken prefix.
    const jsonId = (
      await postJson(hook.url, { id: 'ord_9', items: Array.from({ length: 50 }, (_, i) => ({ i })) })
    ).json.event_id;
    const small = await agent.call<PageOut & { events: { body: Outlined }[] }>('poll_events', {
      cursor: String(
        (await agent.call<{ event: { seq: number } }>('get_event', { event_id: textId, part: 'summary' }))
          .event.seq,
      ),
      max_body_bytes: 100,
    });
    expect(small.events[0]?.event_id).toBe(jsonId);
    expect(small.events[0]?.body).toMatchObject({
      encoding: 'outline',
      outline: { kind: 'json', shape: { id: 'ord_9' } },
    });

    // The same events in a page: outlined there too, and the page says so.
    const page = await agent.call<PageOut & { budget: { outlined: string[] } }>('poll_events', {
      max_body_bytes: 1_000_000,
    });
    expect(page.budget.outlined).toEqual(expect.arrayContaining([binId, formId, textId]));
  }, 60_000);
});
