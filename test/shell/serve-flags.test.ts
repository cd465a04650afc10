import { describe, expect, it } from 'vitest';
import { serveFlagsFromArgv } from '../../electron/shell/serve-flags';

describe('serveFlagsFromArgv', () => {
  it('passes serve flags from the app command line to the core', () => {
    expect(
      serveFlagsFromArgv([
        '/usr/bin/electron',
        '/app/dist/main.js',
        '--port',
        '4790',
        '--ui-port=0',
        '--tunnel',
        'localtunnel',
        '--subdomain=acme',
      ]),
    ).toEqual(['--port', '4790', '--ui-port', '0', '--tunnel', 'localtunnel', '--subdomain', 'acme']);
  });

  it('ignores Chromium switches, --open, and flags missing their value', () => {
    expect(
      serveFlagsFromArgv(['/app/hookline', '--no-sandbox', '--open', '--enable-logging', '--port']),
    ).toEqual([]);
    expect(serveFlagsFromArgv(['/app/hookline', '--port', '--tunnel', 'none'])).toEqual(['--tunnel', 'none']);
  });
});
