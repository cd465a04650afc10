import type { VerificationStatus } from '../../../shared/types';

const VERDICT_LABEL: Record<VerificationStatus, string> = {
  valid: 'valid',
  invalid: 'invalid',
  unsigned: 'unsigned',
  no_secret: 'no secret',
  error: 'error',
};

const VERDICT_TITLE: Record<VerificationStatus, string> = {
  valid: 'Signature matches',
  invalid: 'Signature does not match',
  unsigned: 'The request carried no signature',
  no_secret: 'Signed, but no secret is set to check it',
  error: 'Verification failed to run',
};

/** An HTTP method, coloured by kind. */
export function MethodBadge({ method }: { method: string }) {
  return <span className={`method method-${method.toLowerCase()}`}>{method}</span>;
}

/** A signature verdict: valid green, invalid red, unsigned grey, no secret amber. */
export function VerdictBadge({ status, title }: { status: VerificationStatus; title?: string }) {
  return (
    <span
      className={`verdict verdict-${status}`}
      title={title ?? VERDICT_TITLE[status]}
      data-verdict={status}
    >
      {VERDICT_LABEL[status]}
    </span>
  );
}

/** A provider retry of an event already received (same provider event id). */
export function DuplicateBadge({ of }: { of: string }) {
  return (
    <span
      className="tag tag-dup"
      data-testid="duplicate-badge"
      title={`Duplicate of ${of} (same provider event id)`}
    >
      dup
    </span>
  );
}

/** An HTTP status code, coloured by class. */
export function StatusCode({ status }: { status: number }) {
  const cls = status >= 500 ? 's5' : status >= 400 ? 's4' : status >= 300 ? 's3' : 's2';
  return <span className={`status-code ${cls}`}>{status}</span>;
}

/** Schema violations found on an event (nothing when it is valid, unchecked or has no schema). */
export function SchemaBadge({ count }: { count: number | null }) {
  if (!count) return null;
  return (
    <span
      className="tag tag-schema"
      data-testid="schema-badge"
      title={`${count} schema violation${count === 1 ? '' : 's'}: see the event's Schema card`}
    >
      schema {count}
    </span>
  );
}
