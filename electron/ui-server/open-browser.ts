import { spawn } from 'node:child_process';

/** Opens a URL in the user's browser (`serve --open`); failure only logs, the URL is printed anyway. */
export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', (error) => console.error(`[hookline] could not open a browser: ${error.message}`));
    child.unref();
  } catch (error) {
    console.error(`[hookline] could not open a browser: ${String(error)}`);
  }
}
