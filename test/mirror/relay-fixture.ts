/** A real `hookline relay` process on loopback (embedded SQLite in its own data directory) and its tokens. */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import type { RelayStatus } from '../../shared/types';
import { CLI, type ServeProcess, runCli, runCliJson, startServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

/** A running relay. */
export interface RelayProcess {
  home: string;
  port: number;
  /** Its base URL (also its public URL: the relay runs without a proxy in tests). */
  url: string;
  /** A new member token. */
  token(name: string, readOnly?: boolean): string;
  revoke(name: string): void;
  /** Calls the relay API as a member. */
  api(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `hookline relay --port 0 --json` (or on a given data directory and port, to restart one) and waits for its ready line. */
export async function startRelay(
  at: { home: string; port: number } | null = null,
  flags: string[] = [],
): Promise<RelayProcess> {
  const home = at?.home ?? tempHome();
  const child = spawn(process.execPath, [CLI, 'relay', '--port', String(at?.port ?? 0), '--json', ...flags], {
    env: { ...process.env, HOOKLINE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay not ready: ${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { localUrl: string }).localUrl);
    });
    child.once('exit', (code) => reject(new Error(`relay exited (${code}): ${stderr}`)));
  });
  return {
    home,
    port: Number(new URL(url).port),
    url,
    token: (name, readOnly = false) =>
      runCliJson<{ token: string }>(home, [
        'relay',
        'tokens',
        'create',
        name,
        ...(readOnly ? ['--read-only'] : []),
      ]).token,
    revoke: (name) => {
      const r = runCli(home, ['relay', 'tokens', 'revoke', name]);
      if (r.code !== 0) throw new Error(r.stderr);
    },
    api: async (token, method, path, body) => {
      const res = await fetch(`${url}/api/relay/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Sends `count` POSTs to a relay endpoint, `parallel` at a time; returns the event ids in the order answered. */
export async function sendEvents(
  relayUrl: string,
  endpointId: string,
  count: number,
  parallel = 16,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const res = await fetch(`${relayUrl}/h/${endpointId}/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      const body = (await res.json()) as { event_id: string };
      if (res.status !== 200) throw new Error(`relay answered ${res.status}`);
      ids.push(body.event_id);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

/** Waits until the relay holds this endpoint (a desktop pushes what it creates in the background). */
export async function relayHas(relay: RelayProcess, token: string, endpointId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { status } = await relay.api(token, 'GET', '/endpoints').then(async (r) => {
      const list = (r.json as { endpoints: { id: string }[] }).endpoints;
      return { status: list.some((e) => e.id === endpointId) };
    });
    if (status) return;
    if (Date.now() > deadline) throw new Error(`the relay never got endpoint ${endpointId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A desktop (`hookline serve`) mirroring the relay as `token`'s member; by default returned once it
 * says it is connected (`connected: false` returns at once, for tests of what happens before).
 */
export async function startMirror(
  home: string,
  relay: RelayProcess,
  token: string,
  options: { connected?: boolean } = {},
): Promise<ServeProcess> {
  const desktop = await startServe(home, [
    ...['--port', '0', '--ui-port', '0', '--relay', relay.url, '--relay-token', token],
  ]);
  if (options.connected !== false)
    await desktop.waitFor((f) => (f as { relay?: RelayStatus | null }).relay?.state === 'connected');
  return desktop;
}
