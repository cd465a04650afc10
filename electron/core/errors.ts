/** Kinds of expected failure every face maps to its own answer (HTTP status, MCP isError, CLI exit code). */
export type InboxErrorCode = 'not_found' | 'invalid' | 'conflict' | 'unavailable';

/** An expected failure with a message written for the user. */
export class InboxError extends Error {
  constructor(
    readonly code: InboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InboxError';
  }
}
