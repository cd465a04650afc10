/**
 * POSIX shell quoting for generated commands. Header values are Latin-1 strings (one char per
 * byte, as Node read them), so any byte outside printable ASCII is written as `$'\xNN'` — the shell
 * then passes exactly that byte, not its UTF-8 encoding.
 */
export function quoteBytes(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return quoteText(value);
  let out = "$'";
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\x${(code & 0xff).toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** Single-quotes text (any UTF-8, newlines included — the shell keeps every byte but NUL). */
export function quoteText(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
