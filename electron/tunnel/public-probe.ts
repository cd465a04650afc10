import { checkHealth } from '../receiver/health-probe';
import type { TunnelEndpoint } from './provider';

/** Who must answer at the far end: this very process on this data directory. */
export interface ProbeExpectation {
  /** This process's /healthz `instance`. */
  instance: string;
  /** This inbox's /healthz `dataDirId`. */
  dataDirId: string;
}

/** The result of one end-to-end check: null when fine, else why not. */
export type ProbeOutcome = string | null;

/**
 * Requests `<public URL>/healthz` through the tunnel and checks that this process answered —
 * not a reminder page, not a 503 from the tunnel server, not another Hookline that got our name.
 */
export async function probePublicUrl(
  endpoint: TunnelEndpoint,
  expect: ProbeExpectation,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const result = await checkHealth(
    {
      baseUrl: endpoint.url,
      connect: endpoint.connect ?? undefined,
      // localtunnel shows browser-like clients a reminder page instead of the site unless this is set.
      // ngrok's free plan shows browsers a warning page unless this is set.
      headers: {
        'bypass-tunnel-reminder': '1',
        'ngrok-skip-browser-warning': '1',
        'user-agent': 'hookline-tunnel-probe',
      },
    },
    timeoutMs,
  );
  if (!result.ok) return result.reason;
  if (result.answer.instance !== expect.instance || result.answer.dataDirId !== expect.dataDirId) {
    const which =
      result.answer.dataDirId === expect.dataDirId ? 'another process on this inbox' : 'another inbox';
    return `${endpoint.url} reaches another Hookline (${which}), not this one`;
  }
  return null;
}
