import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import type { RelayStore } from '../../../electron/core/relay-ports';
import { CLI } from '../../helpers/cli-process';

/** A running `hookline relay --json` process. */
export interface RelayProcess {
  child: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/** Starts `node dist/cli.js relay --port 0 --json --database URL` and waits for its ready line. */
export function startRelayProcess(home: string, database: string): Promise<RelayProcess> {
  const child = spawn(process.execPath, [CLI, 'relay', '--port', '0', '--json', '--database', database], {
    env: { ...process.env, HOOKLINE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`relay exited (${code}): ${stderr}`)));
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const facts = JSON.parse(line) as { port: number; localUrl: string };
      resolve({ child, port: facts.port, url: facts.localUrl, stderr: () => stderr });
    });
  });
}

/** One request a sender made, and what it got back (status 0: no answer). */
export interface Sent {
  body: Buffer;
  status: number;
  eventId: string | null;
}

/** Posts one binary body to a relay's receiver and records the answer. */
export async function send(url: string, endpointId: string, body: Buffer): Promise<Sent> {
  try {
    const response = await fetch(`${url}/h/${endpointId}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-tag': 'relay-test' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const eventId = response.ok ? ((JSON.parse(text) as { event_id?: string }).event_id ?? null) : null;
    return { body, status: response.status, eventId };
  } catch {
    return { body, status: 0, eventId: null };
  }
}

/** How many stored events carry each body (hex), read through the store's feed. */
export async function storedBodies(store: RelayStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after = 0;
  for (;;) {
    const page = await store.feed(after, 1_000, 64 * 1024 * 1024);
    for (const item of page.items) {
      if (item.kind !== 'event.created') continue;
      const key = Buffer.from(item.event.body).toString('hex');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    after = page.next;
    if (!page.hasMore) return counts;
  }
}
