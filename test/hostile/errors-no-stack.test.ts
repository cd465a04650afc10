/**
 * Issue 12.21: errors a user can cause get a clear message and the right status, never a stack.
 * A broken percent-encoding in a UI path is a 400; `serve` on a full disk says the disk is full
 * (tested on a small tmpfs, which needs root to mount).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startLocalServe } from '../helpers/cli-process';
import { buildRequest, rawRequest } from '../helpers/raw-http';
import { tempHome } from '../helpers/temp-home';

describe('errors without stacks', () => {
  it('answers 400 with a clear message for a path with broken percent-encoding', async () => {
    const serve = await startLocalServe(tempHome());
    const uiPort = Number(new URL(serve.facts.uiUrl ?? '').port);
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js']) {
      const res = await rawRequest(
        uiPort,
        buildRequest('GET', path, [
          ['Host', `127.0.0.1:${uiPort}`],
          ['Connection', 'close'],
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatch(/invalid percent-encoding/);
      expect(res.body).not.toMatch(/URIError|at /);
    }
    expect(serve.stderr()).not.toMatch(/URIError/);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)('serve on a full disk says "the disk holding <dir> is full", without a stack', () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'hookline-full-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mountPoint]);
    if (mounted.status !== 0) {
      console.warn(`skipped: could not mount a tmpfs (${mounted.stderr.toString().trim()})`);
      rmdirSync(mountPoint);
      return;
    }
    try {
      const home = join(mountPoint, 'inbox');
      const fill = () => {
        // Fill the disk to the last block.
        spawnSync('sh', ['-c', `dd if=/dev/zero of=${join(mountPoint, 'fill')} bs=4k 2>/dev/null; true`]);
      };
      // A new inbox on a full disk, then an existing inbox whose disk filled up since.
      mkdirSync(home);
      fill();
      for (const round of ['new', 'existing']) {
        const r = runCli(home, ['serve', '--port', '0', '--ui-port', '0', '--tunnel', 'none']);
        expect(r.code, round).toBe(1);
        expect(r.stderr, round).toMatch(new RegExp(`the disk holding ${home} is full`, 'i'));
        expect(r.stderr, round).not.toMatch(/SqliteError|unexpected error|\n\s+at /);
        if (round === 'new') {
          spawnSync('rm', ['-f', join(mountPoint, 'fill'), join(home, 'hookline.db')]);
          expect(runCli(home, ['endpoints', 'create', 'before-full']).code).toBe(0);
          fill();
        }
      }
    } finally {
      spawnSync('umount', [mountPoint]);
      rmdirSync(mountPoint);
    }
  });
  if (!root) console.warn('full-disk test skipped: mounting a tmpfs needs root');
});
