import type { DownListener, TunnelEndpoint, TunnelProvider } from './provider';

/** A public URL the user runs themselves (reverse proxy, ngrok, cloudflared): nothing to open or close. */
export class CustomUrlProvider implements TunnelProvider {
  readonly kind = 'custom';

  constructor(private readonly url: string) {}

  onDown(_listener: DownListener): () => void {
    // Nothing here can notice a break by itself; the manager's end-to-end probe does.
    return () => undefined;
  }

  async start(): Promise<TunnelEndpoint> {
    const url = new URL(this.url);
    // `*.localhost` is loopback by definition (RFC 6761) but Node's resolver may not know it.
    const connect = url.hostname.endsWith('.localhost')
      ? { host: '127.0.0.1', port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) }
      : null;
    return { url: this.url, connect };
  }

  async close(): Promise<void> {}
}
