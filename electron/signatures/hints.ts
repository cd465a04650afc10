/**
 * Explanations for a signature that matched no secret. Each guess re-computes the HMAC under a
 * plausible mistake (other secret encoding, other URL, re-serialized JSON) and, when one matches,
 * names that mistake instead of a generic "does not match".
 */
import { DIGEST_BYTES, hmac, safeEqual, utf8, utf8Text } from './bytes';
import { utf8AlternateKeys } from './keys';
import type { ParsedSignature, Scheme, SignedInput } from './types';

/** Why nothing matched: a specific reason when a guess confirmed one, plus hints for people. */
export interface MismatchExplanation {
  reason: string | null;
  hints: string[];
}

/** Whether key signs input's content to one of the received signatures. */
export function inputMatches(
  parsed: ParsedSignature,
  key: Uint8Array,
  input: SignedInput,
  content = input.content,
) {
  const candidates = input.received.filter((r) => r.bytes !== null);
  if (candidates.length === 0) return false;
  const asymmetric = parsed.asymmetric;
  if (asymmetric) return candidates.some((r) => r.bytes !== null && asymmetric(key, content, r.bytes));
  const digest = hmac(parsed.algorithm, key, content);
  // Check every received signature without early exit, so timing does not reveal which one matched.
  let matched = false;
  for (const received of candidates) {
    if (received.bytes && safeEqual(digest, received.bytes)) matched = true;
  }
  return matched;
}

/** Builds the explanation for a mismatch; keys[i] is null when secret i could not become a key. */
export function explainMismatch(
  scheme: Scheme,
  parsed: ParsedSignature,
  secrets: string[],
  keys: (Uint8Array | null)[],
  body: Uint8Array,
): MismatchExplanation {
  const hints: string[] = [];
  let reason: string | null = null;
  const confirm = (text: string) => {
    reason ??= text;
    hints.push(text);
  };
  const acceptable = parsed.inputs.filter((input) => input.acceptable);
  const primary = acceptable[0];
  const received = parsed.inputs.flatMap((input) => input.received);

  for (const problem of new Set(received.flatMap((r) => (r.problem ? [r.problem] : [])))) hints.push(problem);
  if (received.length > 0 && received.every((r) => r.bytes === null)) {
    reason = `The ${parsed.header} value could not be read as a signature, so nothing could match`;
  }
  const expectedBytes = DIGEST_BYTES[parsed.algorithm];
  const lengths = new Set(
    received.flatMap((r) =>
      r.bytes && !parsed.asymmetric && r.bytes.length !== expectedBytes ? [r.bytes.length] : [],
    ),
  );
  for (const length of lengths) {
    const guess = Object.entries(DIGEST_BYTES).find(([, size]) => size === length)?.[0];
    hints.push(
      `The received signature is ${length} bytes but HMAC-${parsed.algorithm.toUpperCase()} gives ${expectedBytes}${
        guess ? ` — it looks like HMAC-${guess.toUpperCase()}; is the provider/algorithm set correctly?` : ''
      }`,
    );
  }

  const alternates = parsed.alternateKeys ?? utf8AlternateKeys(scheme.title);
  secrets.forEach((secret, index) => {
    for (const alternate of alternates(secret)) {
      if (acceptable.some((input) => inputMatches(parsed, alternate.key, input))) {
        confirm(`${alternate.explanation} (secret #${index + 1})`);
        break;
      }
    }
  });

  const usableKeys = keys.filter((key): key is Uint8Array => key !== null);
  for (const input of parsed.inputs.filter((i) => !i.acceptable)) {
    if (usableKeys.some((key) => inputMatches(parsed, key, input))) {
      confirm(
        `The signature matches the URL ${input.url ?? '?'}, not ${primary?.url ?? 'the configured one'}: ` +
          `the sender signed a different URL — set the endpoint's public URL to exactly the one configured at ${scheme.title}`,
      );
      break;
    }
  }

  if (primary?.withBody) {
    const rebuild = primary.withBody;
    for (const variant of bodyVariants(body)) {
      const content = rebuild(variant.body);
      if (usableKeys.some((key) => inputMatches(parsed, key, primary, content))) {
        confirm(
          `Body was changed on the way: the signature matches the same payload ${variant.label}, so something between the sender and Hookline (proxy, framework, tool) re-serialized it`,
        );
        break;
      }
    }
  }

  // The usual suspects, when no guess pinned the cause down.
  if (reason === null) {
    hints.push(
      `Check the secret: it must be this endpoint's ${scheme.title} signing secret (test and live secrets differ; copy it again)`,
      'If anything parsed and re-serialized the body (JSON pretty-printing, key reordering, charset or newline changes), ' +
        'the bytes differ from what was signed',
    );
  }
  return { reason, hints };
}

/** Plausible re-serializations of a body: JSON compact/pretty, trailing newline added/removed. */
function bodyVariants(body: Uint8Array): { label: string; body: Uint8Array }[] {
  const text = utf8Text(body);
  if (text === null || body.length > 5_000_000) return [];
  const variants: { label: string; body: string }[] = [];
  try {
    const value: unknown = JSON.parse(text);
    variants.push(
      { label: 'as compact JSON', body: JSON.stringify(value) },
      { label: 'as JSON indented with 2 spaces', body: JSON.stringify(value, null, 2) },
      { label: 'as JSON indented with 4 spaces', body: JSON.stringify(value, null, 4) },
    );
  } catch {
    // Not JSON: only the newline guesses apply.
  }
  variants.push(
    text.endsWith('\n')
      ? { label: 'without the trailing newline', body: text.replace(/\r?\n$/, '') }
      : { label: 'with a trailing newline', body: `${text}\n` },
  );
  if (text.includes('\r\n'))
    variants.push({ label: 'with LF line endings', body: text.replace(/\r\n/g, '\n') });
  return variants.filter((v) => v.body !== text).map((v) => ({ label: v.label, body: utf8(v.body) }));
}
