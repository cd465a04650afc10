import type { Change } from '../../shared/changes';
import { BurstThrottle } from './burst-throttle';
import { type ChangeStream, openChangeStream } from './change-stream';
import { type DesktopNotification, type NewEvent, notificationFor } from './notification-text';
import { fetchEndpointLabels, fetchPendingTotal } from './ui-client';
import type { UiLocation } from './ui-url';

/** What the watcher drives (native notifications, tray, badge) and where it logs. */
export interface InboxWatchDeps {
  notify: (notification: DesktopNotification) => void;
  setPending: (pending: number | null) => void;
  log: (message: string) => void;
  /**
   * The core behind `ui` is gone: its token is refused (a new core replaced it) or it stopped
   * answering for `lostAfter` attempts in a row. Called once; the watcher keeps retrying meanwhile.
   */
  onCoreGone?: () => void;
  lostAfter?: number;
  /** Notification burst window. */
  throttleMs?: number;
  /** Coalesces pending-count refreshes during bursts. */
  refreshDelayMs?: number;
  retryMs?: number;
}

/** Changes that can move the pending count. */
const COUNT_KINDS: ReadonlySet<Change['kind']> = new Set([
  'event.created',
  'event.updated',
  'events.deleted',
  'endpoint.changed',
]);

/**
 * Follows the core's change stream: a native notification per new event (bursts summarised) and
 * the pending count for the tray. Returns a function that stops it.
 */
export function watchInbox(ui: UiLocation, deps: InboxWatchDeps): () => void {
  let labels = new Map<string, string>();
  let refreshTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  let failures = 0;
  let gone = false;

  const refreshLabels = async () => {
    try {
      labels = await fetchEndpointLabels(ui);
    } catch (error) {
      deps.log(`endpoints.list failed: ${(error as Error).message}`);
    }
  };
  const refreshPending = () => {
    if (refreshTimer || stopped) return;
    refreshTimer = setTimeout(async () => {
      refreshTimer = null;
      try {
        const pending = await fetchPendingTotal(ui);
        if (!stopped) deps.setPending(pending);
      } catch (error) {
        deps.log(`status.get failed: ${(error as Error).message}`);
      }
    }, deps.refreshDelayMs ?? 250);
  };

  // Labels are fetched when a burst is flushed, so an endpoint created a moment ago has its name.
  const throttle = new BurstThrottle<NewEvent>((events) => {
    const unknown = events.some((e) => e.endpointId && !labels.has(e.endpointId));
    const show = () => {
      const notification = notificationFor(events, labels);
      if (notification && !stopped) deps.notify(notification);
    };
    if (unknown) void refreshLabels().then(show);
    else show();
  }, deps.throttleMs ?? 4000);

  const stream: ChangeStream = openChangeStream(
    ui,
    {
      onConnect: () => {
        failures = 0;
        void refreshLabels();
        refreshPending();
      },
      onChange: (change) => {
        if (change.kind === 'endpoint.changed') void refreshLabels();
        if (change.kind === 'event.created' && change.ref) {
          throttle.add({ eventId: change.ref, endpointId: change.endpointId });
        }
        if (COUNT_KINDS.has(change.kind)) refreshPending();
      },
      onError: (error) => {
        deps.log(`change stream: ${error.message} (retrying)`);
        failures += 1;
        const refused = error.status === 401 || error.status === 403;
        if (!gone && (refused || failures >= (deps.lostAfter ?? 3))) {
          gone = true;
          deps.onCoreGone?.();
        }
      },
    },
    deps.retryMs,
  );

  return () => {
    stopped = true;
    stream.close();
    throttle.dispose();
    if (refreshTimer) clearTimeout(refreshTimer);
  };
}
