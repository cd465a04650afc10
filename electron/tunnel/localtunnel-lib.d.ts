// Types for localtunnel's Tunnel class, which the package ships but does not export from its
// entry point (@types/localtunnel only covers the entry). Only what localtunnel-provider.ts uses.
declare module 'localtunnel/lib/Tunnel.js' {
  import { EventEmitter } from 'node:events';

  /** The connection info `_getInfo` builds from a registration answer. */
  type TunnelInfo = Record<string, unknown>;

  /** localtunnel 2.0.2's client: registers, then keeps `max_conn` sockets open to the server. */
  class Tunnel extends EventEmitter {
    constructor(opts: { host: string; port: number; subdomain?: string });
    url: string;
    closed: boolean;
    _init(cb: (err: Error | null, info?: TunnelInfo) => void): void;
    _getInfo(body: Record<string, unknown>): TunnelInfo;
    open(cb: (err?: Error) => void): void;
    close(): void;
  }
  export = Tunnel;
}
