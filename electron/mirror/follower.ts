import type { RelayStatus } from '../../shared/types';
import { errorText } from '../base/logger';
import type { Inbox } from '../core/inbox';
import type { RelayEventItem } from '../core/mirror';
import { type RelayClient, RelayError, type Whoami } from './relay-client';
import type { FeedItem, FeedPage } from './wire';

/** How the follower reads the feed. */
export interface FollowerOptions {
  /** Items per page (the relay caps it at 1,000). */
  pageSize: number;
  /** Seconds a caught-up long-poll waits for news (the relay caps it at 30). */
  waitSeconds: number;
  /** First and longest pause between retries after an error (ms). */
  backoffMs: [number, number];
}

/** What the follower tells the rest of the mirror. */
export interface FollowerHooks {
  /** Before items are applied: the pusher learns what the relay holds, so the local writes do not echo back. */
  beforeApply(items: FeedItem[]): void;
  /** Up to date with the relay (after connecting, and after every catch-up). */
  caughtUp(who: Whoami): void;
}

// Events per page while resyncing (bodies also bound each page, on the relay's side).
const RESYNC_PAGE = 500;

const DEFAULTS: FollowerOptions = { pageSize: 1000, waitSeconds: 25, backoffMs: [1_000, 30_000] };

/**
 * Follows the relay's feed from the saved cursor and applies each page in order: runs of event
 * items in one transaction with their cursor, endpoint items one by one. After a sleep or a network
 * cut it simply reads on from the cursor, so nothing is missed and nothing arrives twice. Errors back
 * off and show in the status; a refused token stops it with the reason until the connection changes.
 */
export class Follower {
  private readonly abort = new AbortController();
  private readonly options: FollowerOptions;
  private status: RelayStatus;
  private lastWrite = 0;
  private running: Promise<void> | null = null;
  private reached = false;

  constructor(
    private readonly inbox: Inbox,
    private readonly client: RelayClient,
    private readonly hooks: FollowerHooks,
    options: Partial<FollowerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.status = {
      url: client.url,
      state: 'connecting',
      member: null,
      readOnly: false,
      publicUrl: null,
      cursor: inbox.mirror.cursor(client.url),
      caughtUp: 0,
      behind: null,
      lastError: null,
      errorCode: null,
      notice: null,
      since: inbox.clock.now(),
    };
  }

  /** Starts following in the background. */
  start(): void {
    this.publish({}, true);
    this.running = this.run().catch((error: unknown) =>
      this.inbox.log.error('relay mirror stopped', { error }),
    );
  }

