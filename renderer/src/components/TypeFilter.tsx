import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useStore } from '../store';

/** Comma-separated globs as typed ("invoice.*, charge.succeeded") → the filter's list (none: no filter). */
function parseGlobs(text: string): string[] | undefined {
  const globs = text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
  return globs.length > 0 ? globs : undefined;
}

/**
 * The event type filter: globs (`invoice.*`), several separated by commas, with the stored types
 * suggested as you type. Suggestions are fetched when the field gets focus, so they include types
 * that arrived since.
 */
export function TypeFilter() {
  const applied = useStore((s) => s.filter.typeGlobs);
  const setFilter = useStore((s) => s.setFilter);
  const [text, setText] = useState(applied?.join(', ') ?? '');
  const [types, setTypes] = useState<string[]>([]);
  const [more, setMore] = useState(false);

  // One query per pause, as the search box does.
  useEffect(() => {
    const t = setTimeout(() => {
      const globs = parseGlobs(text);
      if ((globs ?? []).join('\n') !== (applied ?? []).join('\n')) setFilter({ typeGlobs: globs });
    }, 180);
    return () => clearTimeout(t);
  }, [text, applied, setFilter]);

  const suggest = () => {
    call('events.types', {}).then(
      (r) => {
        setTypes(r.types);
        setMore(r.more);
      },
      // Suggestions are a convenience: typing a glob still filters.
      () => setTypes([]),
    );
  };

  return (
    <>
      <input
        type="search"
        className="type-filter"
        placeholder="Event type"
        aria-label="Event type"
        list="event-types"
        title={
          more
            ? `Event types, * as a wildcard, several with commas. Suggestions list the first ${types.length} types; any other can be typed.`
            : 'Event types, * as a wildcard, several with commas'
        }
        value={text}
        onFocus={suggest}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      <datalist id="event-types">
        {types.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}
