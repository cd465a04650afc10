/**
 * Characters that render invisibly, reorder text or smuggle hidden text to a model: controls (Cc),
 * format characters (Cf: zero-width, bidi controls, Unicode tags U+E0000–E007F, soft hyphen, BOM),
 * every default-ignorable code point (variation selectors U+FE00–FE0F and U+E0100–E01EF, U+034F,
 * Hangul fillers U+115F/U+1160/U+3164/U+FFA0, …), private-use characters (Co, also planes 15–16),
 * lone surrogates, unassigned code points and line/paragraph separators. Payloads are attacker-
 * controlled: a model or a person reading them must see these as visible escapes, never as hidden text.
 * The `u` flag makes the class match whole code points, astral planes included.
 */
const UNSAFE =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;

function escapeUnit(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * Replaces invisible and control characters with `\uXXXX` escapes (astral ones as a surrogate pair of
 * escapes). `keepLayout` keeps tab and line feed, for values inside JSON (serialized as `\t`/`\n`);
 * single-line texts such as titles escape them too.
 */
export function escapeUnsafe(text: string, keepLayout = false): string {
  return text.replace(UNSAFE, (c) => {
    if (keepLayout && (c === '\n' || c === '\t')) return c;
    let out = '';
    for (let i = 0; i < c.length; i++) out += escapeUnit(c.charCodeAt(i));
    return out;
  });
}

/**
 * A copy of a JSON-like value with every string (object keys included) passed through
 * {@link escapeUnsafe}. Used for MCP `structuredContent` too: clients hand that to the model as well.
 */
export function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeUnsafe(value, true);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[escapeUnsafe(key)] = escapeDeep(inner);
    return out;
  }
  return value;
}

/** JSON text safe to show a model: compact, every string escaped by {@link escapeDeep} (parses back to that value). */
export function safeJson(value: unknown): string {
  return JSON.stringify(escapeDeep(value));
}
