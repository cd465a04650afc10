import type { HeaderPair } from '../../shared/types';

const MAX_CLAIMS = 32;

/**
 * The client addresses a request *claims* to be forwarded for (`X-Forwarded-For`, `Forwarded: for=`,
 * `X-Real-IP`), in header order. Anyone can send these headers, so they are shown as claims next to
 * the real peer address, never used as the source.
 */
export function claimedForwardedFor(headers: HeaderPair[]): string[] {
  const out: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for' || lower === 'x-real-ip') {
      for (const part of value.split(',')) {
        const trimmed = part.trim();
        if (trimmed) out.push(trimmed);
      }
    } else if (lower === 'forwarded') {
      for (const match of value.matchAll(/(?:^|[;,\s])for=("[^"]*"|[^;,\s]*)/gi)) {
        const claim = (match[1] ?? '').replace(/^"|"$/g, '');
        if (claim) out.push(claim);
      }
    }
    if (out.length >= MAX_CLAIMS) break;
  }
  // Bounded: a header flood must not turn into an unbounded field in every result.
  return out.slice(0, MAX_CLAIMS);
}
