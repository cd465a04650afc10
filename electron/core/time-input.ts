import { InboxError } from './errors';

// ISO 8601 date or date-time; Date.parse alone also takes "Tuesday" and other guesses.
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A time given by a person or an agent, in ms since epoch: ISO 8601 or ms; else an error naming the field. */
export function parseTime(field: string, value: string | number): number {
  const ms =
    typeof value === 'number'
      ? value
      : /^\d{1,15}$/.test(value.trim())
        ? Number(value.trim())
        : ISO.test(value.trim())
          ? Date.parse(value.trim())
          : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InboxError(
      'invalid',
      `${field}: "${value}" is not a time; pass an ISO time (2026-12-01T10:00:00Z) or ms since epoch`,
      { field },
    );
  }
  return ms;
}
