import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../renderer/src/store';
import { PANE_LIMITS } from '../../renderer/src/store/layout-slice';
import { seedEvents } from '../ui/seed';
import { type SuiteServe, startSuiteServe, suiteHome, uiCall } from '../ui/suite-serve';
import { installPage } from './page-globals';

// The renderer's store against a real core over real HTTP: only the page around it is stood in for.
describe('the renderer store against a real core', () => {
  let serve: SuiteServe;
  let hookUrl = '';

  beforeAll(async () => {
    const home = suiteHome();
    seedEvents(home, 450, 'seeded');
    serve = await startSuiteServe(home);
    const { endpoint } = (await uiCall(serve, 'endpoints.create', { label: 'live' })) as {
      endpoint: { urls: { local: string } };
    };
    hookUrl = endpoint.urls.local;
  });
  afterAll(async () => {
    await serve?.stop();
  });
  beforeEach(() => {
    installPage(`http://127.0.0.1:${serve.uiPort}`, serve.token);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('loads the newest page, then older pages until the end, without duplicates', async () => {
    const store = createAppStore();
    await store.getState().loadFirst();
    expect(store.getState().listState).toBe('ready');
    expect(store.getState().rows).toHaveLength(200);
    // Two scroll-driven requests at once fetch one page, not the same page twice.
    await Promise.all([store.getState().loadMore(), store.getState().loadMore()]);
    expect(store.getState().rows).toHaveLength(400);
    await store.getState().loadMore();
    const { rows, nextCursor } = store.getState();
    expect(rows).toHaveLength(450);
    expect(nextCursor).toBeNull();
    expect(new Set(rows.map((r) => r.id)).size).toBe(450);
    const seqs = rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('shows the answer to the latest filter even when an older one arrives last', async () => {
    const store = createAppStore();
    store.getState().setFilter({ text: 'number 7' });
    store.getState().setFilter({ text: undefined, methods: ['DELETE'] });
    await vi.waitFor(() => expect(store.getState().listState).toBe('ready'));
    await new Promise((r) => setTimeout(r, 150));
    const { rows } = store.getState();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.method === 'DELETE')).toBe(true);
    await vi.waitFor(() => expect(store.getState().listCount?.count).toBe(rows.length));
  });

  it('puts a new event on top, and acks and unacks it in place', async () => {
    const store = createAppStore();
    await store.getState().loadFirst();
    const res = await fetch(`${hookUrl}/fresh`, { method: 'POST', body: '{"fresh":true}' });
    expect(res.status).toBe(200);
    await store.getState().applyCreated();
    const head = store.getState().rows[0];
    expect(head?.path).toBe('/fresh');
    await store.getState().setAcked([head?.id ?? ''], true);
    expect(store.getState().rows[0]?.ackedBy).toBe('app');
    await store.getState().setAcked([head?.id ?? ''], false);
    expect(store.getState().rows[0]?.ackedAt).toBeNull();
  });

  it('selects an event (and the address says so), loading its detail and deliveries', async () => {
    const store = createAppStore();
    await store.getState().loadFirst();
    const id = store.getState().rows[3]?.id ?? '';
    store.getState().select(id);
    await vi.waitFor(() => expect(store.getState().detail?.id).toBe(id));
    expect(window.location.hash).toBe(`#/events/${id}`);
    expect(store.getState().deliveries).toEqual([]);
    store.getState().moveSelection(1);
    expect(store.getState().selectedId).toBe(store.getState().rows[4]?.id);
  });

  it('shows a core error as a toast with its message, each toast with its own id', async () => {
    const store = createAppStore();
    store.getState().select('evt_missing');
    await vi.waitFor(() => expect(store.getState().detailError).toContain('evt_missing'));
    await store.getState().reverify({});
    store.getState().toast('one');
    const ids = store.getState().toasts.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(store.getState().toasts.some((t) => t.kind === 'error' && t.text.includes('evt_missing'))).toBe(
      true,
    );
  });

  it('keeps pane widths within limits and remembers them for the next window', () => {
    const store = createAppStore();
    store.getState().setPaneWidth('list', 99_999);
    expect(store.getState().paneWidths.list).toBe(PANE_LIMITS.list.max);
    store.getState().setPaneWidth('sidebar', 310.4);
    store.getState().toggleSidebar();
    const next = createAppStore();
    expect(next.getState().paneWidths).toEqual({ sidebar: 310, list: PANE_LIMITS.list.max });
    expect(next.getState().sidebarCollapsed).toBe(true);
  });
});
