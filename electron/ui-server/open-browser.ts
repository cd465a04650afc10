import { spawn } from 'node:child_process';

/** Whether a browser was started, and if not, why (for a sentence to the user). */
export type OpenResult = { ok: true } | { ok: false; reason: string };

// xdg-open and friends exit at once after handing the URL over; one that is still running after
// this long has started a browser in the foreground, which counts as opened.
const SETTLE_MS = 3_000;

/** Opens a URL in the user's browser; resolves with whether that worked (never rejects). */
export function openBrowser(url: string): Promise<OpenResult> {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: OpenResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: true }), SETTLE_MS);
    timer.unref();
    try {
      const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
      child.on('error', (error: NodeJS.ErrnoException) =>
        done({ ok: false, reason: error.code === 'ENOENT' ? `${cmd} is not installed` : error.message }),
      );
      child.on('exit', (code, signal) =>
        done(
          code === 0
            ? { ok: true }
            : {
                ok: false,
                reason: `${cmd} failed (${signal ?? `exit code ${code}`}); is there a desktop session?`,
              },
        ),
      );
      child.unref();
    } catch (error) {
      done({ ok: false, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** The sentence for people when no browser could be opened: why, and the URL to open by hand. */
export function cannotOpenMessage(url: string, reason: string): string {
  return `Could not open a browser (${reason}). Open this URL yourself:\n  ${url}`;
}
