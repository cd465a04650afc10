/**
 * Turns a parsed signature into a verdict: tries every secret against every received signature
 * (rotation), then checks freshness separately, then words the result for people.
 */
import type { Verification, VerificationDiagnostics, VerifyOptions } from '../../shared/types';
import { hmac } from './bytes';
import { countSecrets, previewSignature, showContent } from './display';
import { checkFreshness, toleranceSeconds } from './freshness';
import { explainMismatch, inputMatches } from './hints';
import { utf8Key } from './keys';
import type { ParsedSignature, Scheme, SignedInput } from './types';

/** Computes the verdict for a request whose signature header was found and parsed. */
export function evaluate(
  scheme: Scheme,
  parsed: ParsedSignature,
  body: Uint8Array,
  secrets: string[],
  options: VerifyOptions,
  now: number,
): Verification {
  const tolerance = toleranceSeconds(options);
  const primary: SignedInput | undefined =
    parsed.inputs.find((input) => input.acceptable) ?? parsed.inputs[0];
  const diagnostics: VerificationDiagnostics = {
    header: parsed.header,
    signedContent: primary ? showContent(primary.content) : undefined,
    received: [...new Set(parsed.inputs.flatMap((input) => input.received.map((r) => r.text)))],
  };
  const notes = parsed.notes ?? [];
  const verdict = (
    status: Verification['status'],
    reason: string,
    signatureMatched: boolean | null,
    fresh: boolean | null,
    signedAt: number | null,
  ): Verification => ({
    status,
    scheme: scheme.name,
    reason,
    signatureMatched,
    fresh,
    signedAt,
    checkedAt: now,
    diagnostics,
  });
  const primaryFreshness = checkFreshness(primary?.signedAt ?? null, tolerance, now);
  const primaryFresh = parsed.timestamped ? primaryFreshness.fresh : null;
  const primarySignedAt = primary?.signedAt ?? null;

  const usable = secrets.filter((secret) => typeof secret === 'string' && secret.length > 0);
  if (usable.length === 0) {
    if (notes.length > 0) diagnostics.hints = notes;
    const reason = `Signed with ${parsed.header}, but no secret is configured for this endpoint, so it cannot be checked`;
    return verdict('no_secret', reason, null, primaryFresh, primarySignedAt);
  }

  const keyResults = usable.map((secret, index) => (parsed.keyFor ?? utf8Key)(secret, index));
  const keys = keyResults.map((result) => ('key' in result ? result.key : null));
  const keyErrors = keyResults.flatMap((result) => ('error' in result ? [result.error] : []));
  // A public key cannot produce the signature, so there is no expected value to show for v1a.
  if (primary && !parsed.asymmetric) {
    diagnostics.expected = keys.flatMap((key) =>
      key ? [previewSignature(parsed.format(hmac(parsed.algorithm, key, primary.content)))] : [],
    );
  }
  if (keys.every((key) => key === null)) {
    diagnostics.hints = [...keyErrors, ...notes];
    return verdict('error', keyErrors[0] ?? 'No usable secret', null, primaryFresh, primarySignedAt);
  }

  const acceptable = parsed.inputs.filter((input) => input.acceptable);
  for (const [index, key] of keys.entries()) {
    if (!key) continue;
    const input = acceptable.find((candidate) => inputMatches(parsed, key, candidate));
    if (!input) continue;
    const freshness = checkFreshness(input.signedAt, tolerance, now);
    const fresh = parsed.timestamped ? freshness.fresh : null;
    if (input !== primary) diagnostics.signedContent = showContent(input.content);
    if (parsed.bodyCheck && !parsed.bodyCheck.ok) {
      diagnostics.hints = [parsed.bodyCheck.reason, ...notes];
      return verdict('invalid', parsed.bodyCheck.reason, false, fresh, input.signedAt);
    }
    if (freshness.fresh === false) {
      diagnostics.hints = [
        'The signature is authentic; only the timestamp is outside the tolerance (a stored event re-checked later, a replay, or a clock difference)',
        ...notes,
      ];
      const reason = `Signature matches, but the timestamp is ${freshness.description}`;
      return verdict('invalid', reason, true, fresh, input.signedAt);
    }
    if (notes.length > 0) diagnostics.hints = notes;
    const urlNote = input !== primary && input.url ? ` for the URL ${input.url}` : '';
    const reason = `Signature matches (secret #${index + 1} of ${usable.length})${urlNote}`;
    return verdict('valid', reason, true, fresh, input.signedAt);
  }

  const explanation = explainMismatch(scheme, parsed, usable, keys, body);
  const hints = [...keyErrors, ...explanation.hints, ...notes];
  if (primaryFreshness.fresh === false)
    hints.unshift(`The timestamp is also ${primaryFreshness.description}`);
  diagnostics.hints = hints;
  const reason =
    explanation.reason ??
    `Signature does not match any of ${countSecrets(usable.length)}: wrong secret, or the body was changed or re-serialized on the way`;
  return verdict('invalid', reason, false, primaryFresh, primarySignedAt);
}
