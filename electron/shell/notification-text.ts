/** A new event to announce. */
export interface NewEvent {
  eventId: string;
  endpointId: string | null;
}

/** A native notification to show; clicking it opens `eventId` (the newest one announced). */
export interface DesktopNotification {
  title: string;
  body: string;
  eventId: string;
}

/** The notification for a batch of new events (one, or a burst summarised in one). */
export function notificationFor(
  events: readonly NewEvent[],
  labels: ReadonlyMap<string, string>,
): DesktopNotification | null {
  const newest = events.at(-1);
  if (!newest) return null;
  const label = (e: NewEvent) => (e.endpointId ? labels.get(e.endpointId) : undefined);
  if (events.length === 1) {
    const name = label(newest);
    return {
      title: name ? `New webhook on ${name}` : 'New webhook',
      body: 'Click to open it in Hookline.',
      eventId: newest.eventId,
    };
  }
  const names = [...new Set(events.map(label).filter((n): n is string => Boolean(n)))];
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return {
    title: `${events.length} new webhooks`,
    body: names.length > 0 ? `On ${shown}${more}. Click to open the newest.` : 'Click to open the newest.',
    eventId: newest.eventId,
  };
}

/** The tray tooltip for a pending count (null while unknown). */
export function trayTooltip(pending: number | null): string {
  if (pending === null) return 'Hookline';
  if (pending === 0) return 'Hookline — no pending webhooks';
  return `Hookline — ${pending} pending webhook${pending === 1 ? '' : 's'}`;
}

/** The short text beside the tray icon (macOS) and the dock badge: empty when nothing is pending. */
export function trayTitle(pending: number | null): string {
  if (!pending) return '';
  return pending > 999 ? '999+' : String(pending);
}
