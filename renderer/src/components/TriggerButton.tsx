import { useStore } from '../store';

/** Opens "Send test event" for the endpoint in view (or the first one). */
export function TriggerButton() {
  const openModal = useStore((s) => s.openModal);
  const active = useStore((s) => s.activeEndpointId);
  const none = useStore((s) => s.endpoints.length === 0);
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={none}
      onClick={() => openModal({ kind: 'trigger', endpointId: active })}
      title="Send a signed synthetic provider event (Stripe, GitHub, Shopify…) to an endpoint"
    >
      Send test event
    </button>
  );
}
