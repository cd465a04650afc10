import type { RelayView } from '../../shared/relay-text';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { checkRelayUrl } from '../core/mirror';
import { relayView } from '../core/status';
import { RelayClient, RelayError, type Whoami } from './relay-client';

/**
 * Checks a relay and its token (whoami) and saves the connection, so the leader's mirror follows it.
 * A wrong URL or a refused token is a clear error on the field at fault, and nothing is saved.
 */
export async function connectRelay(
  inbox: Inbox,
  url: string,
  token: string,
): Promise<{ relay: RelayView; who: Whoami }> {
  const base = checkRelayUrl(url);
  if (!token.trim()) throw new InboxError('invalid', 'Give the relay token', { field: 'token' });
  let who: Whoami;
  try {
    who = await new RelayClient(base, token.trim()).whoami();
  } catch (error) {
    if (!(error instanceof RelayError)) throw error;
    const field = error.code === 'unauthorized' ? 'token' : 'url';
    throw new InboxError(error.code === 'network' ? 'unavailable' : 'invalid', error.message, { field });
  }
  inbox.mirror.saveConnection(base, token);
  const relay = relayView(inbox) ?? { url: base, status: null };
  return { relay, who };
}
