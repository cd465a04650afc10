// `npm start` (after the build): launches the desktop app, or — when Electron's binary cannot be
// had (offline first launch, unsupported platform, no display) — runs the core and opens the UI in
// the browser, so `npm start` always ends with a usable Hookline.
//
// Electron ≥ 42 downloads its binary the first time `require('electron')` runs. We let Electron's
// own code do that (never ELECTRON_SKIP_BINARY_DOWNLOAD: users need the download), in a child
// process so a failure comes back as a value instead of an exception with a misleading message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Printed by dist/main.js once its window has loaded (electron/shell/ready-marker.ts). */
export const SHELL_READY_MARKER = 'hookline-shell: ready';

const PATH_PREFIX = 'HOOKLINE_ELECTRON_PATH=';

/** The most telling line of a failed download's output (not Electron's generic "reinstall" advice). */
export function summariseFailure(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('Downloading Electron'));
  const telling = lines.find(
    (line) => /error|fail|ENOTFOUND|ECONN|ETIMEDOUT/i.test(line) && !/failed to install correctly/.test(line),
  );
  return telling ?? lines.at(-1) ?? 'no output';
}

/** Reads where Electron's binary is from the probe's stdout; null when the probe printed no path. */
export function parseProbeOutput(stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith(PATH_PREFIX));
  return line ? line.slice(PATH_PREFIX.length).trim() : null;
}

/**
 * What to launch. `probe` is `{ path, output }` from asking `require('electron')`; `exists` says
 * whether that path is a file. Electron when its binary is there, else the core in the browser.
 */
export function chooseLaunch(probe, exists, root = ROOT, nodePath = process.execPath, extraArgs = []) {
  if (probe.path && exists) {
    return { mode: 'electron', command: probe.path, args: [join(root, 'dist', 'main.js'), ...extraArgs] };
  }
  if (!probe.path && OFFLINE.test(probe.output)) {
    return {
      ...browserFallback('', root, nodePath, extraArgs),
      message: `${OFFLINE_MESSAGE} Meanwhile: starting the core and opening the UI in your browser.`,
    };
  }
  const reason = probe.path
    ? `no binary at ${probe.path}`
    : `it could not be downloaded: ${summariseFailure(probe.output)}`;
  return browserFallback(reason, root, nodePath, extraArgs);
}

// What a failed download says when the network is down or unreachable ("TypeError: fetch failed" from undici).
const OFFLINE = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/;

/** What "TypeError: fetch failed" means to someone running `npm start`. */
export const OFFLINE_MESSAGE =
  "Electron's binary could not be downloaded — are you offline? It is fetched on first launch; run `npm start` again when online.";

/** The browser fallback: `node dist/cli.js serve --open`, with the reason to print. */
export function browserFallback(reason, root = ROOT, nodePath = process.execPath, extraArgs = []) {
  return {
    mode: 'browser',
    message: `Electron's binary is not available (${reason}); starting the core and opening the UI in your browser instead.`,
    command: nodePath,
    args: [join(root, 'dist', 'cli.js'), 'serve', '--open', ...extraArgs],
  };
}

/**
 * After Electron exits: fall back to the browser when it died before showing its window (no
 * display, missing system libraries, sandbox refused) — but not when the user quit or pressed
 * Ctrl+C, and not after the window was up (a crash then is a crash, not "Electron unavailable").
 */
export function shouldFallBack({ code, signal, ready, interrupted }) {
  if (ready || interrupted) return false;
  return code !== 0 || signal !== null;
}

/**
 * Asks Electron's own index.js for its binary (it downloads on first use). Its output is kept for
 * the failure summary rather than echoed: offline, it ends in a stack trace that reads like a bug.
 */
function probeElectron() {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-e', `process.stdout.write('\\n${PATH_PREFIX}' + require('electron') + '\\n')`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Only a download takes this long: say so, or a first launch looks hung.
    const slow = setTimeout(() => console.error("Downloading Electron's binary (first launch only)…"), 1500);
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const done = (result) => {
      clearTimeout(slow);
      resolve(result);
    };
    child.on('error', (error) => done({ path: null, output: error.message }));
    child.on('close', () => done({ path: parseProbeOutput(stdout), output }));
  });
}

/** Runs a command with our terminal; resolves with how it ended and whether the window came up. */
function run(command, args, { watchReady }) {
  return new Promise((resolve) => {
    let ready = false;
    let interrupted = false;
    let stderr = '';
    const child = spawn(command, args, {
      stdio: ['inherit', watchReady ? 'pipe' : 'inherit', watchReady ? 'pipe' : 'inherit'],
    });
    if (watchReady) {
      child.stdout.on('data', (chunk) => {
        if (String(chunk).includes(SHELL_READY_MARKER)) ready = true;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-4000);
        process.stderr.write(chunk);
      });
    }
    // Ctrl+C already reaches the child through the terminal's process group; a second SIGINT
    // would cut its graceful shutdown short. So SIGINT is only forwarded (as SIGTERM, which the
    // core treats the same) if the child is still running a moment later — e.g. `kill -INT <pid>`.
    const forward = (signal) => {
      interrupted = true;
      if (signal === 'SIGTERM') child.kill('SIGTERM');
      else setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 1000).unref();
    };
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
    child.on('error', (error) => {
      stderr += error.message;
    });
    child.on('close', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM']) process.off(s, forward);
      resolve({ code, signal, ready, interrupted, stderr });
    });
  });
}

async function main() {
  const extraArgs = process.argv.slice(2);
  const probe = await probeElectron();
  let plan = chooseLaunch(
    probe,
    probe.path !== null && existsSync(probe.path),
    ROOT,
    process.execPath,
    extraArgs,
  );
  if (plan.mode === 'electron') {
    const exit = await run(plan.command, plan.args, { watchReady: true });
    if (!shouldFallBack(exit)) process.exit(exit.code ?? 1);
    plan = browserFallback(
      `it failed to start: ${summariseFailure(exit.stderr)}`,
      ROOT,
      process.execPath,
      extraArgs,
    );
  }
  // A UI already running for this inbox (a first `npm start` or `hookline serve`): show that one
  // instead of starting another on a random port.
  const reuse = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'open'], {
    stdio: ['ignore', 'inherit', 'ignore'],
  });
  if (reuse.status === 0) process.exit(0);
  console.error(plan.message);
  const exit = await run(plan.command, plan.args, { watchReady: false });
  process.exit(exit.code ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
