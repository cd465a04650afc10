/** Keeps the last `limit` characters of a stream, for error dialogs ("what did the core say?"). */
export class TextTail {
  private text = '';

  constructor(private readonly limit = 4000) {}

  /** Appends a chunk, dropping the oldest text beyond the limit. */
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.limit);
  }

  /** The kept text, trimmed. */
  toString(): string {
    return this.text.trim();
  }
}

/** Splits a byte stream into lines, keeping the unfinished last line for the next chunk. */
export class LineSplitter {
  private buffer = '';

  /** Feeds a chunk; returns the complete lines it finished. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const parts = this.buffer.split('\n');
    this.buffer = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }
}
