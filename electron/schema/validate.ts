/**
 * Schema checks with ajv: GitHub payloads against GitHub's published schemas
 * (`@octokit/webhooks-schemas`, read on first use: 600 KB), any payload against a schema of the
 * user's own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { InboxError } from '../core/errors';

/** One violation: where and what. */
export interface SchemaViolation {
  /** JSON Pointer into the payload ("" for the root). */
  path: string;
  message: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `additionalProperties`…). */
  keyword: string;
}

/** The most violations reported for one payload; the rest are counted. */
export const MAX_VIOLATIONS = 50;

/** The result of a check. */
export interface SchemaCheck {
  schema: string;
  valid: boolean;
  violations: SchemaViolation[];
  /** Violations beyond MAX_VIOLATIONS, not listed. */
  more: number;
}

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ('default' in addFormatsModule
  ? addFormatsModule.default
  : addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function newAjv(): Ajv {
  // inlineRefs: false keeps shared definitions (repository, user…) compiled once: GitHub's schemas
  // reference them hundreds of times, and inlining made one compile take seconds.
  const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false });
  addFormats(ajv);
  return ajv;
}

let github: Ajv | null = null;

function githubAjv(): Ajv {
  if (github) return github;
  const path = createRequire(import.meta.url).resolve('@octokit/webhooks-schemas/schema.json');
  const ajv = newAjv();
  ajv.addSchema(JSON.parse(readFileSync(path, 'utf8')), 'github');
  github = ajv;
  return ajv;
}

function report(schema: string, validate: ValidateFunction, value: unknown): SchemaCheck {
  const ok = validate(value);
  const errors: ErrorObject[] = ok ? [] : (validate.errors ?? []);
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  for (const e of errors) {
    const extra =
      e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
    const violation = {
      path: e.instancePath,
      message: `${e.message ?? 'is invalid'}${extra}`,
      keyword: e.keyword,
    };
    // oneOf branches repeat the same complaint; once is enough.
    const key = `${violation.path}\n${violation.message}`;
    if (!seen.has(key)) violations.push(violation);
    seen.add(key);
  }
  return {
    schema,
    valid: ok === true,
    violations: violations.slice(0, MAX_VIOLATIONS),
    more: Math.max(0, violations.length - MAX_VIOLATIONS),
  };
}

/** Checks a GitHub payload against the published schema of its event and action. */
export function checkGithubPayload(event: string, value: unknown): SchemaCheck {
  const action = typeof value === 'object' && value !== null && 'action' in value ? value.action : undefined;
  const ajv = githubAjv();
  // Definitions are named `<event>$<action>`, `<event>_event` (all actions) or `<event>$event` (none).
  const names = [
    typeof action === 'string' ? `${event}$${action}` : null,
    `${event}_event`,
    `${event}$event`,
  ].filter((n): n is string => n !== null);
  for (const name of names) {
    const validate = ajv.getSchema(`github#/definitions/${name}`);
    if (validate) return report(`@octokit/webhooks-schemas ${name}`, validate, value);
  }
  throw new InboxError(
    'not_found',
    `GitHub's published schemas have no event "${event}"${action ? ` with action "${String(action)}"` : ''}`,
  );
}

// Compiled once per schema object: the background checker hands the same object for every event
// until the schema changes, and a compile costs far more than a check.
const compiled = new WeakMap<object, ValidateFunction>();

function compileOwn(schema: unknown, name: string): ValidateFunction {
  if (typeof schema !== 'object' || schema === null)
    throw new InboxError('invalid', `The schema ${name} cannot be used: it is not a JSON object`);
  const cached = compiled.get(schema);
  if (cached) return cached;
  try {
    const validate = newAjv().compile(schema);
    compiled.set(schema, validate);
    return validate;
  } catch (error) {
    throw new InboxError(
      'invalid',
      `The schema ${name} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Throws an `invalid` error saying why a schema of the user's own cannot be used; quiet when it can. */
export function assertUsableSchema(schema: unknown, name: string): void {
  compileOwn(schema, name);
}

/** Checks a payload against a schema of the user's own (JSON Schema draft-07 or 2019-09 subset ajv supports). */
export function checkWithSchema(schema: unknown, name: string, value: unknown): SchemaCheck {
  return report(name, compileOwn(schema, name), value);
}
