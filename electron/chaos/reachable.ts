import { connect } from 'node:net';
import { InboxError } from '../core/errors';

// Long enough for a local handler under load; short enough that a wrong port is told at once.
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * Refuses a run whose target does not accept connections (nothing listening, a wrong host), with
 * the reason, before anything is planned: a run of send errors would only say it two hundred times.
 */
export async function assertReachable(targetUrl: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw new InboxError('invalid', `"${targetUrl}" is not a URL`, { field: 'targetUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InboxError('invalid', `"${targetUrl}" is not an http(s) URL`, { field: 'targetUrl' });
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const reason = await new Promise<string | null>((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
  if (reason !== null)
    throw new InboxError(
      'invalid',
      `Cannot reach ${url.host} (${reason}): start your handler there, or fix the target URL`,
      { field: 'targetUrl' },
    );
}
