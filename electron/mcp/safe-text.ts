/**
 * Characters that render invisibly or reorder text (C0/C1 controls, zero-width and bidi controls,
 * line/paragraph separators, soft hyphen, BOM). Payloads are attacker-controlled: a model or a
 * person reading them must see these as visible escapes, never as hidden text.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Replaces invisible and control characters with `\uXXXX` escapes (valid inside JSON strings). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON text safe to show a model: compact, with invisible characters escaped. */
export function safeJson(value: unknown): string {
  // Compact JSON has no structural whitespace but spaces, so every character matched here sits inside
  // a string, where a \u escape is valid and parses back to the same value.
  return escapeUnsafe(JSON.stringify(value));
}
