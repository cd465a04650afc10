import type { HeaderPair } from '../../../shared/types';

/** Headers exactly as received: original casing, order and repeats. */
export function HeadersTable({ headers }: { headers: HeaderPair[] }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="headers" data-testid="headers-table">
      <tbody>
        {headers.map(([name, value], i) => (
          // Repeated header names are legal, so the position is part of the key.
          // biome-ignore lint/suspicious/noArrayIndexKey: headers are an ordered list that never reorders
          <tr key={i}>
            <th className="mono">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
