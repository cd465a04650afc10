import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, runCliJson } from '../helpers/cli-process';
import { tempHome } from '../helpers/temp-home';

/** Files a request under an endpoint with `hookline import` (a curl command on stdin). */
function importCurl(home: string, endpoint: string, curl: string, env: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, [CLI, 'import', '-', '--curl', '--endpoint', endpoint, '--json'], {
    env: { ...process.env, HOOKLINE_HOME: home, ...env },
    input: curl,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
}

describe('hookline events list --search', () => {
  it('finds substrings of decoded bodies and tells on stderr what it searched only in part', () => {
    const home = tempHome();
    runCliJson(home, ['endpoints', 'create', 'cli-search']);
    importCurl(
      home,
      'cli-search',
      `curl -X POST https://x.test/hook -H 'Content-Type: application/json' -d '{"id":"pi_3PXYZabc"}'`,
    );
    importCurl(home, 'cli-search', `curl -X POST https://x.test/hook -d 'name=%C3%BCn%C3%AFc%C3%B6d%C3%A9'`);
    importCurl(home, 'cli-search', `curl -X POST https://x.test/hook -d '${'z'.repeat(2000)}tail-needle'`);

    const found = runCliJson<{ id: string; bodySize: number }[]>(home, [
      'events',
      'list',
      '--search',
      'pxyz',
    ]);
    expect(found).toHaveLength(1);
    expect(runCliJson<unknown[]>(home, ['events', 'list', '--search', 'ünïcödé'])).toHaveLength(1);

    // With a small decoded-size limit the long body is searched in part, and the CLI says so.
    const small = spawnSync(process.execPath, [CLI, 'events', 'list', '--search', 'tail-needle'], {
      env: { ...process.env, HOOKLINE_HOME: home, HOOKLINE_SEARCH_BYTES: '1024' },
      encoding: 'utf8',
    });
    expect(small.status).toBe(0);
    expect(small.stdout).toContain('No events match');
    expect(small.stderr).toContain(
      '1 event is over 1 KiB decoded: only the first 1 KiB of its body was searched',
    );
    expect(runCli(home, ['events', 'list', '--search', 'tail-needle']).stdout).toContain('POST');
    expect(runCli(home, ['events', 'list', '--search', '  ']).code).toBe(2);
  });
});
