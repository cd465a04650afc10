import type { FormError, FormField } from '../lib/endpoint-form';

/** The error of one form field, right under it (nothing when the error is about another field). */
export function FieldError({ error, field }: { error: FormError | null; field: FormField }) {
  if (error?.field !== field) return null;
  return (
    <span className="field-error" role="alert" data-testid={`error-${field}`}>
      {error.message}
    </span>
  );
}
