import type { RelayStatus } from './types';

/** The saved relay connection as every face shows it (never the token). */
export interface RelayView {
  url: string;
  /** Where the leader's mirror stands; null while no leader runs to follow it. */
  status: RelayStatus | null;
}

/** One line for people: "connected as alice", "catching up: 3,500 items so far", "error: …". */
export function relayStatusText(view: RelayView | null): string {
  if (!view) return 'not connected';
  const s = view.status;
  if (!s) return `saved (${view.url}); followed when a Hookline receives (hookline serve or the app)`;
  const as = s.member ? ` as ${s.member}${s.readOnly ? ' (read-only)' : ''}` : '';
  const notice = s.notice ? ` — ${s.notice}` : '';
  switch (s.state) {
    case 'connecting':
      return `connecting to ${s.url}${notice}`;
    case 'catching_up': {
      const left = s.behind === null ? '' : `, ${s.behind.toLocaleString('en-US')} to go`;
      return `catching up${as}: ${s.caughtUp.toLocaleString('en-US')} items so far${left}${notice}`;
    }
    case 'connected':
      return `connected${as} to ${s.url}${notice}`;
    case 'error':
      return `error: ${s.lastError ?? 'unknown'}${s.errorCode === 'unauthorized' ? ' (stopped: reconnect with a valid token)' : ' (retrying)'}${notice}`;
  }
}
