// Shared helpers for benchmarks: temp homes, starting `hookline serve`, percentiles, result lines.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../dist/cli.js');

/** A fresh data directory; removed when the process exits. */
export function tempHome(prefix = 'hookline-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port that was free a moment ago. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Runs the CLI to completion and parses its --json output. */
export function cliJson(home, args) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--json'], {
    env: { ...process.env, HOOKLINE_HOME: home },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`hookline ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Starts `hookline <command> … --json` and resolves with {child, facts} once it prints its ready line. */
function startCli(command, home, args) {
  const child = spawn(process.execPath, [CLI, command, '--json', ...args], {
    env: { ...process.env, HOOKLINE_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  return new Promise((res, rej) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) res({ child, facts: JSON.parse(line) });
    });
    child.once('exit', (code) => rej(new Error(`${command} exited ${code}`)));
  });
}

/** Starts `hookline serve --json` and resolves with {child, facts} when it is ready. */
export function startServe(home, args = []) {
  return startCli('serve', home, ['--tunnel', 'none', '--ui-port', '0', ...args]);
}

/** Starts `hookline relay --json --port 0` and resolves with {child, facts} when it is ready. */
export function startRelay(home, args = []) {
  return startCli('relay', home, ['--port', '0', ...args]);
}

/** A bare node:http server in its own process that reads the body and answers {"ok":true}: the yardstick. */
export async function bareServer() {
  const port = await freePort();
  const code = `require('node:http').createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json'});s.end('{"ok":true}')})}).listen(${port},'127.0.0.1',()=>console.log('ready'))`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('exit', () => child.kill('SIGKILL'));
  await new Promise((r) => child.stdout.once('data', r));
  return { child, port };
}

/** The p-th percentile (0–100) of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Prints a result line bench/run-all.mjs collects into REPORT.md. */
export function report(name, figures) {
  console.log(`BENCH_RESULT ${JSON.stringify({ name, ...figures })}`);
}
