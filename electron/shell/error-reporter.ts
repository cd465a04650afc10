import { errorText } from '../base/logger';
/** How the reporter reaches the user and the log. */
export interface ErrorSinks {
  log: (line: string) => void;
  /** Shows a modal to the user; absent before the app is ready. */
  show?: (title: string, detail: string) => void;
}

/** Formats any thrown value for the log: stack when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * The one place unexpected main-process errors go: logged with their stack, and shown once per
 * distinct message so a repeating failure can't bury the user in dialogs.
 */
export function createErrorReporter(sinks: ErrorSinks): (context: string, error: unknown) => void {
  const shown = new Set<string>();
  return (context, error) => {
    sinks.log(`[error] ${context}: ${describeError(error)}`);
    const message = errorText(error);
    const key = `${context}\n${message}`;
    if (!sinks.show || shown.has(key)) return;
    shown.add(key);
    sinks.show(`Hookline: ${context}`, message);
  };
}
