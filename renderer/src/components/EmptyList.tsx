import { searchNotes } from '../../../shared/search-notes';
import { isFiltered } from '../lib/filter';
import { useStore } from '../store';
import { CopyButton } from './CopyButton';

/** What the list shows when there is nothing: the next step for a newcomer. */
export function EmptyList() {
  const endpoints = useStore((s) => s.endpoints);
  const loaded = useStore((s) => s.endpointsLoaded);
  const activeId = useStore((s) => s.activeEndpointId);
  const filter = useStore((s) => s.filter);
  const openModal = useStore((s) => s.openModal);
  const search = useStore((s) => s.listCount?.search);
  // A search that stopped early (time budget) may find more further back.
  const more = useStore((s) => s.nextCursor !== null);
  const loadMore = useStore((s) => s.loadMore);
  const filtered = isFiltered(filter);

  if (!loaded) return <div className="empty" />;
  if (endpoints.length === 0) {
    return (
      <div className="empty" data-testid="empty-state">
        <h2>Catch your first webhook</h2>
        <p>Create an endpoint: you get a URL that stores every request sent to it, byte for byte.</p>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => openModal({ kind: 'create-endpoint' })}
        >
          Create an endpoint
        </button>
        <p className="muted">
          Then send it something, e.g. <code>curl -X POST &lt;url&gt; -d '{'{"hello":"world"}'}'</code>
        </p>
      </div>
    );
  }
  if (filtered) {
    return (
      <div className="empty" data-testid="empty-state">
        <h2>No events match</h2>
        {/* "No match" may only mean "not searched that far" or "not yet indexed": say so here. */}
        {(search ? searchNotes(search) : []).map((note) => (
          <p key={note} data-testid="search-note">
            {note}
          </p>
        ))}
        {more && (
          <button type="button" className="btn" onClick={() => void loadMore()}>
            Search further back
          </button>
        )}
        <p className="muted">Clear the search or filters above to see everything.</p>
      </div>
    );
  }
  const endpoint = endpoints.find((e) => e.id === activeId) ?? endpoints[0];
  const curl = `curl -X POST ${endpoint?.urls.url ?? '<url>'} -H 'Content-Type: application/json' -d '{"hello":"world"}'`;
  return (
    <div className="empty" data-testid="empty-state">
      <h2>Waiting for webhooks…</h2>
      <p>
        Point your provider at <strong>{endpoint?.label}</strong>'s URL, or send a test request. It appears
        here the moment it lands.
      </p>
      <pre className="snippet mono">{curl}</pre>
      <CopyButton text={curl} label="Copy command" />
    </div>
  );
}
