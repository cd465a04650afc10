import type { FormErrors, FormField } from '../lib/endpoint-form';

/** The error of one form field, right under it (nothing when the field has none). */
export function FieldError({ error, field }: { error: FormErrors | null; field: FormField }) {
  const message = error?.fields[field];
  if (message === undefined) return null;
  return (
    <span className="field-error" role="alert" data-testid={`error-${field}`}>
      {message}
    </span>
  );
}
