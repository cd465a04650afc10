/** `serve` flags the app passes through to its core (all take a value). */
const PASS_THROUGH = new Set([
  '--port',
  '--ui-port',
  '--tunnel',
  '--tunnel-host',
  '--subdomain',
  '--public-url',
  '--ngrok-domain',
  '--max-body',
]);

/**
 * Picks the `serve` flags out of the app's command line (`hookline-app --port 4790`), so the
 * desktop app can run on other ports like `hookline serve`. Everything else — Chromium switches,
 * the script path — is ignored, and `--open` can't get through (the window is the UI).
 */
export function serveFlagsFromArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!PASS_THROUGH.has(name)) continue;
    const value = eq === -1 ? argv[i + 1] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) continue;
    out.push(name, value);
    if (eq === -1) i++;
  }
  return out;
}
