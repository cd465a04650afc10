import {
  DEFAULT_TOLERANCE,
  type EndpointForm,
  type FormErrors,
  URL_SIGNING_PROVIDERS,
  verifySummary,
} from '../lib/endpoint-form';
import { FieldError } from './FieldError';
import { GenericHmacFields } from './GenericHmacFields';

/** "Signature verification" in the endpoint dialog: tolerance, the signed URL, generic HMAC settings. */
export function VerifySection({
  form,
  set,
  error,
  open,
  onToggle,
}: {
  form: EndpointForm;
  set(patch: Partial<EndpointForm>): void;
  error: FormErrors | null;
  open: boolean;
  onToggle(open: boolean): void;
}) {
  const showUrl = URL_SIGNING_PROVIDERS.includes(form.provider) || form.publicUrl !== '';
  const showGeneric = form.provider === 'generic' || form.genericCustom;
  return (
    <details
      className="disclosure"
      open={open}
      onToggle={(e) => onToggle(e.currentTarget.open)}
      data-testid="verify-section"
    >
      <summary>
        <span className="disclosure-title">Signature verification</span>
        {!open && <span className="disclosure-summary">{verifySummary(form)}</span>}
      </summary>
      <div className="disclosure-body">
        <label>
          Timestamp tolerance (seconds)
          <input
            type="number"
            name="tolerance"
            min={1}
            max={604800}
            step={1}
            className="narrow"
            value={form.tolerance}
            aria-invalid={error?.fields.tolerance !== undefined}
            onChange={(e) => set({ tolerance: e.target.value })}
          />
          <span className="hint">
            How old a signed timestamp may be before the event is flagged stale (Stripe, Slack, Standard
            Webhooks, …). Default {DEFAULT_TOLERANCE}.
          </span>
          <FieldError error={error} field="tolerance" />
        </label>
        {showUrl && (
          <label>
            Signed URL (optional)
            <input
              name="publicUrl"
              className="mono"
              value={form.publicUrl}
              aria-invalid={error?.fields.publicUrl !== undefined}
              onChange={(e) => set({ publicUrl: e.target.value })}
              placeholder="https://example.com/twilio/webhook"
            />
            <span className="hint">
              Twilio and Square sign the exact URL you configured with them. Set it when that is not this
              endpoint's public URL (your own proxy or domain); leave empty to use the public URL.
            </span>
            <FieldError error={error} field="publicUrl" />
          </label>
        )}
        {showGeneric && <GenericHmacFields form={form} set={set} error={error} />}
      </div>
    </details>
  );
}
