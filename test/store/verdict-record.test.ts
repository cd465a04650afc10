import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expandVerdictRecord, verdictRecord } from '../../electron/core/verdict-record';
import { noSignatureVerdict } from '../../electron/signatures';
import { DB_FILE } from '../../electron/store/database';
import { SqliteStore } from '../../electron/store/store';
import type { Verification } from '../../shared/types';
import { endpointRow } from '../helpers/endpoint-row';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

// Most captures are unsigned with one and the same verdict; it is stored in a few bytes and read
// back whole. Every other verdict is stored as it is.

const endpoint = endpointRow('verdicts');

describe('stored verdicts', () => {
  it('stores the no-signature verdict short and reads it back whole, with its hint', async () => {
    const home = tempHome();
    const store = new SqliteStore(home);
    store.endpoints.create(endpoint);
    const verdict = noSignatureVerdict(1_700_000_000_123);
    const signed: Verification = {
      status: 'valid',
      scheme: 'stripe',
      reason: 'Signature matches (secret #1)',
      signatureMatched: true,
      fresh: true,
      signedAt: 1_700_000_000_000,
      checkedAt: 1_700_000_000_123,
    };
    const plain = newEvent(endpoint.id, '{"a":1}', { verification: verdict });
    const other = newEvent(endpoint.id, '{"b":2}', { verification: signed });
    await store.events.commit([plain, other]);

    expect(store.events.get(plain.id)?.verification).toEqual(verdict);
    expect(store.events.get(plain.id)?.verification.diagnostics?.hints?.[0]).toMatch(
      /No header of a known scheme/,
    );
    expect(store.events.get(other.id)?.verification).toEqual(signed);
    store.maintenance.close();

    const db = new Database(join(home, DB_FILE), { readonly: true });
    const stored = db.prepare<[string], { verification: string }>(
      'SELECT verification FROM events WHERE id = ?',
    );
    expect(stored.get(plain.id)?.verification).toBe('{"unsigned":1700000000123}');
    expect(JSON.parse(stored.get(other.id)?.verification ?? '{}')).toEqual(signed);
    db.close();
  });

  it('keeps any other unsigned verdict as it is', () => {
    const changed = { ...noSignatureVerdict(5), reason: 'something else' };
    expect(verdictRecord(changed)).toBe(JSON.stringify(changed));
    const extraHint = { ...noSignatureVerdict(5), diagnostics: { hints: ['a', 'b'] } };
    expect(verdictRecord(extraHint)).toBe(JSON.stringify(extraHint));
  });

  it('leaves anything but the short form to the schema check', () => {
    expect(expandVerdictRecord({ unsigned: 'soon' })).toEqual({ unsigned: 'soon' });
    expect(expandVerdictRecord({ unsigned: 1, more: true })).toEqual({ unsigned: 1, more: true });
    expect(expandVerdictRecord(null)).toBeNull();
    expect(expandVerdictRecord({ unsigned: 7 })).toEqual(noSignatureVerdict(7));
  });
});
