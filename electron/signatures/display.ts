/**
 * Text shown to people in verdicts: signed content previews, durations, signature previews.
 */
import { toBase64, utf8Text } from './bytes';

const HEAD_CHARS = 2_000;
const TAIL_CHARS = 500;

/** Signed content as text (binary as `base64:…`), shortened in the middle when very long. */
export function showContent(bytes: Uint8Array): string {
  const text = utf8Text(bytes);
  const shown = text ?? `base64:${toBase64(bytes)}`;
  if (shown.length <= HEAD_CHARS + TAIL_CHARS + 100) return shown;
  const omitted = shown.length - HEAD_CHARS - TAIL_CHARS;
  return `${shown.slice(0, HEAD_CHARS)} … [${omitted} characters omitted] … ${shown.slice(-TAIL_CHARS)}`;
}

/**
 * Shows only the start of a signature we computed. A full expected signature for a request that
 * someone crafted would be a working forgery for whoever can read the verdict (e.g. an agent), and
 * a prefix is enough to compare by eye with what the sender or the user's own code produced.
 */
export function previewSignature(signature: string, visible = 20): string {
  return signature.length <= visible ? signature : `${signature.slice(0, visible)}…`;
}

/** A duration in words: "45 s", "3 min 20 s", "2 h 3 min", "4 d 5 h". */
export function formatDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

/** "1 secret" / "2 secrets". */
export function countSecrets(n: number): string {
  return n === 1 ? '1 secret' : `${n} secrets`;
}
