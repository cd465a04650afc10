import type { ApiEndpoint, ForwardFromChoice } from '../../../shared/api';
import type { EndpointForm } from '../lib/endpoint-form';
import { useStore } from '../store';

/** Who sends an endpoint's forwards now, as the endpoint settings say it. */
function forwardedByText(endpoint: ApiEndpoint | null): string | null {
  if (!endpoint?.forwardedBy) return null;
  return endpoint.forwardedBy === 'relay'
    ? 'Forwarded by the relay: sent once for the team, also while this laptop sleeps; this desktop shows its attempts.'
    : 'Forwarded by this desktop.';
}

/** With a relay connected: who forwards this endpoint's events (the relay, or this desktop). */
export function ForwardFromField({
  form,
  set,
  endpoint,
}: {
  form: EndpointForm;
  set: (patch: Partial<EndpointForm>) => void;
  endpoint: ApiEndpoint | null;
}) {
  const relay = useStore((s) => s.status?.relay ?? null);
  if (!relay) return null;
  const now = forwardedByText(endpoint);
  return (
    <label>
      Forwarded by
      <select
        name="forwardFrom"
        value={form.forwardFrom}
        onChange={(e) => set({ forwardFrom: e.target.value as ForwardFromChoice })}
      >
        <option value="auto">
          Automatic: targets on this machine or network here, public ones by the relay
        </option>
        <option value="relay">The relay (once for the team, while laptops sleep)</option>
        <option value="here">This desktop</option>
      </select>
      {now && (
        <span className="muted" data-testid="forwarded-by">
          {now}
        </span>
      )}
    </label>
  );
}
