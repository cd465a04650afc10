/** What the shell needs from one `hookline serve --json` line. */
export interface ServeFacts {
  role: 'leader' | 'follower';
  pid: number;
  home: string;
  receiverPort: number | null;
  /** `http://127.0.0.1:<port>/?token=<token>`; null when the core runs without a UI server. */
  uiUrl: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses one stdout line of `serve --json`; null for anything that is not a Hookline facts line
 * (the core's stdout is another process's output: untrusted until checked).
 */
export function parseServeLine(line: string): ServeFacts | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.app !== 'hookline') return null;
  const { role, pid, home, receiverPort, uiUrl } = value;
  if (role !== 'leader' && role !== 'follower') return null;
  if (typeof pid !== 'number' || typeof home !== 'string') return null;
  if (uiUrl !== null && typeof uiUrl !== 'string') return null;
  return {
    role,
    pid,
    home,
    receiverPort: typeof receiverPort === 'number' ? receiverPort : null,
    uiUrl,
  };
}
