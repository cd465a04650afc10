/**
 * How secrets become HMAC keys. Providers disagree on `whsec_…` secrets: Stripe uses the whole
 * string (prefix included) as the key, while Standard Webhooks/Svix base64-decode what follows
 * the prefix. Getting that wrong is the most common "my secret is right but it fails" report, so
 * the other interpretation is always tried when nothing matches, to say so specifically.
 */
import { decodeBase64, utf8 } from './bytes';
import { isAsymmetricKey } from './ed25519';
import type { AlternateKey, KeyResult } from './types';

const WHSEC = 'whsec_';

/** The default key: the secret's UTF-8 bytes (GitHub, Stripe, Slack, …). */
export function utf8Key(secret: string): KeyResult {
  return { key: utf8(secret) };
}

/** Standard Webhooks key: base64 after `whsec_`; without the prefix, base64 too (raw text if not base64). */
export function standardWebhooksKey(secret: string, index: number): KeyResult {
  if (isAsymmetricKey(secret))
    return {
      error: `Secret #${index + 1} is an ed25519 key (whpk_/whsk_), but this request is signed with v1 (HMAC): configure the whsec_… secret`,
    };
  if (secret.startsWith(WHSEC)) {
    const key = decodeBase64(secret.slice(WHSEC.length).trim());
    return key
      ? { key }
      : {
          error: `Secret #${index + 1} starts with whsec_ but what follows is not base64, so it cannot be a Standard Webhooks secret`,
        };
  }
  return { key: decodeBase64(secret.trim()) ?? utf8(secret) };
}

/** Interpretations to try for a scheme that keys with the UTF-8 secret. */
export function utf8AlternateKeys(title: string) {
  return (secret: string): AlternateKey[] => {
    const alternates: AlternateKey[] = [];
    const trimmed = secret.trim();
    if (trimmed !== secret && trimmed.length > 0) {
      alternates.push({
        key: utf8(trimmed),
        explanation:
          'The configured secret has leading/trailing whitespace; without it the signature matches',
      });
    }
    const decoded = trimmed.startsWith(WHSEC) ? decodeBase64(trimmed.slice(WHSEC.length)) : null;
    if (decoded) {
      alternates.push({
        key: decoded,
        explanation: `The sender keyed the HMAC with the base64-decoded bytes after whsec_ (the Standard Webhooks/Svix convention), but ${title} uses the whole whsec_… string as the key — is this really a ${title} sender, or a Standard Webhooks one?`,
      });
    }
    return alternates;
  };
}

/** Interpretations to try for Standard Webhooks when the decoded key did not match. */
export function standardWebhooksAlternateKeys(secret: string): AlternateKey[] {
  const alternates: AlternateKey[] = [];
  const trimmed = secret.trim();
  if (trimmed.startsWith(WHSEC)) {
    alternates.push({
      key: utf8(trimmed),
      explanation:
        "The sender used the whole whsec_… string as the HMAC key (Stripe's convention), but Standard Webhooks " +
        'base64-decodes what follows whsec_ — the sender does not follow the Standard Webhooks spec (or this is a Stripe secret)',
    });
    const rest = trimmed.slice(WHSEC.length);
    alternates.push({
      key: utf8(rest),
      explanation:
        'The sender used the text after whsec_ as raw key bytes instead of base64-decoding it as Standard Webhooks requires',
    });
  } else if (decodeBase64(trimmed)) {
    alternates.push({
      key: utf8(trimmed),
      explanation:
        'The sender used the secret\'s text as raw key bytes (Svix "raw" format); Hookline base64-decodes secrets without a whsec_ prefix',
    });
  }
  if (trimmed !== secret && trimmed.length > 0) {
    const key = standardWebhooksKey(trimmed, 0);
    if ('key' in key) {
      alternates.push({
        key: key.key,
        explanation:
          'The configured secret has leading/trailing whitespace; without it the signature matches',
      });
    }
  }
  return alternates;
}
