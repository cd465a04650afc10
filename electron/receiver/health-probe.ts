import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a Hookline /healthz answers. */
export interface HealthAnswer {
  app: string;
  version: string;
  /** Opaque identity of the inbox it serves (equal for every process on one data directory). */
  dataDirId: string;
  /** Opaque id of the answering process. */
  instance: string;
}

/** Where to ask for `/healthz`: a base URL, optionally dialled at another address (keeping the URL's Host). */
export interface HealthTarget {
  baseUrl: string;
  /** Connect here instead of resolving the URL's hostname (e.g. `*.localhost` names, which DNS may not know). */
  connect?: { host: string; port: number };
  headers?: Record<string, string>;
}

/** The answer, or why there was none (written for people: it ends up in status lines). */
export type HealthResult = { ok: true; answer: HealthAnswer } | { ok: false; reason: string };

const MAX_BODY = 64 * 1024;

function parseAnswer(text: string): HealthAnswer | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return null;
    const o = body as Record<string, unknown>;
    if (o.app !== 'hookline' || typeof o.dataDirId !== 'string') return null;
    return {
      app: 'hookline',
      version: String(o.version),
      dataDirId: o.dataDirId,
      instance: String(o.instance),
    };
  } catch {
    return null;
  }
}

/** GETs `<baseUrl>/healthz` and checks that a Hookline answered; never throws, never waits past the timeout. */
export function checkHealth(target: HealthTarget, timeoutMs = 1_500): Promise<HealthResult> {
  // Appended, not resolved: a base URL with a path prefix (a reverse proxy's) keeps it.
  const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}/healthz`);
  const where = url.href;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: HealthResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      {
        protocol: url.protocol,
        host: target.connect?.host ?? url.hostname,
        port: target.connect?.port ?? url.port,
        servername: url.hostname,
        path: url.pathname,
        method: 'GET',
        headers: { host: url.host, ...target.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const answer = res.statusCode === 200 ? parseAnswer(text) : null;
          if (answer) return done({ ok: true, answer });
          const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
          done({
            ok: false,
            reason: `${where} answered HTTP ${res.statusCode} but not as Hookline${snippet ? ` ("${snippet}")` : ''}`,
          });
        });
        res.on('error', (e) => done({ ok: false, reason: `${where}: ${e.message}` }));
      },
    );
    // A whole-request deadline: a tunnel server may accept the request and then never answer.
    const timer = setTimeout(
      () => done({ ok: false, reason: `${where} did not answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    req.on('error', (e) => done({ ok: false, reason: `${where}: ${e.message}` }));
    req.end();
  });
}

/** Asks `http://127.0.0.1:<port>/healthz`; null when nothing (or not Hookline) answers within the timeout. */
export async function probeHealth(port: number, timeoutMs = 1_500): Promise<HealthAnswer | null> {
  const result = await checkHealth({ baseUrl: `http://127.0.0.1:${port}` }, timeoutMs);
  return result.ok ? result.answer : null;
}
