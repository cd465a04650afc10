import { useEffect, useRef, useState } from 'react';
import type { EventFilter } from '../../../shared/api';
import type { VerificationStatus } from '../../../shared/types';
import { useStore } from '../store';
import { TypeFilter } from './TypeFilter';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const VERDICTS: VerificationStatus[] = ['valid', 'invalid', 'unsigned', 'no_secret', 'error'];
const FORWARDS: Array<[NonNullable<EventFilter['forward']>, string]> = [
  ['delivered', 'Delivered'],
  ['retrying', 'Retrying'],
  ['failed', 'Gave up'],
  ['none', 'Not forwarded'],
];

// "Acked" means handled: the failed ones (the dead letter) are a state of their own.
const STATES: Record<string, Pick<EventFilter, 'acked' | 'failed'>> = {
  all: { acked: undefined, failed: undefined },
  pending: { acked: false, failed: undefined },
  acked: { acked: true, failed: false },
  failed: { acked: undefined, failed: true },
};

/** Search and filters above the event list. */
export function FilterBar() {
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const [text, setText] = useState(filter.text ?? '');
  const input = useRef<HTMLInputElement>(null);

  // Search as you type, but one query per pause rather than per keystroke.
  useEffect(() => {
    const t = setTimeout(() => {
      if ((filter.text ?? '') !== text) setFilter({ text: text || undefined });
    }, 180);
    return () => clearTimeout(t);
  }, [text, filter.text, setFilter]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === '/' &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
      ) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const state = filter.failed
    ? 'failed'
    : filter.acked === undefined
      ? 'all'
      : filter.acked
        ? 'acked'
        : 'pending';
  return (
    <div className="filterbar">
      <input
        ref={input}
        type="search"
        className="search"
        placeholder="Search anything: ids, text, header:…  ( / )"
        aria-label="Search events"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      <TypeFilter />
      <select
        aria-label="Method"
        value={filter.methods?.[0] ?? ''}
        onChange={(e) => setFilter({ methods: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">Method</option>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <select
        aria-label="Signature"
        value={filter.verification?.[0] ?? ''}
        onChange={(e) =>
          setFilter({ verification: e.target.value ? [e.target.value as VerificationStatus] : undefined })
        }
      >
        <option value="">Signature</option>
        {VERDICTS.map((v) => (
          <option key={v} value={v}>
            {v.replace('_', ' ')}
          </option>
        ))}
      </select>
      <select
        aria-label="State"
        value={state}
        onChange={(e) => setFilter(STATES[e.target.value] ?? STATES.all ?? {})}
      >
        <option value="all">All</option>
        <option value="pending">Pending</option>
        <option value="acked">Acked</option>
        <option value="failed">Failed</option>
      </select>
      <select
        aria-label="Forwarding"
        value={filter.forward ?? ''}
        onChange={(e) =>
          setFilter({ forward: FORWARDS.find(([v]) => v === e.target.value)?.[0] ?? undefined })
        }
      >
        <option value="">Forwarding</option>
        {FORWARDS.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
      <label className="filter-toggle" title="Only events whose schema check found violations">
        <input
          type="checkbox"
          checked={filter.schemaViolations === true}
          onChange={(e) => setFilter({ schemaViolations: e.target.checked ? true : undefined })}
        />
        Schema violations
      </label>
    </div>
  );
}
