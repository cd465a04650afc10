import type { EventSchemaCheck } from '../../../shared/schema-checks';
import { terminalLine } from '../../core/terminal-text';

/** The `Schema:` lines of `events show`: the verdict, then each stored violation and how many more. */
export function schemaCheckLines(check: EventSchemaCheck | null): string[] {
  if (!check) return [];
  if (check.count === 0) return [`Schema:     valid against ${check.schema}`];
  const lines = [`Schema:     ${check.count} violation(s) of ${check.schema}`];
  for (const v of check.violations) {
    // Paths and values come from the payload: kept on one line, control characters shown.
    const value = v.value === null ? '' : ` (found ${terminalLine(v.value)})`;
    lines.push(`  ${terminalLine(v.path || '(root)')}: ${terminalLine(v.message)}${value}`);
  }
  if (check.more > 0) lines.push(`  … and ${check.more} more (not listed)`);
  return lines;
}
