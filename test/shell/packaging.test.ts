/**
 * Issue 17.8 / 17.10: what the README says about Node matches what npm checks, and `npm run dist`
 * has a pinned electron-builder to run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('packaging and the Node version', () => {
  it('the README names the Node version Electron asks for, and the one the rest needs', () => {
    const pkg = json('package.json') as { engines: { node: string } };
    const electron = json('node_modules/electron/package.json') as { engines: { node: string } };
    const electronNode = /(\d+\.\d+)/.exec(electron.engines.node)?.[1];
    const ownNode = /(\d+\.\d+)/.exec(pkg.engines.node)?.[1];
    expect(readme).toContain(
      `Requires Node.js ≥ ${ownNode}; Node ≥ ${electronNode} gives a warning-free install`,
    );
    expect(readme).toContain('EBADENGINE');
  });

  it('pins electron-builder as a devDependency and it runs', () => {
    const pkg = json('package.json') as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-builder/cli.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.devDependencies['electron-builder']);
    for (const target of ['AppImage', 'deb', 'dmg', 'nsis'])
      expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toContain(`- ${target}`);
    expect(readme).toMatch(/AppImage and a `\.deb` on Linux, a\s+`\.dmg` on macOS, an NSIS installer/);
  });
});
