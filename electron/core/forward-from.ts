/**
 * Who sends an endpoint's auto-forwards on a desktop that mirrors a relay (docs/RELAY.md "Who
 * forwards what"): a target only this machine can reach (loopback, a private address, `localhost`,
 * `*.local`, a name without a dot) is forwarded here; any other (public) target is pushed to the
 * relay and forwarded there, once for the whole team, while laptops sleep. A per-endpoint choice
 * overrides the rule.
 */
import type { Endpoint } from '../../shared/types';

/** Where an endpoint's forwards are sent from. */
export type ForwardFrom = 'relay' | 'here';

/** The choices people may give (`--forward-from`): `auto` follows the target rule. */
export const FORWARD_FROM_CHOICES = ['auto', 'relay', 'here'] as const;

/** A choice given for an endpoint: the rule (`auto`), or one side forced. */
export type ForwardFromChoice = (typeof FORWARD_FROM_CHOICES)[number];

function privateIpv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = 0, b = 0] = parts;
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function privateIpv6(host: string): boolean {
  const h = host.toLowerCase();
  return h === '::1' || h === '::' || /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}

/** True when only this machine (or its local network) can reach the URL: it stays on the desktop. */
export function isLocalTarget(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  if (host.startsWith('[') && host.endsWith(']')) return privateIpv6(host.slice(1, -1));
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (privateIpv4(host)) return true;
  // A single-label name (`devbox`) resolves only on this network.
  return !host.includes('.');
}

/**
 * Who forwards this endpoint's events: null when it has no forward URL; `here` when no relay is
 * mirrored; else the choice, or the target rule.
 */
export function forwardFrom(
  endpoint: Pick<Endpoint, 'forwardUrl'>,
  mirroring: boolean,
  choice: ForwardFromChoice,
): ForwardFrom | null {
  if (!endpoint.forwardUrl) return null;
  if (!mirroring) return 'here';
  if (choice !== 'auto') return choice;
  return isLocalTarget(endpoint.forwardUrl) ? 'here' : 'relay';
}
