import { useEffect, useState } from 'react';
import { formatAgo } from '../lib/format';
import { useStore } from '../store';
import { CopyButton } from './CopyButton';
import { Modal } from './Modal';

/** How to connect an agent over MCP, and which agents are connected and what they acked. */
export function AgentsDialog() {
  const close = useStore((s) => s.openModal);
  const load = useStore((s) => s.loadAgents);
  const agents = useStore((s) => s.agents);
  const snippets = useStore((s) => s.snippets);
  const select = useStore((s) => s.select);
  const [client, setClient] = useState('claude-code');
  useEffect(() => {
    void load();
  }, [load]);
  const snippet = snippets.find((s) => s.client === client) ?? snippets[0];
  return (
    <Modal title="Agents" onClose={() => close(null)} wide>
      <p className="muted">
        Agents reach this inbox through <code>hookline mcp</code> (stdio). Add it to your client; it shares
        this data directory.
      </p>
      <div className="segmented" role="tablist">
        {snippets.map((s) => (
          <button
            key={s.client}
            type="button"
            role="tab"
            aria-selected={s.client === snippet?.client}
            className={s.client === snippet?.client ? 'active' : ''}
            onClick={() => setClient(s.client)}
          >
            {s.title}
          </button>
        ))}
      </div>
      {snippet && (
        <div className="snippet-box" data-testid="mcp-snippet">
          <div className="row">
            <span className="muted">{snippet.where}</span>
            <span className="grow" />
            <CopyButton text={snippet.text} />
          </div>
          <pre className="code mono">{snippet.text}</pre>
        </div>
      )}
      <h3>Connected agents</h3>
      {agents.length === 0 ? (
        <p className="muted">
          No agent has connected yet. Once a client starts <code>hookline mcp</code>, it shows up here.
        </p>
      ) : (
        <table className="headers agents">
          <tbody>
            {agents.map((a) => (
              <tr key={a.key}>
                <th>
                  <span className={`dot ${a.connected ? 'dot-ok' : 'dot-off'}`} /> {a.client}
                  {a.clientVersion ? <span className="muted"> {a.clientVersion}</span> : null}
                </th>
                <td>
                  {a.connected ? 'connected' : 'gone'} · pid {a.pid ?? '?'} · seen{' '}
                  {a.lastSeen ? formatAgo(a.lastSeen) : 'never'}
                  {a.recentAcks.length > 0 && (
                    <div className="acks">
                      Acked:{' '}
                      {a.recentAcks.map((r) => (
                        <button
                          key={r.eventId}
                          type="button"
                          className="link mono"
                          onClick={() => {
                            select(r.eventId);
                            close(null);
                          }}
                        >
                          {r.eventId}
                        </button>
                      ))}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
