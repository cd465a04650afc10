/** `hookline schema attach|detach`, violations on events: listed, filtered, shown; GitHub checked by serve. */
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson, startLocalServe } from '../helpers/cli-process';
import { startInboxServer } from '../helpers/inbox-server';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';

interface Row {
  id: string;
  schemaViolations: number | null;
}

describe('hookline schema attach', () => {
  it('attaches a schema from a file or inferred from events; violations are listed, filtered, shown and go with detach', async () => {
    const { inbox, url, home } = await startInboxServer();
    inbox.createEndpoint({ label: 'orders' }, 'cli');
    const endpointId = inbox.getEndpoint('orders').id;
    const send = async (value: unknown) => {
      const res = await fetch(url(endpointId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(value),
      });
      return res.headers.get('x-hookline-event-id') ?? '';
    };
    const good = await send({ type: 'order.paid', data: { amount: 100 } });
    const bad = await send({ type: 'order.paid', data: { amount: '300' } });
    const wide = await send({
      type: 'order.paid',
      data: { amount: 1, ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`x${i}`, i])) },
    });
    const refund = await send({ type: 'order.refunded', data: { amount: 5 } });

    const file = join(home, 'paid.schema.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'object',
        properties: {
          data: {
            type: 'object',
            properties: { amount: { type: 'integer' } },
            additionalProperties: false,
          },
        },
      }),
    );
    // No Hookline is running: the CLI re-checks the stored events itself before it answers.
    const attached = runCli(home, ['schema', 'attach', 'orders', '--file', file, '--type', 'order.paid']);
    expect(attached.code).toBe(0);
    expect(attached.stdout).toContain('for "order.paid" events; 4 stored event(s) re-checked');

    const flagged = runCliJson<Row[]>(home, ['events', 'list', '--schema-violations', '--json']);
    expect(flagged.map((r) => r.id).sort()).toEqual([bad, wide].sort());
    expect(flagged.find((r) => r.id === wide)?.schemaViolations).toBe(12);
    const all = runCliJson<Row[]>(home, ['events', 'list', '--json']);
    expect(all.find((r) => r.id === good)?.schemaViolations).toBe(0);
    // The refund has a type without a schema of its own, and there is none for every type.
    expect(all.find((r) => r.id === refund)?.schemaViolations).toBeNull();
    expect(runCli(home, ['events', 'list', '--schema-violations']).stdout).toContain('1 schema violation(s)');

    const shown = runCli(home, ['events', 'show', bad]).stdout;
    expect(shown).toContain('Schema:     1 violation(s) of endpoint schema for order.paid');
    expect(shown).toContain('/data/amount: must be integer (found "300")');
    const shownWide = runCli(home, ['events', 'show', wide]).stdout;
    expect(shownWide).toContain('Schema:     12 violation(s)');
    expect(shownWide).toContain('… and 2 more (not listed)');
    expect(runCli(home, ['events', 'show', good]).stdout).toContain(
      'Schema:     valid against endpoint schema for order.paid',
    );
    const json = runCliJson<{ schemaCheck: { count: number; more: number; violations: unknown[] } }>(home, [
      'events',
      'show',
      wide,
      '--json',
    ]);
    expect(json.schemaCheck).toMatchObject({ count: 12, more: 2 });
    expect(json.schemaCheck.violations).toHaveLength(10);

    // Inferred from the refund events: for their type, which they all pass.
    const inferred = runCli(home, ['schema', 'attach', 'orders', '--infer', '--type', 'order.refunded']);
    expect(inferred.stdout).toContain('(inferred from 1 event(s)) to orders for "order.refunded" events');
    expect(
      runCliJson<Row[]>(home, ['events', 'list', '--json']).find((r) => r.id === refund)?.schemaViolations,
    ).toBe(0);

    const detached = runCli(home, ['schema', 'detach', 'orders', '--type', 'order.paid']);
    expect(detached.code).toBe(0);
    expect(runCliJson<Row[]>(home, ['events', 'list', '--schema-violations', '--json'])).toEqual([]);
    expect(runCli(home, ['events', 'show', bad]).stdout).not.toContain('Schema:');
    // Some twenty CLI processes in a row: generous on a busy machine.
  }, 90_000);

  it('refuses what cannot be attached, with the reason', async () => {
    const { inbox, home } = await startInboxServer();
    inbox.createEndpoint({ label: 'orders' }, 'cli');
    const notJson = join(home, 'broken.json');
    writeFileSync(notJson, '{ "type": ');
    const broken = runCli(home, ['schema', 'attach', 'orders', '--file', notJson]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`Cannot read "${notJson}" as JSON`);
    const unusable = join(home, 'unusable.json');
    writeFileSync(unusable, JSON.stringify({ type: 'nope' }));
    const bad = runCli(home, ['schema', 'attach', 'orders', '--file', unusable]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot be used');
    expect(runCli(home, ['schema', 'attach', 'orders']).stderr).toContain('needs --file F or --infer');
    expect(runCli(home, ['schema', 'attach', 'orders', '--infer']).stderr).toContain(
      'No events with a JSON body',
    );
    expect(runCli(home, ['schema', 'detach', 'orders']).stderr).toContain('No schema is attached');
    expect(runCli(home, ['schema', 'attach', 'nope', '--file', unusable]).stderr).toContain('not found');
  });

  it("serve checks GitHub events against GitHub's published schemas in the background, without anything attached", async () => {
    const home = tempHome();
    const serve = await startLocalServe(home);
    runCli(home, ['endpoints', 'create', 'gh', '--provider', 'github', '--secret', 's']);
    const endpoint = runCliJson<Array<{ id: string; label: string }>>(home, [
      'endpoints',
      'list',
      '--json',
    ]).find((e) => e.label === 'gh');
    const body = JSON.stringify({ action: 'opened', number: 'seven', pull_request: { user: null } });
    const res = await fetch(`http://127.0.0.1:${serve.facts.receiverPort}/h/${endpoint?.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-hub-signature-256': `sha256=${createHmac('sha256', 's').update(body).digest('hex')}`,
      },
      body,
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-hookline-event-id') ?? '';
    const flagged = await until(
      () => runCliJson<Row[]>(home, ['events', 'list', '--schema-violations', '--json']),
      (rows) => rows.length > 0,
      60_000,
    );
    expect(flagged.map((r) => r.id)).toEqual([id]);
    const shown = runCli(home, ['events', 'show', id]).stdout;
    expect(shown).toContain('of @octokit/webhooks-schemas pull_request$opened');
    expect(shown).toContain('/number: must be integer (found "seven")');
    await serve.stop();
    // The first GitHub check compiles GitHub's schemas (over a second of CPU; far more on a busy machine).
  }, 90_000);
});
