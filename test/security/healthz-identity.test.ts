/**
 * Issue 12.3: /healthz is public through the tunnel, so it must not tell the internet the data path
 * (with the user name in it) or the pid. It answers opaque ids that followers compare.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

async function health(port: number): Promise<{ text: string; json: Record<string, unknown> }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

describe('/healthz identity', () => {
  it('reveals neither the data path nor the pid; the same inbox (even via a symlink) follows, another is refused without its path', async () => {
    const home = tempHome();
    const port = await freePort();
    const leader = await startServe(home, ['--port', String(port), '--ui-port', '0']);
    const { text, json } = await health(port);
    expect(json.app).toBe('hookline');
    expect(typeof json.dataDirId).toBe('string');
    expect(text).not.toContain(home);
    expect(text).not.toContain(String(leader.child.pid));
    expect(Object.keys(json)).not.toContain('home');
    expect(Object.keys(json)).not.toContain('pid');

    // The same inbox through another path is recognised as the same inbox.
    const link = join(tempHome(), 'inbox-link');
    symlinkSync(home, link);
    const follower = await startServe(link, ['--port', String(port), '--ui-port', '0']);
    expect(follower.facts.role).toBe('follower');

    // Another inbox: a clear refusal that does not print the leader's data path.
    const other = tempHome();
    const refused = startServe(other, ['--port', String(port), '--ui-port', '0']);
    await expect(refused).rejects.toThrow(/another Hookline with a different data directory; pass --port/);
    await refused.catch((error: Error) => expect(error.message).not.toContain(home));
  });
});
