/**
 * Claims decided elsewhere: the relay a desktop mirrors holds the claims on its events, so agents on
 * two desktops cannot both hold one event. The app layer supplies it from the saved relay connection.
 */
export interface RemoteClaims {
  /**
   * Ids of the endpoints the relay holds, covering at least `needed` when the relay can be asked
   * (events of others are this desktop's own: claimed here only).
   */
  endpointIds(needed: string[]): Promise<Set<string>>;
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

/**
 * Which endpoints the relay holds, remembered between claiming reads: asked again only when a read
 * meets an endpoint not in the set (a new one may just have been made there), so the usual read
 * costs no extra round trip. When the relay cannot be reached, the last set known for that relay
 * answers: this desktop's own endpoints keep their local claims while the relay is down.
 */
export class RelayEndpointSet {
  private known: { relay: string; ids: Set<string> } | null = null;

  /** The relay's endpoint ids, covering `needed` when the relay can be asked. */
  async covering(relay: string, needed: string[], ask: () => Promise<Set<string>>): Promise<Set<string>> {
    const known = this.known?.relay === relay ? this.known.ids : null;
    if (known && needed.every((id) => known.has(id))) return known;
    try {
      const ids = await ask();
      this.known = { relay, ids };
      return ids;
    } catch (error) {
      if (known) return known;
      throw error;
    }
  }
}
