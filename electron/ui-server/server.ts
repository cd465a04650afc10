import type { Inbox } from '../core/inbox';

/** A running UI server. */
export interface UiServer {
  /** URL to open, including the per-run token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the UI server on 127.0.0.1 (null until the UI server lands). */
export async function startUiServer(_inbox: Inbox, _options: { port: number; open: boolean }): Promise<UiServer | null> {
  return null;
}
