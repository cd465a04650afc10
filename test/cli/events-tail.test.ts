import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, runCliJson, startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

describe('events tail', () => {
  it('shows an event received by another process as it arrives', async () => {
    const home = tempHome();
    const port = await freePort();
    await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    const endpoint = runCliJson<{ id: string }>(home, ['endpoints', 'create', 'tailed']);
    const tail = spawn(process.execPath, [CLI, 'events', 'tail', '--json'], {
      env: { ...process.env, HOOKLINE_HOME: home },
    });
    try {
      let out = '';
      const line = new Promise<string>((resolve, reject) => {
        tail.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        tail.once('exit', (code) => reject(new Error(`tail exited ${code}`)));
      });
      // Post through the other process's receiver once tail says it is listening.
      await new Promise<void>((resolve) => {
        let err = '';
        tail.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          if (err.includes('Waiting for events')) resolve();
        });
      });
      const res = await fetch(`http://127.0.0.1:${port}/h/${endpoint.id}/orders?x=1`, {
        method: 'POST',
        body: '{"n":1}',
      });
      const { event_id } = (await res.json()) as { event_id: string };
      const shown = JSON.parse(await line) as { id: string; path: string; query: string };
      expect(shown).toMatchObject({ id: event_id, path: '/orders', query: 'x=1' });
    } finally {
      tail.kill('SIGTERM');
    }
  });
});
