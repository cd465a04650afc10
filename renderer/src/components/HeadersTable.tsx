import type { HeaderPair } from '../../../shared/types';

/** Headers exactly as received: original casing, order and repeats (also used for query parameters). */
export function HeadersTable({
  headers,
  testId = 'headers-table',
}: {
  headers: HeaderPair[];
  testId?: string;
}) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="headers" data-testid={testId}>
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
