/** The agent's envelope carries the schema check's count, and nothing when no check applies. */
import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { envelope, envelopeSchema } from '../../electron/mcp/envelope';
import { checkEvent } from '../../electron/schema/check-event';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

describe('event envelope', () => {
  it('states schema violations for checked events only', async () => {
    const inbox = openLocalInbox({ home: tempHome(), watch: false });
    const checked = inbox.createEndpoint({ label: 'checked' }, 'cli').id;
    const plain = inbox.createEndpoint({ label: 'plain' }, 'cli').id;
    inbox.schemas.attach(checked, null, { properties: { n: { type: 'integer' } } }, 'cli');
    const bad = newEvent(checked, '{"n":"x"}', { forward: false });
    const other = newEvent(plain, '{"n":"x"}', { forward: false });
    await inbox.commitEvents([bad, other]);
    inbox.schemas.checkNow(checkEvent);
    const withCount = envelope(inbox.getEvent(bad.id), 'checked', true);
    expect(withCount.schema_violations).toBe(1);
    expect(envelopeSchema.parse(withCount)).toEqual(withCount);
    expect('schema_violations' in envelope(inbox.getEvent(other.id), 'plain', true)).toBe(false);
    inbox.close();
  });
});
