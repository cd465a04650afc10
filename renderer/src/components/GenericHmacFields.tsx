import type { GenericHmacOptions } from '../../../shared/types';
import { type EndpointForm, type FormErrors, GENERIC_DEFAULTS, genericExample } from '../lib/endpoint-form';
import { FieldError } from './FieldError';

/** Generic HMAC settings: off means the scheme's default header; on shows header, algorithm, encoding, prefix. */
export function GenericHmacFields({
  form,
  set,
  error,
}: {
  form: EndpointForm;
  set(patch: Partial<EndpointForm>): void;
  error: FormErrors | null;
}) {
  const g = form.generic;
  const setGeneric = (patch: Partial<GenericHmacOptions>) => set({ generic: { ...g, ...patch } });
  const invalid = error?.fields.generic !== undefined;
  return (
    <div className="subsection" data-testid="generic-hmac">
      <label className="check">
        <input
          type="checkbox"
          name="genericCustom"
          checked={form.genericCustom}
          onChange={(e) => set({ genericCustom: e.target.checked })}
        />
        Custom signature header
      </label>
      {form.genericCustom ? (
        <fieldset className="grid-2 generic-grid">
          <label className="span-2">
            Header name
            <input
              name="genericHeader"
              className="mono"
              value={g.header}
              aria-invalid={invalid}
              onChange={(e) => setGeneric({ header: e.target.value })}
              placeholder="X-Signature"
              required
            />
          </label>
          <label>
            Algorithm
            <select
              name="genericAlgorithm"
              value={g.algorithm}
              onChange={(e) => setGeneric({ algorithm: e.target.value as GenericHmacOptions['algorithm'] })}
            >
              <option value="sha1">HMAC-SHA1</option>
              <option value="sha256">HMAC-SHA256</option>
              <option value="sha512">HMAC-SHA512</option>
            </select>
          </label>
          <label>
            Encoding
            <select
              name="genericEncoding"
              value={g.encoding}
              onChange={(e) => setGeneric({ encoding: e.target.value as GenericHmacOptions['encoding'] })}
            >
              <option value="hex">hex</option>
              <option value="base64">base64</option>
            </select>
          </label>
          <label className="span-2">
            Prefix before the signature (may be empty)
            <input
              name="genericPrefix"
              className="mono"
              value={g.prefix}
              onChange={(e) => setGeneric({ prefix: e.target.value })}
              placeholder="sha256="
            />
          </label>
          <span className="span-2 hint">
            Expects <code data-testid="generic-example">{genericExample(g)}</code>
          </span>
          <span className="span-2">
            <FieldError error={error} field="generic" />
          </span>
        </fieldset>
      ) : (
        <span className="hint">
          Reads <code>{genericExample(GENERIC_DEFAULTS)}</code> (or <code>X-Signature</code> with a{' '}
          <code>sha1=</code>/<code>sha256=</code>/<code>sha512=</code> prefix).
        </span>
      )}
      {form.genericCustom && form.provider !== 'generic' && (
        <span className="hint">
          {form.provider === 'auto'
            ? 'With provider auto, requests carrying this header are checked with these settings.'
            : `Not used while the provider is ${form.provider}: they apply to generic (and auto) endpoints.`}
        </span>
      )}
    </div>
  );
}
