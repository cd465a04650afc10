import { vi } from 'vitest';

/** An in-memory Web Storage (sessionStorage/localStorage) for store code run under Node. */
export class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
}

/**
 * What the renderer's store touches of a page, under Node: storage, the address (deep links), and
 * `fetch` of `/api/…`, which goes to the real core at `origin` with the token a page would hold.
 */
export function installPage(origin: string, token: string): { localStorage: MemoryStorage } {
  const sessionStorage = new MemoryStorage();
  const localStorage = new MemoryStorage();
  sessionStorage.setItem('hookline.token', token);
  const location = { pathname: '/', hash: '', href: `${origin}/` };
  vi.stubGlobal('sessionStorage', sessionStorage);
  vi.stubGlobal('localStorage', localStorage);
  vi.stubGlobal('window', {
    location,
    history: {
      replaceState: (_state: unknown, _title: string, url: string) => {
        location.hash = new URL(url, origin).hash;
      },
    },
  });
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, origin), init));
  return { localStorage };
}
