import type { Verification } from '../../shared/types';
import { noSignatureVerdict } from '../signatures';

// The verdict most captures get: no header of any known scheme. Its reason and hint alone were
// ~360 of its ~400 stored bytes — a fifth of a typical 1 KiB webhook's row, written on every one.
const NO_SIGNATURE = noSignatureVerdict(0);
const NO_SIGNATURE_HINT = NO_SIGNATURE.diagnostics?.hints?.[0];

function isNoSignature(v: Verification): boolean {
  const hints = v.diagnostics?.hints;
  return (
    v.status === 'unsigned' &&
    v.scheme === null &&
    v.reason === NO_SIGNATURE.reason &&
    v.signatureMatched === null &&
    v.fresh === null &&
    v.signedAt === null &&
    hints?.length === 1 &&
    hints[0] === NO_SIGNATURE_HINT &&
    Object.keys(v).length === Object.keys(NO_SIGNATURE).length &&
    Object.keys(v.diagnostics ?? {}).length === 1
  );
}

/**
 * A verdict as stored: JSON, except the no-signature verdict, which is `{"unsigned":<checkedAt>}`
 * and rebuilt on read (with the hint as Hookline words it then). Every full verdict has a `status`,
 * so the two shapes cannot be mistaken for each other.
 */
export function verdictRecord(v: Verification): string {
  return isNoSignature(v) ? `{"unsigned":${v.checkedAt}}` : JSON.stringify(v);
}

/** The verdict a stored record (parsed JSON) stands for; anything but the short form is returned as is. */
export function expandVerdictRecord(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'status' in value) return value;
  const checkedAt: unknown = (value as { unsigned?: unknown }).unsigned;
  return typeof checkedAt === 'number' && Object.keys(value).length === 1
    ? noSignatureVerdict(checkedAt)
    : value;
}
