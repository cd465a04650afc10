import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach } from 'vitest';
/** Shared set-up for delivery tests: a served inbox, endpoints made through the CLI, raw requests. */
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Inbox } from '../../electron/core/inbox';
import type { HeaderPair } from '../../shared/types';
import { CLI, type CliResult, type ServeProcess, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

/** A running `hookline serve` plus an Inbox opened on the same data directory by the test. */
export interface Served {
  home: string;
  serve: ServeProcess;
  inbox: Inbox;
  base: string;
}

const inboxes: Inbox[] = [];
afterEach(() => {
  for (const inbox of inboxes.splice(0)) inbox.close();
});

/** Starts serve (env e.g. HOOKLINE_FORWARD_BACKOFF_MS) and opens the inbox. */
export async function served(env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const home = tempHome();
  const port = await freePort();
  const serve = await startServe(home, ['--port', String(port), '--ui-port', '0'], env);
  const inbox = openLocalInbox({ home, watch: false });
  inboxes.push(inbox);
  return { home, serve, inbox, base: `http://127.0.0.1:${serve.facts.receiverPort}` };
}

/** Creates an endpoint through the CLI; returns its id. */
export function createEndpoint(home: string, label: string, flags: string[] = []): string {
  return runCliJson<{ id: string }>(home, ['endpoints', 'create', label, ...flags]).id;
}

/** Sends raw HTTP/1.1 bytes (exact header order, casing and repeats) and returns the response head and body. */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: HeaderPair[],
  body: Buffer,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const all: HeaderPair[] = headers.some(([k]) => k.toLowerCase() === 'host')
      ? headers
      : [['Host', `${hostname}:${port}`], ...headers];
    const head = `${method} ${path} HTTP/1.1\r\n${all.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`;
    socket.on('connect', () => socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body])));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(text.split(' ')[1]), text });
    });
  });
}

/** The event id the receiver answered with. */
export function eventIdOf(response: { text: string }): string {
  const match = /x-hookline-event-id: (evt_\w+)/i.exec(response.text);
  if (!match?.[1]) throw new Error(`no event id in the response: ${response.text}`);
  return match[1];
}

/** Runs the CLI without blocking this process's event loop (tests whose HTTP target lives in this process). */
export function runCliAsync(home: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, HOOKLINE_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