  /** Stops (an open long-poll is aborted) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** Records a problem of the push side in the status (it does not stop the feed). */
  pushProblem(message: string | null): void {
    if (message === this.status.notice) return;
    this.publish({ notice: message }, true);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const [firstPause, maxPause] = this.options.backoffMs;
    let pause = firstPause;
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) return;
        let failure = error;
        if (error instanceof RelayError && error.code === 'cursor_ahead') {
          // Our cursor is past the relay's end: its store was reset (or another relay answers at
          // this URL). Mirror again from the start; events already stored are skipped by id.
          this.inbox.mirror.resetCursor();
          this.publish(
            {
              notice: "The relay's feed restarted (its store was reset?): mirrored again from the beginning",
            },
            true,
          );
          continue;
        }
        if (error instanceof RelayError && error.code === 'cursor_expired' && error.oldest !== null) {
          try {
            await this.resync(error.oldest);
            continue;
          } catch (resyncError) {
            failure = resyncError;
          }
        }
        const code = failure instanceof RelayError ? failure.code : 'internal';
        this.publish({ state: 'error', lastError: errorText(failure), errorCode: code }, true);
        if (code === 'unauthorized') {
          this.inbox.log.warn(`relay: ${errorText(failure)}; not following until the connection changes`);
          return;
        }
        this.inbox.log.warn(`relay: ${errorText(failure)}; retrying in ${Math.round(pause / 1000)} s`);
        // A connection that worked before this error starts the backoff over.
        if (this.reached) pause = firstPause;
        this.reached = false;
        await this.sleep(pause);
        pause = Math.min(maxPause, pause * 2);
      }
    }
  }

  /** Connects, then reads pages until stopped (throws on any error). */
  private async follow(): Promise<void> {
    const signal = this.abort.signal;
    this.publish({ state: 'connecting' }, true);
    const who = await this.client.whoami(signal);
    this.reached = true;
    const url = this.client.url;
    if (this.inbox.mirror.cursor(url) === 0) await this.bootstrap();
    this.publish(
      {
        state: 'catching_up',
        member: who.member,
        readOnly: who.readOnly,
        publicUrl: who.publicUrl,
        caughtUp: 0,
        lastError: null,
        errorCode: null,
      },
      true,
    );
    let live = false;
    while (!this.stopped) {
      const after = this.inbox.mirror.cursor(url);
      const page = await this.client.feed(
        after,
        live ? this.options.waitSeconds : 0,
        this.options.pageSize,
        signal,
      );
      if (this.stopped) return;
      this.apply(page);
      const behind = page.head === undefined ? null : Math.max(0, page.head - page.next);
      if (page.hasMore) {
        live = false;
        this.publish(
          { state: 'catching_up', caughtUp: this.status.caughtUp + page.items.length, behind },
          false,
        );
      } else {
        if (!live) {
          this.publish({ state: 'connected', behind: 0 }, true);
          this.hooks.caughtUp(who);
        } else if (page.items.length > 0) this.publish({}, false);
        live = true;
      }
    }
  }

  /**
   * The relay trimmed feed items we had not read: take its endpoints as they stand, then every event
   * it still holds (new ones stored in the relay's order, the ones we have brought to the relay's
   * state), then read the feed on from the oldest item it holds — and say so. The cursor moves only
   * at the end: a resync cut short (a crash, a network cut) starts over and stores nothing twice.
   * Only what retention deleted on the relay before we read it is gone.
   */
  private async resync(oldest: number): Promise<void> {
    const url = this.client.url;
    const before = this.inbox.mirror.cursor(url);
    const from = Math.max(before, oldest - 1);
    await this.bootstrap(before);
    let after = 0;
    let held = 0;
    for (;;) {
      const page = await this.client.events(after, RESYNC_PAGE);
      const items = page.events.flatMap((event): RelayEventItem[] => [
        { id: before, kind: 'event.created', event },
        { id: before, kind: 'event.updated', event },
      ]);
      this.hooks.beforeApply(items);
      this.inbox.mirror.applyEvents(items, url, before);
      held += page.events.length;
      after = page.next;
      if (!page.hasMore) break;
    }
    this.inbox.mirror.applyEvents([], url, from);
    this.publish(
      {
        notice: `The relay trimmed its history before we read it: resynced from the ${held} events it still holds (feed items ${before + 1}–${from} were gone; events the relay deleted in that time are not here)`,
      },
      true,
    );
  }

  /** A first connection (or a resync) takes the relay's endpoints before its events. */
  private async bootstrap(cursor = 0): Promise<void> {
    const endpoints = await this.client.endpoints();
    const items: FeedItem[] = endpoints.map((e) => ({
      id: cursor,
      kind: 'endpoint.changed',
      endpointId: e.id,
      endpoint: e,
    }));
    this.hooks.beforeApply(items);
    for (const e of endpoints) this.inbox.mirror.applyEndpoint(e.id, e, this.client.url, cursor);
    this.inbox.mirror.applyEvents([], this.client.url, cursor);
  }

  /** Applies one page in order: runs of event items together, endpoint items alone. */
  private apply(page: FeedPage): void {
    const url = this.client.url;
    this.hooks.beforeApply(page.items);
    let run: RelayEventItem[] = [];
    const flush = (cursor: number | undefined) => {
      if (run.length > 0 && cursor !== undefined) this.inbox.mirror.applyEvents(run, url, cursor);
      run = [];
    };
    for (const item of page.items) {
      if (item.kind === 'endpoint.changed') {
        flush(run.at(-1)?.id);
        this.inbox.mirror.applyEndpoint(item.endpointId, item.endpoint, url, item.id);
      } else run.push(item);
    }
    // `next` may lie past the last item (changes the feed does not carry): the last run takes it.
    flush(page.next);
    if (page.next > this.inbox.mirror.cursor(url)) this.inbox.mirror.applyEvents([], url, page.next);
  }

  private publish(change: Partial<RelayStatus>, force: boolean): void {
    const state = change.state ?? this.status.state;
    const since = state !== this.status.state ? this.inbox.clock.now() : this.status.since;
    this.status = { ...this.status, ...change, since, cursor: this.inbox.mirror.cursor(this.client.url) };
    // Progress is published at most every 250 ms: each write wakes every face.
    const now = Date.now();
    if (!force && now - this.lastWrite < 250) return;
    this.lastWrite = now;
    this.inbox.mirror.writeStatus(this.status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
