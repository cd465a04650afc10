import type { EndpointForm, FormErrors } from '../lib/endpoint-form';
import { looksLikeJson } from '../lib/json-check';
import { CodeEditor } from './CodeEditor';
import { FieldError } from './FieldError';

/** The custom response an endpoint answers senders with: status, delay, headers, body. */
export function ResponseFields({
  form,
  set,
  error,
}: {
  form: EndpointForm;
  set(patch: Partial<EndpointForm>): void;
  error: FormErrors | null;
}) {
  return (
    <fieldset className="grid-2">
      <label>
        Status
        <input
          type="number"
          min={100}
          max={599}
          value={form.status}
          onChange={(e) => set({ status: e.target.value })}
        />
      </label>
      <label>
        Delay (ms)
        <input
          type="number"
          min={0}
          max={60000}
          value={form.delay}
          onChange={(e) => set({ delay: e.target.value })}
        />
      </label>
      <label className="span-2">
        Headers (Name: value per line)
        <textarea
          rows={2}
          value={form.headers}
          onChange={(e) => set({ headers: e.target.value })}
          className="mono"
        />
      </label>
      <div className="code-field span-2">
        Body
        <CodeEditor
          value={form.body}
          onChange={(body) => set({ body })}
          label="Response body"
          language={looksLikeJson(form.body) ? 'json' : 'text'}
          testId="response-body"
          height={110}
        />
      </div>
      <span className="span-2">
        <FieldError error={error} field="response" />
      </span>
    </fieldset>
  );
}
