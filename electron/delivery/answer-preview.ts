/** The start of a target's answer as text, saying how much was left out (results stay bounded). */
export function answerPreview(body: Uint8Array, maxChars: number): string {
  const text = Buffer.from(body).toString('utf8');
  return text.length > maxChars
    ? `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`
    : text;
}
