import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Endpoint, RelayStatus } from '../../shared/types';
import { startTarget } from '../delivery/target';
import { runCli, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';
import { until } from '../helpers/until';
import { type RelayProcess, relayHas, sendEvents, startMirror, startRelay } from './relay-fixture';

type RelayFacts = { relay?: RelayStatus | null };

function relayEndpoints(relay: RelayProcess, token: string): Promise<(Endpoint & { url: string })[]> {
  return relay
    .api(token, 'GET', '/endpoints')
    .then((r) => (r.json as { endpoints: (Endpoint & { url: string })[] }).endpoints);
}

describe('relay mirror: what syncs which way', () => {
  it("a second desktop sees the first one's ack (and unack), recorded as member/actor", async () => {
    const relay = await startRelay();
    const alice = relay.token('alice');
    const bob = relay.token('bob');
    const [homeA, homeB] = [tempHome(), tempHome()];
    await startMirror(homeA, relay, alice);
    await startMirror(homeB, relay, bob);
    const created = runCliJson<{ id: string }>(homeA, ['endpoints', 'create', 'github']);
    await relayHas(relay, alice, created.id);
    const [eventId] = await sendEvents(relay.url, created.id, 1);
    const b = openLocalInbox({ home: homeB, watch: false });
    try {
      expect(
        (
          await until(
            () => b.eventSummary(eventId ?? ''),
            (e) => e !== null,
          )
        )?.endpointId,
      ).toBe(created.id);
      await until(
        () => openLocalInbox({ home: homeA, watch: false }),
        () => true,
      );
      expect(runCli(homeA, ['events', 'ack', eventId ?? '']).code).toBe(0);
      const acked = await until(
        () => b.eventSummary(eventId ?? ''),
        (e) => e?.ackedAt != null,
        10_000,
      );
      // How soon ("within a second") is measured by bench/relay-catchup.mjs, not asserted here.
      expect(acked?.ackedBy).toBe('alice/cli');

      expect(runCli(homeA, ['events', 'unack', eventId ?? '']).code).toBe(0);
      expect(
        (
          await until(
            () => b.eventSummary(eventId ?? ''),
            (e) => e?.ackedAt === null,
            10_000,
          )
        )?.ackedBy,
      ).toBeNull();

      // No echo loop: once both desktops hold the relay's state, the relay's feed stops growing.
      const head = async () => {
        let after = 0;
        for (;;) {
          const page = (await relay.api(alice, 'GET', `/feed?after=${after}&limit=1000`)).json as {
            next: number;
            hasMore: boolean;
          };
          after = page.next;
          if (!page.hasMore) return after;
        }
      };
      const settled = await head();
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await head()).toBe(settled);
    } finally {
      b.close();
    }
  }, 120_000);

  it("endpoints made on the desktop are made on the relay with the same id and the relay's URL; the forward target stays on the laptop, which forwards what it mirrors", async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const home = tempHome();
    await startMirror(home, relay, token);
    const target = await startTarget();
    const made = runCliJson<{ id: string; url: string }>(home, [
      'endpoints',
      'create',
      'stripe-dev',
      '--secret',
      'whsec_test',
      '--forward-to',
      target.url,
    ]);
    expect(made.url).toBe(`${relay.url}/h/${made.id}`);
    const onRelay = await pollRelay(relay, token, (list) => list.length > 0);
    const remote = onRelay.find((e) => e.id === made.id);
    expect(remote?.label).toBe('stripe-dev');
    expect(remote?.url).toBe(made.url);
    // The secret went to the relay (it verifies there); the laptop's own forward target did not.
    expect(remote?.secretCount).toBe(1);
    expect(remote?.forwardUrl).toBeNull();

    await relayHas(relay, token, made.id);
    // An event sent to the relay is forwarded by the laptop, which owns its localhost.
    await sendEvents(relay.url, made.id, 1);
    const [forwarded] = await target.waitFor(1, 20_000);
    expect(JSON.parse(forwarded?.body.toString() ?? '{}')).toEqual({ n: 0 });

    // Changed and deleted on the desktop: changed and deleted on the relay.
    expect(runCli(home, ['endpoints', 'update', 'stripe-dev', '--label', 'stripe-prod']).code).toBe(0);
    const renamed = await pollRelay(relay, token, (list) => list[0]?.label === 'stripe-prod');
    expect(renamed[0]?.label).toBe('stripe-prod');

    // Made on the relay (a teammate): appears on the desktop.
    const teammate = await relay.api(token, 'POST', '/endpoints', { label: 'shopify' });
    const teammateId = (teammate.json as { endpoint: { id: string } }).endpoint.id;
    const local = openLocalInbox({ home, watch: false });
    try {
      expect(
        (
          await until(
            () => local.findEndpoint(teammateId),
            (e) => e !== null,
          )
        )?.label,
      ).toBe('shopify');
      expect(local.urls(teammateId).url).toBe(`${relay.url}/h/${teammateId}`);
      await relay.api(token, 'DELETE', `/endpoints/${teammateId}`);
      expect(
        await until(
          () => local.findEndpoint(teammateId),
          (e) => e === null,
        ),
      ).toBeNull();
    } finally {
      local.close();
    }
    expect(runCli(home, ['endpoints', 'delete', 'stripe-prod']).code).toBe(0);
    expect(await pollRelay(relay, token, (list) => list.length === 0)).toEqual([]);
  }, 120_000);

  it('a revoked token shows a clear error state, and the desktop keeps what it mirrored', async () => {
    const relay = await startRelay();
    const token = relay.token('alice');
    const home = tempHome();
    const desktop = await startMirror(home, relay, token);
    const made = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'github']);
    await relayHas(relay, token, made.id);
    await sendEvents(relay.url, made.id, 3);
    relay.revoke('alice');
    // Wake the open long-poll: its next call carries the revoked token.
    await sendEvents(relay.url, made.id, 1);
    const facts = await desktop.waitFor((f) => (f as RelayFacts).relay?.state === 'error', 40_000);
    const status = (facts as RelayFacts).relay;
    expect(status?.errorCode).toBe('unauthorized');
    expect(status?.lastError).toMatch(/revoked/);
    const shown = runCli(home, ['status']);
    expect(shown.stdout).toMatch(/Relay: +error: .*revoked.*reconnect with a valid token/);
    const local = openLocalInbox({ home, watch: false });
    try {
      expect(local.eventCounts().get(made.id)?.total).toBeGreaterThanOrEqual(3);
    } finally {
      local.close();
    }
  }, 120_000);
});

async function pollRelay(
  relay: RelayProcess,
  token: string,
  done: (list: (Endpoint & { url: string })[]) => boolean,
): Promise<(Endpoint & { url: string })[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const list = await relayEndpoints(relay, token);
    if (done(list) || Date.now() > deadline) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
}
