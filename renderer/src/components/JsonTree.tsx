import { useState } from 'react';
import { plural } from '../lib/format';
import { CopyButton } from './CopyButton';

// Very wide arrays/objects show their first children; the rest is one click away via Raw.
const MAX_CHILDREN = 500;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="j-null">null</span>;
  if (typeof value === 'string') return <span className="j-str">"{value}"</span>;
  if (typeof value === 'number') return <span className="j-num">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="j-bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const isArray = Array.isArray(value);
  const isObject = typeof value === 'object' && value !== null;
  const [open, setOpen] = useState(depth < 3);
  const key = name !== null ? <span className="j-key">{name}: </span> : null;
  if (!isObject) {
    return (
      <div className="j-row">
        {key}
        <Scalar value={value} />
        <span className="j-copy">
          <CopyButton text={typeof value === 'string' ? value : JSON.stringify(value)} />
        </span>
      </div>
    );
  }
  const entries: Array<[string, unknown]> = isArray
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const [openB, closeB] = isArray ? ['[', ']'] : ['{', '}'];
  return (
    <div className="j-node">
      <div className="j-row">
        <button
          type="button"
          className="j-toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={open ? 'Collapse' : 'Expand'}
        >
          {open ? '▾' : '▸'}
        </button>
        {key}
        <span className="j-brace">{openB}</span>
        {!open && (
          <span className="muted j-summary">
            {' '}
            {plural(entries.length, isArray ? 'item' : 'key')} {closeB}
          </span>
        )}
        <span className="j-copy">
          <CopyButton text={JSON.stringify(value, null, 2)} />
        </span>
      </div>
      {open && (
        <div className="j-children">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <Node key={k} name={isArray ? null : k} value={v} depth={depth + 1} />
          ))}
          {entries.length > MAX_CHILDREN && (
            <div className="muted">… {entries.length - MAX_CHILDREN} more (see Raw)</div>
          )}
        </div>
      )}
      {open && <div className="j-brace j-close">{closeB}</div>}
    </div>
  );
}

/** A collapsible, copyable JSON tree. */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree mono" data-testid="json-tree">
      <Node name={null} value={value} depth={0} />
    </div>
  );
}
