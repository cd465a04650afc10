import { afterEach, expect } from 'vitest';
import type { RelayStore } from '../../electron/core/relay-ports';
import { type Relay, startRelay } from '../../electron/relay/server';
import { newRelayToken } from '../../electron/relay/tokens';
import type { RelayWireEndpoint } from '../../shared/relay-wire';
import { relayCall } from './relay-client';

/** How the suite gets a store: the embedded SQLite one, or PostgreSQL. */
export interface RelayStoreHarness {
  /** A fresh, empty store. */
  open(): Promise<RelayStore>;
  /** Makes this store fail for real (database closed, server stopped): the relay must answer 503. */
  break(store: RelayStore): Promise<void>;
}

/** A relay started for one test. */
export interface Running {
  store: RelayStore;
  relay: Relay;
  url: string;
  /** A read-write token of member "alice", a read-only one of "bob". */
  alice: string;
  bob: string;
}

/** Starts relays over fresh stores for the tests around it (each stopped after its test), and helpers to drive them. */
export function useRelays(harness: RelayStoreHarness) {
  const started: Running[] = [];

  afterEach(async () => {
    for (const r of started.splice(0)) {
      await r.relay.close();
      await r.store.close().catch(() => undefined);
    }
  });

  async function start(options: { maxBodyBytes?: number } = {}): Promise<Running> {
    const store = await harness.open();
    const alice = newRelayToken('alice', false, Date.now());
    const bob = newRelayToken('bob', true, Date.now());
    await store.createToken(alice.row);
    await store.createToken(bob.row);
    const relay = await startRelay({
      store,
      port: 0,
      publicUrl: 'https://hooks.example.test',
      maxBodyBytes: options.maxBodyBytes,
    });
    const running = { store, relay, url: relay.localUrl, alice: alice.token, bob: bob.token };
    started.push(running);
    return running;
  }

  async function createEndpoint(r: Running, body: Record<string, unknown>): Promise<RelayWireEndpoint> {
    const res = await relayCall<{ endpoint: RelayWireEndpoint }>(r.url, 'POST', 'endpoints', r.alice, body);
    expect(res.status).toBe(201);
    return res.body.endpoint;
  }

  async function post(r: Running, endpointId: string, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${r.url}/h/${endpointId}`, { method: 'POST', body, headers });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  return { start, createEndpoint, post };
}
