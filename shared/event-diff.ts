/** The comparison of two stored events, as every face shows it (CLI now, GUI and MCP later). */

/** How one value differs: only in b (added), only in a (removed), or in both with other values. */
export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference in the JSON body, at a path such as `data.object.amount` or `items[0].price`. */
export interface BodyChange {
  kind: ChangeKind;
  /** Segments, for programs (numbers are array indexes). */
  segments: (string | number)[];
  /** The same path for people. */
  path: string;
  /** The value in event a (absent for `added`). */
  before?: unknown;
  /** The value in event b (absent for `removed`). */
  after?: unknown;
}

/** One header that differs (names compared case-insensitively; repeats joined with ", "). */
export interface HeaderChange {
  kind: ChangeKind;
  name: string;
  before: string | null;
  after: string | null;
  /** Differs on every delivery by design (signatures, timestamps, delivery ids, lengths). */
  perDelivery: boolean;
}

/** One request attribute (method, path, event type, verdict…) that differs. */
export interface FieldChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

/** How the bodies were compared. */
export type BodyComparison =
  /** Both JSON: changes by path. */
  | { mode: 'json'; identical: boolean; changes: BodyChange[]; truncated: number }
  /** Both form-encoded: changes by field (segments hold the field name). */
  | { mode: 'form'; identical: boolean; changes: BodyChange[]; truncated: number }
  /** Anything else: byte equality, sizes and where they first differ. */
  | { mode: 'bytes'; identical: boolean; sizeA: number; sizeB: number; firstDifferenceAt: number | null };

/** Two events compared. */
export interface EventDiff {
  a: { id: string; receivedAt: number };
  b: { id: string; receivedAt: number };
  /** Same request attributes, headers (per-delivery ones aside) and body. */
  identical: boolean;
  fields: FieldChange[];
  headers: HeaderChange[];
  body: BodyComparison;
}
