/**
 * Claims decided elsewhere: the relay a desktop mirrors holds the claims on its events, so agents on
 * two desktops cannot both hold one event. The app layer supplies it from the saved relay connection.
 */
export interface RemoteClaims {
  /** Ids of the endpoints the relay holds (events of others are this desktop's own: claimed here only). */
  endpointIds(): Promise<Set<string>>;
  /** Claims events for `holder` for `seconds`; one boolean per id, and when the claims lapse (epoch ms). */
  claim(
    ids: string[],
    holder: string,
    seconds: number,
    actor: string,
  ): Promise<{ until: number; claimed: boolean[] }>;
  /** Ends `holder`'s claims on these events. */
  release(ids: string[], holder: string): Promise<void>;
}

/** Where a saved relay connection's claims are made: the port and this inbox's holder prefix. */
export interface RemoteClaimsTarget {
  port: RemoteClaims;
  /** Prefix of this inbox's holders (`<prefix>:<session>`), so its mirror maps its own claims back. */
  prefix: string;
}

/** The holder a relay records for a local agent session. */
export function remoteHolder(prefix: string, session: string): string {
  return `${prefix}:${session}`;
}

/**
 * The local session of a relay claim this inbox took (the relay's session is `member/holder`),
 * or null when another desktop or a script holds it.
 */
export function ownSession(relaySession: string, prefix: string): string | null {
  const holder = relaySession.slice(relaySession.indexOf('/') + 1);
  return holder.startsWith(`${prefix}:`) ? holder.slice(prefix.length + 1) : null;
}
