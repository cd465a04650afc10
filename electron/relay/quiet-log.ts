import type { LogFields, Logger } from '../base/logger';

// One line per message per window: enough to see an outage begin, end and how big it was.
const WINDOW_MS = 10_000;

interface Burst {
  until: number;
  repeats: number;
}

/**
 * A logger that says a repeated warning or error once per window, then how many times it recurred.
 * A relay whose database is restarting fails every capture and every API call; one line per
 * request would bury the log (and the disk) under the same sentence thousands of times a second.
 */
export function quietLog(log: Logger, now: () => number = Date.now): Logger {
  const bursts = new Map<string, Burst>();
  const say = (level: 'warn' | 'error', message: string, fields?: LogFields) => {
    const at = now();
    const burst = bursts.get(message);
    if (burst && at < burst.until) {
      burst.repeats++;
      return;
    }
    if (burst && burst.repeats > 0)
      log[level](`${message} (${burst.repeats} more time(s) in the last ${WINDOW_MS / 1000} s)`, fields);
    else log[level](message, fields);
    bursts.set(message, { until: at + WINDOW_MS, repeats: 0 });
    // Forget quiet messages, so the map stays as small as the set of things going wrong now.
    for (const [key, b] of bursts) if (b.until < at && b.repeats === 0) bursts.delete(key);
  };
  return {
    debug: (message, fields) => log.debug(message, fields),
    info: (message, fields) => log.info(message, fields),
    warn: (message, fields) => say('warn', message, fields),
    error: (message, fields) => say('error', message, fields),
  };
}
