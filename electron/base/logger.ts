/** How much a log line matters. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Extra facts for one entry; an `error` field is rendered with {@link errorText}. */
export type LogFields = Record<string, unknown>;

/** The one logger every part of the core is given (stderr: stdout belongs to results and to MCP). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** How to make a logger. */
export interface LoggerOptions {
  /** One JSON object per line (for `--json` runs and log collectors) instead of text. */
  json?: boolean;
  /** Entries below this level are dropped (default `info`; `HOOKLINE_LOG=debug` shows everything). */
  level?: LogLevel;
  /** Where lines go (default: stderr). */
  write?: (line: string) => void;
  clock?: () => number;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The message of anything thrown: `Error.message`, else its string form. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True for a level name. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

// Text lines stay one line each: a payload-derived message must not forge a second entry.
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ⏎ ');
}

function fieldValue(value: unknown): unknown {
  return value instanceof Error ? errorText(value) : value;
}

function textLine(level: LogLevel, message: string, fields: LogFields | undefined): string {
  const extra = Object.entries(fields ?? {})
    .map(([k, v]) => {
      const value = fieldValue(v);
      return `${k}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(' ');
  const prefix = level === 'info' ? '[hookline]' : `[hookline] ${level}:`;
  return `${oneLine(`${prefix} ${message}${extra ? ` (${extra})` : ''}`)}\n`;
}

function jsonLine(level: LogLevel, message: string, fields: LogFields | undefined, time: number): string {
  const out: LogFields = { time: new Date(time).toISOString(), level, msg: message };
  for (const [k, v] of Object.entries(fields ?? {})) out[k] = fieldValue(v);
  const stack = fields?.error instanceof Error && level === 'error' ? fields.error.stack : undefined;
  if (stack) out.stack = stack;
  return `${JSON.stringify(out)}\n`;
}

/** Makes a logger: text lines (`[hookline] warn: …`) or JSON lines, one line per entry. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const clock = options.clock ?? Date.now;
  const entry = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    write(options.json ? jsonLine(level, message, fields, clock()) : textLine(level, message, fields));
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}

/** A logger that drops everything (tests that assert on output pass their own). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The logger the environment asks for: `HOOKLINE_LOG=debug|info|warn|error`, JSON when `json`. */
export function loggerFromEnv(env: NodeJS.ProcessEnv, json = false): Logger {
  const level = env.HOOKLINE_LOG;
  return createLogger({ json, level: isLogLevel(level) ? level : 'info' });
}
