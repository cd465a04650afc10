import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/cli-process';
import { freePort } from '../helpers/ports';
import { tempHome } from '../helpers/temp-home';

// Issue 12.14: two `serve` processes on one data directory with different ports both led, and every
// event was auto-forwarded twice. Leadership is per data directory now: exactly one leader.
describe('one leader per data directory, whatever the ports', () => {
  it('a second serve asked for another --port gets a clear error instead of leading too', async () => {
    const home = tempHome();
    const [first, second] = [await freePort(), await freePort()];
    const leader = await startServe(home, ['--port', String(first), '--ui-port', '0', '--tunnel', 'none']);
    expect(leader.facts.role).toBe('leader');
    await expect(
      startServe(home, ['--port', String(second), '--ui-port', '0', '--tunnel', 'none']),
    ).rejects.toThrow(
      new RegExp(`already receives for this inbox on port ${first}; leave out --port to share it`),
    );
  });

  it('a process started without --port follows and says which port receives', async () => {
    const home = tempHome();
    const port = await freePort();
    const leader = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    expect(leader.facts.role).toBe('leader');
    const follower = await startServe(home, ['--ui-port', '0', '--tunnel', 'none']);
    expect(follower.facts.role).toBe('follower');
    expect(follower.facts.receiverPort).toBe(port);
    expect(follower.stderr()).toContain(
      `following the Hookline (pid ${leader.facts.pid}) that receives on port ${port}`,
    );
  });

  it('when the leader exits cleanly, a follower on another port takes over receiving', async () => {
    const home = tempHome();
    const port = await freePort();
    const leader = await startServe(home, ['--port', String(port), '--ui-port', '0', '--tunnel', 'none']);
    const follower = await startServe(home, ['--port', '0', '--ui-port', '0', '--tunnel', 'none']);
    expect(follower.facts.role).toBe('follower');
    await leader.stop('SIGTERM');
    const promoted = await follower.waitFor((f) => f.role === 'leader', 15_000);
    expect(promoted.receiverPort).toBeGreaterThan(0);
    expect(promoted.receiverPort).not.toBe(port);
  });
});
