import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import {
  formErrors,
  formFieldOf,
  initialForm,
  secretHint,
  updatePatch,
} from '../../renderer/src/lib/endpoint-form';
import { resignByDefault } from '../../renderer/src/lib/replay-defaults';

const invalid = (message: string, fields: ConstructorParameters<typeof ApiError>[3]) =>
  new ApiError('invalid', message, 400, fields);

describe('the endpoint form reads the fields the core names', () => {
  it('maps core field paths to the inputs, deeper paths to the input above them', () => {
    expect(formFieldOf('label')).toEqual({ field: 'label', rest: '' });
    expect(formFieldOf('patch.forwardUrl')).toEqual({ field: 'forwardUrl', rest: '' });
    expect(formFieldOf('verify.toleranceSeconds')).toEqual({ field: 'tolerance', rest: '' });
    expect(formFieldOf('verify.generic.header')).toEqual({ field: 'generic', rest: 'header' });
    expect(formFieldOf('response.status')).toEqual({ field: 'response', rest: 'status' });
    expect(formFieldOf('secrets.3')).toEqual({ field: 'secrets', rest: '3' });
    expect(formFieldOf('id')).toBeNull();
  });

  it('puts a message with a field next to that field, whatever its wording', () => {
    const e = formErrors(invalid('Das Label ist ungültig', { field: 'label' }));
    expect(e).toEqual({ general: null, fields: { label: 'Das Label ist ungültig' } });
  });

  it('puts each issue next to its input, naming the part inside it', () => {
    const e = formErrors(
      invalid('Invalid endpoint: response.status must be at most 599; label must not be empty', {
        issues: [
          { field: 'response.status', message: 'must be at most 599' },
          { field: 'label', message: 'must not be empty' },
          { field: 'verify.generic.header', message: 'must be an HTTP header name' },
        ],
      }),
    );
    expect(e).toEqual({
      general: null,
      fields: {
        response: 'status must be at most 599',
        label: 'Must not be empty',
        generic: 'header must be an HTTP header name',
      },
    });
  });

  it('shows the message at the top of the form when no field is given or none fits', () => {
    expect(formErrors(new ApiError('internal', 'The core stopped', 500))).toEqual({
      general: 'The core stopped',
      fields: {},
    });
    expect(formErrors(invalid('Unknown thing', { field: 'somethingElse' })).general).toBe('Unknown thing');
    expect(formErrors(new Error('offline')).general).toBe('offline');
  });
});

describe('endpoint secrets', () => {
  const stripe = { ...initialForm(null), provider: 'stripe' };

  it('hints when a Stripe secret does not start with whsec_, and names an API key as such', () => {
    expect(secretHint({ ...stripe, secrets: 'whsec_abc' })).toBeNull();
    expect(secretHint({ ...stripe, secrets: 'abc123' })).toMatch(/start with whsec_/);
    expect(secretHint({ ...stripe, secrets: 'sk_test_123' })).toMatch(/API key/);
    expect(secretHint({ ...stripe, provider: 'github', secrets: 'abc123' })).toBeNull();
  });

  it('adds typed secrets to the stored ones and removes by position when editing', () => {
    const patch = updatePatch({ ...stripe, secrets: 'whsec_new\n', removeSecretsAt: [1] });
    expect(patch.addSecrets).toEqual(['whsec_new']);
    expect(patch.removeSecretsAt).toEqual([1]);
    expect(patch.secrets).toBeUndefined();
    expect(updatePatch(stripe)).not.toHaveProperty('addSecrets');
  });
});

describe('replay defaults', () => {
  const verification = (scheme: 'stripe' | null) => ({
    verification: {
      status: 'unsigned' as const,
      scheme,
      reason: '',
      signatureMatched: null,
      fresh: null,
      signedAt: null,
      checkedAt: 0,
    },
  });

  it('ticks Re-sign only with a signing scheme and a secret', () => {
    expect(resignByDefault(verification('stripe'), { provider: 'auto', secretCount: 1 })).toBe(true);
    expect(resignByDefault(verification(null), { provider: 'stripe', secretCount: 1 })).toBe(true);
    expect(resignByDefault(verification(null), { provider: 'auto', secretCount: 1 })).toBe(false);
    expect(resignByDefault(verification('stripe'), { provider: 'stripe', secretCount: 0 })).toBe(false);
    expect(resignByDefault(verification('stripe'), undefined)).toBe(false);
  });
});
