/**
 * Text for a terminal. Payloads are attacker-controlled, and a terminal obeys what it is sent:
 * ESC/CSI/OSC sequences (OSC 52 writes the clipboard, OSC 0 the title, CSI clears the screen or
 * moves the cursor), C1 controls (U+009B is CSI on its own), bidi overrides such as U+202E that
 * reorder what is shown, and zero-width or other invisible characters that hide text. Every such
 * character is shown as a visible escape instead; tab and newline keep their meaning.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;

/** Whether a character must be escaped before it reaches a terminal (tab and newline are fine). */
export function isUnsafeForTerminal(char: string): boolean {
  UNSAFE.lastIndex = 0;
  return char !== '\n' && char !== '\t' && UNSAFE.test(char);
}

/** Replaces every unsafe character with `\xNN` (below U+0100) or `\u{XXXX}`; tab and newline stay. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (char) => {
    if (char === '\n' || char === '\t') return char;
    const code = char.codePointAt(0) ?? 0;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Text for one line of a table or a field: a newline or tab in it is escaped too. */
export function terminalLine(text: string): string {
  return terminalText(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
