// Benchmarks the GUI against a real core seeded with 100,000 events (override: BENCH_EVENTS=n):
// time to first rows after page load, frame times while scrolling, DOM row count, API latencies.
// Run after `npm run build`: node bench/ui.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const COUNT = Number(process.env.BENCH_EVENTS ?? 100_000);
const SCROLL_FRAMES = 600;

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

const ms = (n) => `${n.toFixed(1)} ms`;
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Imports a TypeScript helper from test/ (bundled on the fly, inside the project so bare imports resolve). */
async function importHelper(path, name) {
  const out = join(ROOT, 'node_modules/.cache/hookline-bench', `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, path)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}

/** Seeds through the real Store (test/ui/seed.ts) so rows, FTS and change log are genuine. */
async function seed(home) {
  mkdirSync(home, { recursive: true });
  const { seedEvents } = await importHelper('test/ui/seed.ts', 'seed');
  const t0 = performance.now();
  seedEvents(home, COUNT, 'bench');
  return performance.now() - t0;
}

function serve(home) {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--json', '--tunnel', 'none', '--port', '0', '--ui-port', '0'],
    {
      env: { ...process.env, HOOKLINE_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolveServe, reject) => {
    let buf = '';
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl !== -1) resolveServe({ child, facts: JSON.parse(buf.slice(0, nl)) });
    });
  });
}

async function apiTimes(uiUrl) {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token');
  const call = async (method, params) => {
    const t0 = performance.now();
    const res = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params),
    });
    await res.json();
    return performance.now() - t0;
  };
  const median = async (method, params) => {
    const xs = [];
    for (let i = 0; i < 7; i++) xs.push(await call(method, params));
    return pct(xs, 50);
  };
  return {
    'events.list first page (200)': await median('events.list', { limit: 200 }),
    'events.list deep page (cursor 1,000)': await median('events.list', { limit: 200, cursor: 1000 }),
    'events.list search "number 4242"': await median('events.list', { limit: 200, text: 'number 4242' }),
    'events.list filter POST+invalid': await median('events.list', {
      limit: 200,
      methods: ['POST'],
      verification: ['invalid'],
    }),
    'endpoints.list (with counts)': await median('endpoints.list', {}),
    'status.get': await median('status.get', {}),
  };
}

const base = mkdtempSync(join(tmpdir(), 'hookline-bench-ui-'));
const home = join(base, 'home');
let server;
let browser;
try {
  console.log(`Seeding ${COUNT.toLocaleString('en-US')} events…`);
  const seedMs = await seed(home);
  console.log(`  seeded in ${ms(seedMs)}`);
  server = await serve(home);
  const uiUrl = server.facts.uiUrl;
  // The same search as the UI tests: CHROMIUM_PATH, an installed Chrome/Chromium, @sparticuz/chromium.
  const { findBrowser, launchFrom } = await importHelper('test/ui/find-browser.ts', 'find-browser');
  const source = await findBrowser();
  if (!source) throw new Error('No browser: set CHROMIUM_PATH, install Chromium, or `npm install`');
  console.log(`  browser: ${source.from}`);
  browser = await launchFrom(source);
  const loads = [];
  let page;
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    const t0 = performance.now();
    await page.goto(uiUrl);
    await page.locator('[data-testid=event-row]').first().waitFor();
    loads.push(performance.now() - t0);
    if (i < 2) await context.close();
  }
  const domRowsAtLoad = await page.locator('[data-testid=event-row]').count();

  // Scroll the list one step per animation frame, like a fast trackpad fling, recording frame deltas.
  const scroll = await page.getByTestId('event-list').evaluate(
    (el, frames) =>
      new Promise((done) => {
        const deltas = [];
        let maxRows = 0;
        let last = performance.now();
        let n = 0;
        const step = (now) => {
          deltas.push(now - last);
          last = now;
          el.scrollTop += 900;
          maxRows = Math.max(maxRows, el.querySelectorAll('[data-testid=event-row]').length);
          if (++n < frames) requestAnimationFrame(step);
          else done({ deltas: deltas.slice(1), maxRows, scrollTop: el.scrollTop });
        };
        requestAnimationFrame(step);
      }),
    SCROLL_FRAMES,
  );
  const rowsReached = Math.round(scroll.scrollTop / 34);
  const api = await apiTimes(uiUrl);

  console.log('\nGUI with', COUNT.toLocaleString('en-US'), 'events (Chromium headless, 1440×900)');
  console.log(
    `  page load → first rows visible: median ${ms(pct(loads, 50))} (runs: ${loads.map(ms).join(', ')})`,
  );
  console.log(`  rows in the DOM after load: ${domRowsAtLoad}`);
  console.log(
    `  scrolling ${SCROLL_FRAMES} frames at 900 px/frame (reached row ~${rowsReached.toLocaleString('en-US')}):`,
  );
  console.log(
    `    frame time median ${ms(pct(scroll.deltas, 50))}, p95 ${ms(pct(scroll.deltas, 95))}, max ${ms(Math.max(...scroll.deltas))}`,
  );
  console.log(
    `    frames over 50 ms: ${scroll.deltas.filter((d) => d > 50).length}; most rows in the DOM at once: ${scroll.maxRows}`,
  );
  console.log('  UI API latency (median of 7, over HTTP):');
  for (const [name, t] of Object.entries(api)) console.log(`    ${name.padEnd(40)} ${ms(t)}`);
} finally {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(base, { recursive: true, force: true });
}
