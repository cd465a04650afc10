import type { ApiTriggerType } from '../../../shared/api';

/** The providers in the catalogue, in its order, each once. */
export function triggerProviders(types: ApiTriggerType[]): string[] {
  return [...new Set(types.map((t) => t.provider))];
}

/** The provider to start with: the endpoint's own when the catalogue has it, else the first. */
export function initialProvider(providers: string[], endpointProvider: string | undefined): string {
  const own = endpointProvider?.toLowerCase();
  return providers.find((p) => p === own) ?? providers[0] ?? '';
}
