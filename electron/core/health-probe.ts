import { request } from 'node:http';

/** What a Hookline /healthz answers. */
export interface HealthAnswer {
  app: string;
  version: string;
  home: string;
  pid: number;
}

/** Asks `http://127.0.0.1:<port>/healthz`; null when nothing (or not Hookline) answers within the timeout. */
export function probeHealth(port: number, timeoutMs = 1_500): Promise<HealthAnswer | null> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/healthz', method: 'GET', timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          if (chunks.length > 64) req.destroy();
        });
        res.on('end', () => {
          try {
            const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (typeof body !== 'object' || body === null) return resolve(null);
            const o = body as Record<string, unknown>;
            if (o.app !== 'hookline' || typeof o.home !== 'string') return resolve(null);
            resolve({ app: 'hookline', version: String(o.version), home: o.home, pid: Number(o.pid) });
          } catch {
            resolve(null);
          }
        });
        res.on('error', () => resolve(null));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}
