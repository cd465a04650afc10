/**
 * The trigger catalogue: which event types each provider can send, found by provider name (any
 * alias) and type. `svix` and `clerk` send the Standard Webhooks templates with `svix-*` headers,
 * as Svix (and Clerk through it) do.
 */
import { parseProviderName } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { SchemeName } from '../signatures/types';
import { githubCatalogue } from './catalogue/github';
import { intercomCatalogue } from './catalogue/intercom';
import { linearCatalogue } from './catalogue/linear';
import { paddleCatalogue } from './catalogue/paddle';
import { shopifyCatalogue } from './catalogue/shopify';
import { slackCatalogue } from './catalogue/slack';
import { squareCatalogue } from './catalogue/square';
import { standardWebhooksCatalogue, standardWebhooksTemplates } from './catalogue/standard-webhooks';
import { stripeCatalogue } from './catalogue/stripe';
import { twilioCatalogue } from './catalogue/twilio';
import { zoomCatalogue } from './catalogue/zoom';
import type { ProviderCatalogue, Template } from './types';

const SVIX: ProviderCatalogue = {
  ...standardWebhooksCatalogue,
  templates: () => standardWebhooksTemplates('svix'),
};

/** Every provider name trigger accepts, in the order `--list` shows them. */
const CATALOGUES: ReadonlyMap<string, ProviderCatalogue> = new Map([
  ['github', githubCatalogue],
  ['stripe', stripeCatalogue],
  ['standard-webhooks', standardWebhooksCatalogue],
  ['svix', SVIX],
  ['clerk', SVIX],
  ['shopify', shopifyCatalogue],
  ['slack', slackCatalogue],
  ['twilio', twilioCatalogue],
  ['paddle', paddleCatalogue],
  ['linear', linearCatalogue],
  ['square', squareCatalogue],
  ['zoom', zoomCatalogue],
  ['intercom', intercomCatalogue],
]);

/** One line of `trigger --list`. */
export interface TriggerType {
  provider: string;
  type: string;
  description: string;
}

/** A template found for a provider and type. */
export interface FoundTemplate {
  /** The provider name as the catalogue knows it (`clerk` stays `clerk`). */
  provider: string;
  scheme: SchemeName;
  template: Template;
}

/** The catalogue for a provider name (case-insensitive; aliases such as svix and clerk accepted). */
export function catalogueFor(provider: string): { name: string; catalogue: ProviderCatalogue } {
  const typed = provider.trim().toLowerCase();
  const name = CATALOGUES.has(typed) ? typed : (parseProviderName(typed) ?? typed);
  const catalogue = CATALOGUES.get(name);
  if (!catalogue)
    throw new InboxError(
      'invalid',
      `No synthetic events for provider "${provider}". Choose one of: ${[...CATALOGUES.keys()].join(', ')}`,
    );
  return { name, catalogue };
}

/** Providers and what they can send; one provider when given. */
export function listTriggerTypes(provider?: string): TriggerType[] {
  const names = provider === undefined ? [...CATALOGUES.keys()] : [catalogueFor(provider).name];
  return names.flatMap((name) =>
    (CATALOGUES.get(name)?.templates() ?? []).map((t) => ({
      provider: name,
      type: t.type,
      description: t.description,
    })),
  );
}

/**
 * The template for a type. A GitHub event without its action (`pull_request`) picks the first
 * action there is, as most handlers switch on the event first.
 */
export function findTemplate(provider: string, type: string): FoundTemplate {
  const { name, catalogue } = catalogueFor(provider);
  const templates = catalogue.templates();
  const wanted = type.trim();
  const template =
    templates.find((t) => t.type === wanted) ??
    templates.find((t) => t.type.toLowerCase() === wanted.toLowerCase()) ??
    templates.find((t) => t.type.startsWith(`${wanted}.`));
  if (!template) {
    const near = templates
      .filter((t) => t.type.includes(wanted.split(/[./]/)[0] ?? wanted))
      .slice(0, 8)
      .map((t) => t.type);
    throw new InboxError(
      'not_found',
      `No "${wanted}" event in the ${name} catalogue${near.length > 0 ? `; similar: ${near.join(', ')}` : ''}. ` +
        `See every type with: hookline trigger --list ${name}`,
    );
  }
  return { provider: name, scheme: catalogue.scheme, template };
}
