import type { z } from 'zod';
import type { FieldIssue } from '../../shared/types';

/** Kinds of expected failure every face maps to its own answer (HTTP status, MCP isError, CLI exit code). */
export type InboxErrorCode = 'not_found' | 'invalid' | 'conflict' | 'unavailable';

/** Which input a failure is about, so a form can mark the field instead of parsing the message. */
export interface InboxErrorFields {
  /** The one input field at fault, as a dotted path (`label`, `verify.toleranceSeconds`). */
  field?: string;
  /** Every field at fault, when there are several (or detail below `field`). */
  issues?: FieldIssue[];
}

/** An expected failure with a message written for the user, and the input field(s) it is about. */
export class InboxError extends Error {
  readonly field: string | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    readonly code: InboxErrorCode,
    message: string,
    fields: InboxErrorFields = {},
  ) {
    super(message);
    this.name = 'InboxError';
    this.field = fields.field;
    this.issues = fields.issues;
  }
}

type ZodIssue = z.ZodError['issues'][number];

/** A size limit in words: "must be at most 599", "must have at most 10 items", "must not be empty". */
function limitText(
  origin: string,
  side: 'most' | 'least',
  limit: number | bigint,
  inclusive: boolean,
): string {
  if (origin === 'string') {
    return side === 'least' && Number(limit) === 1
      ? 'must not be empty'
      : `must be at ${side} ${limit} characters`;
  }
  if (origin === 'array' || origin === 'set') return `must have at ${side} ${limit} items`;
  if (!inclusive) return `must be ${side === 'most' ? 'less' : 'more'} than ${limit}`;
  return `must be at ${side} ${limit}`;
}

/** A zod issue in words for people ("must be at most 599"), falling back to zod's own text. */
function issueText(issue: ZodIssue): string {
  // Parsed with `reportInput`, a missing key shows as an input that is present and undefined.
  const missing = 'input' in issue && issue.input === undefined;
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  switch (issue.code) {
    case 'too_big':
      return limitText(issue.origin, 'most', issue.maximum, issue.inclusive ?? true);
    case 'too_small':
      return limitText(issue.origin, 'least', issue.minimum, issue.inclusive ?? true);
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

/**
 * Zod's issues as fields at fault, each path joined with dots under `prefix` (`response.headers.0.0`).
 * An unknown key is named itself, so the path points at what to remove. Parse with
 * `{reportInput: true}` so a missing field reads "is required".
 */
export function zodFieldIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: dotted([...prefix, ...issue.path, key]),
          message: 'is not a known field',
        }))
      : [{ field: dotted([...prefix, ...issue.path]), message: issueText(issue) }],
  );
}

/**
 * An `invalid` error listing its issues: "<what>: status must be at most 599; …". `field` is set
 * when every issue is about the same field.
 */
export function invalidFields(what: string, issues: FieldIssue[]): InboxError {
  const fields = new Set(issues.map((issue) => issue.field));
  const [only] = fields;
  const text = issues.map((issue) => (issue.field ? `${issue.field} ${issue.message}` : issue.message));
  return new InboxError('invalid', `${what}: ${text.join('; ')}`, {
    field: fields.size === 1 ? only : undefined,
    issues,
  });
}
