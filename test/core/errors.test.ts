import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InboxError, invalidFields, zodFieldIssues } from '../../electron/core/errors';

const schema = z.strictObject({
  label: z.string().min(1),
  delay: z.number().positive().max(60),
  tags: z.array(z.string()).max(2),
  algorithm: z.enum(['sha1', 'sha256']),
  nested: z.object({ header: z.string().regex(/^[a-z]+$/, 'must be an HTTP header name') }),
});

describe('zodFieldIssues', () => {
  it('names each field by its dotted path, in words for people', () => {
    const parsed = schema.safeParse(
      { label: '', delay: 0, tags: ['a', 'b', 'c'], nested: { header: 'X Y' }, extra: 1 },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    expect(zodFieldIssues(parsed.error ?? new z.ZodError([]), ['params'])).toEqual([
      { field: 'params.label', message: 'must not be empty' },
      { field: 'params.delay', message: 'must be more than 0' },
      { field: 'params.tags', message: 'must have at most 2 items' },
      { field: 'params.algorithm', message: 'is required' },
      { field: 'params.nested.header', message: 'must be an HTTP header name' },
      { field: 'params.extra', message: 'is not a known field' },
    ]);
  });

  it('says what type or value was expected', () => {
    const parsed = schema.partial().safeParse({ label: 5, algorithm: 'md5' }, { reportInput: true });
    expect(zodFieldIssues(parsed.error ?? new z.ZodError([]))).toEqual([
      { field: 'label', message: 'must be a string' },
      { field: 'algorithm', message: 'must be one of: sha1, sha256' },
    ]);
  });
});

describe('invalidFields', () => {
  it('sets field only when every issue is about the same one', () => {
    const one = invalidFields('Invalid custom response', [
      { field: 'response.status', message: 'must be at most 599' },
    ]);
    expect(one).toBeInstanceOf(InboxError);
    expect(one).toMatchObject({
      code: 'invalid',
      message: 'Invalid custom response: response.status must be at most 599',
      field: 'response.status',
    });
    const two = invalidFields('Invalid params', [
      { field: 'label', message: 'must not be empty' },
      { field: 'secrets', message: 'must have at most 10 items' },
    ]);
    expect(two.field).toBeUndefined();
    expect(two.message).toBe('Invalid params: label must not be empty; secrets must have at most 10 items');
  });
});
