import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalInbox } from '../../electron/app/open-inbox';
import { runCli, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

describe('hookline CLI', () => {
  it('prints help with exit 0, and usage errors with exit 2', () => {
    const home = tempHome();
    const help = runCli(home, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('endpoints');
    for (const cmd of ['serve', 'endpoints', 'events']) {
      const r = runCli(home, [cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Usage');
    }
    expect(runCli(home, ['nope']).code).toBe(2);
    const bad = runCli(home, ['events', 'list', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number');
    const unknownFlag = runCli(home, ['endpoints', 'list', '--frobnicate']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('frobnicate');
  });

  it('creates, lists and deletes endpoints; secrets are shown only at creation', () => {
    const home = tempHome();
    const created = runCliJson<{
      id: string;
      label: string;
      url: string;
      secrets: string[];
      provider: string;
    }>(home, ['endpoints', 'create', 'stripe-dev', '--provider', 'svix', '--generate-secret']);
    expect(created.provider).toBe('standard-webhooks');
    expect(created.secrets[0]).toMatch(/^whsec_/);
    expect(created.url).toContain(`/h/${created.id}`);
    expect(created.id.length).toBeGreaterThanOrEqual(22);

    const listed = runCli(home, ['endpoints', 'list', '--json']);
    expect(listed.stdout).not.toContain(created.secrets[0]);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);

    const dup = runCli(home, ['endpoints', 'create', 'stripe-dev']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');

    const badProvider = runCli(home, ['endpoints', 'create', 'x', '--provider', 'nope']);
    expect(badProvider.code).toBe(1);
    expect(badProvider.stderr).toContain('Unknown provider "nope"');

    expect(runCli(home, ['endpoints', 'delete', 'stripe-dev']).code).toBe(0);
    const missing = runCli(home, ['endpoints', 'delete', 'stripe-dev']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Endpoint "stripe-dev" not found');
  });

  it('creates the database and its WAL files owner-only', () => {
    const home = tempHome();
    // While a process has it open the WAL and shared-memory files exist too.
    const inbox = openLocalInbox({ home });
    try {
      inbox.createEndpoint({ label: 'perm' }, 'cli');
      for (const f of ['hookline.db', 'hookline.db-wal', 'hookline.db-shm']) {
        const mode = statSync(join(home, f)).mode & 0o777;
        expect(mode, f).toBe(0o600);
      }
    } finally {
      inbox.close();
    }
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('shows an unknown event as a clear failure', () => {
    const r = runCli(tempHome(), ['events', 'show', 'evt_nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Event "evt_nope" not found');
  });
});
