import type { ProviderName } from '../../shared/types';

/**
 * How long each provider waits for an answer before it counts the delivery as failed and retries
 * (their webhook docs): Slack and Zoom 3 s, Shopify 5 s, Stripe, GitHub and most others 10 s,
 * Twilio 15 s.
 */
const TIMEOUT_SECONDS: Partial<Record<ProviderName, number>> = {
  slack: 3,
  zoom: 3,
  shopify: 5,
  paddle: 5,
  stripe: 10,
  github: 10,
  square: 10,
  linear: 10,
  intercom: 10,
  'standard-webhooks': 15,
  twilio: 15,
};

/** The provider's answer timeout in ms (10 s when unknown). */
export function providerTimeoutMs(provider: ProviderName | null): number {
  return (provider ? (TIMEOUT_SECONDS[provider] ?? 10) : 10) * 1000;
}
