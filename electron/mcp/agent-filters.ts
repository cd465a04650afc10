import type { Endpoint, VerificationStatus } from '../../shared/types';
import { InboxError } from '../core/errors';
import type { Inbox } from '../core/inbox';
import { parseTime } from '../core/time-input';
import { resolveEndpoint } from './agent-query';

/** The filter arguments as the tools' input schemas parse them (see schemas.ts `filterShape`). */
export interface FilterArgs {
  endpoint?: string | string[];
  filter?: {
    type?: string | string[];
    verdict?: string | string[];
    since?: string | number;
    until?: string | number;
  };
}

/** The filters, checked and resolved: endpoints found, times in ms. */
export interface AgentFilters {
  /** Endpoints to read (all registered ones when undefined). */
  endpoints?: Endpoint[];
  typeGlobs?: string[];
  /** Exactly these verdicts, trusted or not (asking for a verdict is asking for those events). */
  verdicts?: VerificationStatus[];
  since?: number;
  until?: number;
}

const VERDICTS: readonly VerificationStatus[] = ['valid', 'invalid', 'unsigned', 'no_secret', 'error'];

function isVerdict(value: string): value is VerificationStatus {
  return (VERDICTS as readonly string[]).includes(value);
}

/** One value, `a,b`, or an array: the distinct non-empty items, or an error naming the field. */
function items(field: string, value: string | string[]): string[] {
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
  const out = [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
  if (out.length === 0) throw new InboxError('invalid', `${field}: give at least one value`, { field });
  if (out.length > 50) throw new InboxError('invalid', `${field}: at most 50 values`, { field });
  return out;
}

/** Checks and resolves the filter arguments; every error names the argument at fault. */
export function resolveFilters(inbox: Inbox, args: FilterArgs): AgentFilters {
  const out: AgentFilters = {};
  if (args.endpoint !== undefined) {
    const seen = new Map<string, Endpoint>();
    for (const ref of items('endpoint', args.endpoint)) {
      const endpoint = resolveEndpoint(inbox, ref);
      seen.set(endpoint.id, endpoint);
    }
    out.endpoints = [...seen.values()];
  }
  const f = args.filter ?? {};
  if (f.type !== undefined) out.typeGlobs = items('filter.type', f.type);
  if (f.verdict !== undefined) {
    const given = items('filter.verdict', f.verdict);
    const wrong = given.filter((v) => !isVerdict(v));
    if (wrong.length > 0) {
      throw new InboxError(
        'invalid',
        `filter.verdict: "${wrong.join('", "')}" is not a verdict; use ${VERDICTS.join(', ')}`,
        { field: 'filter.verdict' },
      );
    }
    out.verdicts = given.filter(isVerdict);
  }
  if (f.since !== undefined) out.since = parseTime('filter.since', f.since);
  if (f.until !== undefined) out.until = parseTime('filter.until', f.until);
  if (out.since !== undefined && out.until !== undefined && out.since >= out.until) {
    throw new InboxError('invalid', 'filter.since must be before filter.until', { field: 'filter.since' });
  }
  return out;
}
