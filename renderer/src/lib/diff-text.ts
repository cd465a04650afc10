import type { ApiEvent } from '../../../shared/api';
import type { CodeLanguage } from './cm/setup';

/** An event's body as the diff view shows it: JSON pretty-printed, other text as is. */
export function diffableBody(event: ApiEvent): { text: string; language: CodeLanguage } {
  if (event.bodyText === null)
    return { text: `(binary body, ${event.bodySize} bytes: compared byte for byte)`, language: 'text' };
  try {
    return { text: JSON.stringify(JSON.parse(event.bodyText), null, 2), language: 'json' };
  } catch {
    return { text: event.bodyText, language: 'text' };
  }
}

/** A value from the change list, short enough for one table cell. */
export function shortValue(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
