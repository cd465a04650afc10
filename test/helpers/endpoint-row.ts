import { newEndpointId } from '../../electron/core/ids';
import type { NewEndpointRow } from '../../electron/core/port-records';

/** An endpoint row as the facade would hand it to a store (SQLite or PostgreSQL). */
export function endpointRow(label: string, extra: Partial<NewEndpointRow> = {}): NewEndpointRow {
  return {
    id: newEndpointId(),
    label,
    provider: 'auto',
    secrets: [],
    rejectInvalid: false,
    forwardUrl: null,
    response: null,
    verify: { toleranceSeconds: 300 },
    createdAt: Date.now(),
    createdBy: 'cli',
    ...extra,
  };
}
