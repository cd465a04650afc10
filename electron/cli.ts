import { runCli } from './cli/run';

// The `hookline` command. Long-running commands (serve, mcp, events tail) resolve stopSignal on SIGINT/SIGTERM.
const stopSignal = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

// Long-running commands wait on stopSignal; the change feed's timer is unref'd, so keep the loop alive meanwhile.
const keepAlive = setInterval(() => undefined, 1 << 30);
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  data: (text) => process.stdout.write(text),
  stdin: process.stdin,
  env: process.env,
  stopSignal,
});
clearInterval(keepAlive);
process.exitCode = code;
// Long-running commands leave timers/sockets behind after stopping; exit once output is flushed.
process.stdout.write('', () => process.exit(code));
