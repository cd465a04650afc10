import { spawnSync } from 'node:child_process';
/**
 * Issue 12.5: sockets that send nothing were never closed, and hundreds of them exhaust descriptors
 * until real senders fail. The header timeout now runs from accept, and connections are capped per
 * address and in total: the oldest idle one makes room, and when none is idle the newcomer is told why.
 */
import { type Socket, connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLI, runCliJson, startLocalServe } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

function opened(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** Resolves 'closed' when the server closes the socket, 'open' if it is still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve('closed');
    // Read (and drop) whatever the server says, so its close is seen.
    socket.resume();
    const timer = setTimeout(() => resolve('open'), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    socket.once('end', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

/** Everything the server sends on this socket until it closes it. */
function answer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString();
    });
    socket.once('close', () => resolve(got));
  });
}

describe('idle connections', () => {
  it('closes a socket that never sends a byte once the header timeout passes', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home, { HOOKLINE_HEADERS_TIMEOUT_MS: '1000' });
    const silent = await opened(serve.facts.receiverPort);
    silent.on('error', () => undefined);
    expect(await closedWithin(silent, 8_000)).toBe('closed');
  });

  it('700 idle sockets from one address do not stop a real sender: the oldest idle ones make room', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home, { HOOKLINE_MAX_CONNECTIONS_PER_PEER: '50' });
    const port = serve.facts.receiverPort;
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'real']);
    const idle: Socket[] = [];
    try {
      for (let i = 0; i < 700; i++) {
        const s = await opened(port);
        s.on('error', () => undefined);
        idle.push(s);
      }
      const res = await fetch(`http://127.0.0.1:${port}/h/${endpoint.id}`, { method: 'POST', body: 'real' });
      expect(res.status).toBe(200);
      // Only the newest 50 (minus the one the real sender took) may still be open.
      const states = await Promise.all(idle.map((s) => closedWithin(s, 2_000)));
      expect(states.filter((s) => s === 'open').length).toBeLessThanOrEqual(50);
    } finally {
      for (const s of idle) s.destroy();
    }
  });

  it('refuses a connection over the per-address cap with a clear 503 when none is idle', async () => {
    const home = tempHome();
    const serve = await startLocalServe(home, { HOOKLINE_MAX_CONNECTIONS_PER_PEER: '3' });
    const port = serve.facts.receiverPort;
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'busy']);
    // Three senders in the middle of a request: not idle, so none may be dropped for a newcomer.
    const busy = await Promise.all([1, 2, 3].map(() => opened(port)));
    for (const s of busy) {
      s.on('error', () => undefined);
      s.write(`POST /h/${endpoint.id} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab`);
    }
    await new Promise((r) => setTimeout(r, 300));
    const fourth = await opened(port);
    fourth.on('error', () => undefined);
    const refused = await answer(fourth);
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toContain('Too many connections from your address (limit 3)');
    // The busy senders finish normally.
    const done = busy.map((s) => answer(s));
    for (const s of busy) s.end('cd');
    for (const text of await Promise.all(done)) expect(text).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses a bad limit setting with a message naming the variable', () => {
    const r = spawnSync(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--ui-port', '0', '--tunnel', 'none'],
      {
        env: { ...process.env, HOOKLINE_HOME: tempHome(), HOOKLINE_MAX_CONNECTIONS_PER_PEER: 'lots' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /HOOKLINE_MAX_CONNECTIONS_PER_PEER must be a whole number of at least 1, got "lots"/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
