import { z } from 'zod';
import { errorText } from '../base/logger';

/** What a localtunnel server answers to a registration (`GET /<subdomain>` or `GET /?new`). */
export interface Registration {
  id: string;
  /** TCP port on the server the client's tunnel sockets connect to. */
  port: number;
  /** Public base URL of this tunnel. */
  url: string;
  maxConnCount: number;
  /** Address to dial instead of the host name, when the server names one. */
  ip: string | null;
}

const Answer = z.object({
  id: z.string().min(1).max(63),
  port: z.number().int().min(1).max(65_535),
  url: z.url({ protocol: /^https?$/ }),
  max_conn_count: z.number().int().min(1).max(100).optional(),
  ip: z.string().min(1).optional(),
});

const ErrorAnswer = z.object({ message: z.string() });

function causeOf(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) {
    const code = (error.cause as NodeJS.ErrnoException).code;
    return code && !error.cause.message.includes(code)
      ? `${code} ${error.cause.message}`
      : error.cause.message;
  }
  return errorText(error);
}

/**
 * Asks the server for a tunnel under `subdomain`. Unlike localtunnel's own client (which retries
 * every second forever, even after a 403, with no way to cancel), this fails once, with a reason,
 * within the signal's deadline — the manager owns retrying and backoff.
 */
export async function register(host: string, subdomain: string, signal: AbortSignal): Promise<Registration> {
  const where = `${host}/${subdomain}`;
  let res: Response;
  try {
    res = await fetch(where, { signal, headers: { accept: 'application/json' }, redirect: 'error' });
  } catch (error) {
    if (signal.aborted) throw new Error(`localtunnel server ${host} did not answer in time`);
    throw new Error(`cannot reach localtunnel server ${host}: ${causeOf(error)}`);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    if (signal.aborted) throw new Error(`localtunnel server ${host} did not answer in time`);
  }
  if (!res.ok) {
    const known = ErrorAnswer.safeParse(body);
    throw new Error(
      `localtunnel server ${host} refused the tunnel (HTTP ${res.status})${known.success ? `: ${known.data.message}` : ''}`,
    );
  }
  const parsed = Answer.safeParse(body);
  if (!parsed.success) {
    throw new Error(`localtunnel server ${host} gave an answer that is not a tunnel registration`);
  }
  const a = parsed.data;
  return { id: a.id, port: a.port, url: a.url, maxConnCount: a.max_conn_count ?? 1, ip: a.ip ?? null };
}
