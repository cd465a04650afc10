import type { RuntimeInfo } from '../../shared/types';
import { publicBaseUrl } from './runtime';

/** The receiver port used when none is given. */
export const DEFAULT_RECEIVER_PORT = 4780;
/** The UI server port used when none is given. */
export const DEFAULT_UI_PORT = 4781;

/** Where an endpoint can be reached. */
export interface EndpointUrls {
  /** Loopback URL on the receiver port (the default port while no process holds it). */
  local: string;
  /** Internet-reachable URL when a tunnel or custom public URL is up. */
  public: string | null;
  /** The URL to hand to a sender: public when available, else local. */
  url: string;
  /** Which of the two `url` is. */
  kind: 'public' | 'local';
  /** False when no Hookline process holds the receiver port right now. */
  receiving: boolean;
}

/**
 * Builds an endpoint's URLs from the shared runtime facts. While no process receives, the local URL
 * names `askedPort` (the port this process was told to receive on), never a default nobody asked for.
 */
export function endpointUrls(
  endpointId: string,
  runtime: RuntimeInfo,
  askedPort = DEFAULT_RECEIVER_PORT,
): EndpointUrls {
  const localBase = runtime.localBaseUrl ?? `http://127.0.0.1:${askedPort}`;
  const local = `${localBase}/h/${endpointId}`;
  const base = publicBaseUrl(runtime);
  const pub = base ? `${base}/h/${endpointId}` : null;
  return {
    local,
    public: pub,
    url: pub ?? local,
    kind: pub ? 'public' : 'local',
    receiving: runtime.leaderPid !== null,
  };
}
