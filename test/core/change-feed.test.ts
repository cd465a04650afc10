import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import type { Change } from '../../shared/changes';
import { runCli, runCliJson } from '../helpers/cli-process';
import { newEvent } from '../helpers/new-event';
import { tempHome } from '../helpers/temp-home';

// Another process's writes reach this one through the shared change log: what lets the GUI, an
// agent's `hookline mcp` and the CLI share one inbox.

function waitFor(changes: Change[], done: (all: Change[]) => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (done(changes)) return resolve();
      if (Date.now() - started > 10_000) return reject(new Error(`never heard ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}

describe('change feed across processes', () => {
  it('hears endpoints created and events acked by other processes, in order', async () => {
    const home = tempHome();
    const inbox = openLocalInbox({ home, watch: true });
    const heard: Change[] = [];
    inbox.subscribe((c) => heard.push(c));
    try {
      const ep = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'elsewhere']);
      await waitFor(
        heard,
        (all) => all.some((c) => c.kind === 'endpoint.changed' && c.ref === ep.id),
        'the endpoint',
      );
      expect(inbox.getEndpoint('elsewhere').id).toBe(ep.id);

      // This process writes; a second CLI process acks what it wrote; this one hears the ack.
      const event = newEvent(ep.id, '{}');
      await inbox.commitEvents([event]);
      const ack = runCli(home, ['events', 'ack', event.id]);
      expect(ack.code).toBe(0);
      await waitFor(
        heard,
        (all) => all.some((c) => c.kind === 'event.updated' && c.ref === event.id),
        'the ack',
      );
      expect(inbox.getEvent(event.id).ackedBy).toBe('cli');
      const ids = heard.map((c) => c.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      inbox.close();
    }
  });
});
