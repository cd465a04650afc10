import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/base/logger';
import { quietLog } from '../../electron/relay/quiet-log';

describe('the relay log while its store is down', () => {
  it('says a repeated error once per 10 s, then how often it recurred; other messages pass', () => {
    const lines: string[] = [];
    let now = 0;
    const log = quietLog(createLogger({ write: (line) => lines.push(line) }), () => now);
    for (let i = 0; i < 1000; i++) log.error('could not store an event');
    log.info('relay started');
    log.warn('could not refresh endpoints');
    now = 10_001;
    log.error('could not store an event');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('could not store an event');
    expect(lines[1]).toContain('relay started');
    expect(lines[2]).toContain('could not refresh endpoints');
    expect(lines[3]).toContain('could not store an event (999 more time(s) in the last 10 s)');
  });
});
