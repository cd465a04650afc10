import { describe, expect, it } from 'vitest';
import { resultChars as chars, callRaw as raw, startLeadingAgent } from './agent';

describe('hookline mcp: lists that fit a context window', () => {
  it('pages many endpoints, cuts the status list and the trigger type list to the budget, and says so', async () => {
    const { agent } = await startLeadingAgent();
    for (let i = 0; i < 120; i++) await agent.call('register_webhook', { label: `endpoint-number-${i}` });

    const labels: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const result = await raw(agent, 'list_webhooks', { cursor, max_chars: 4_000 });
      expect(chars(result)).toBeLessThanOrEqual(4_000);
      const page = result.structuredContent as {
        webhooks: { label: string }[];
        has_more: boolean;
        cursor: string | null;
        budget: { note: string | null };
      };
      labels.push(...page.webhooks.map((w) => w.label));
      if (!page.has_more) break;
      expect(page.budget.note).toMatch(/cursor/);
      cursor = page.cursor;
    }
    expect(new Set(labels).size).toBe(120);

    const status = await raw(agent, 'get_inbox_status', {});
    expect(chars(status)).toBeLessThanOrEqual(16_000);
    const out = status.structuredContent as { endpoints: unknown[]; budget: { note: string | null } };
    if (out.endpoints.length < 120) expect(out.budget.note).toMatch(/list_webhooks/);

    const types = await raw(agent, 'trigger_event', { provider: 'github' });
    expect(chars(types)).toBeLessThanOrEqual(16_000);
    const listed = types.structuredContent as {
      available_types: unknown[];
      has_more: boolean;
      note: string | null;
    };
    if (listed.has_more) expect(listed.note).toMatch(/event_type/);
  }, 60_000);
});
