/**
 * Why `text` is not JSON (the parser's words); null when it parses or is empty (an empty body is a
 * valid choice, not a mistake).
 */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Does this text look like JSON (an object or array), so it is edited and shown as JSON? */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}
