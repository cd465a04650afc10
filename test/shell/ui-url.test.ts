import { describe, expect, it } from 'vitest';
import { eventUrl, parseUiUrl } from '../../electron/shell/ui-url';

describe('parseUiUrl', () => {
  it('takes the origin and token from the URL serve prints', () => {
    expect(parseUiUrl('http://127.0.0.1:4781/?token=t0k')).toEqual({
      url: 'http://127.0.0.1:4781/?token=t0k',
      origin: 'http://127.0.0.1:4781',
      token: 't0k',
    });
  });

  it('refuses anything that is not a tokened loopback http URL', () => {
    for (const url of [
      'http://127.0.0.1:4781/',
      'https://127.0.0.1:4781/?token=x',
      'http://evil.example:4781/?token=x',
      'http://192.168.1.2:4781/?token=x',
      'file:///tmp/?token=x',
      'garbage',
    ]) {
      expect(parseUiUrl(url), url).toBeNull();
    }
  });
});

describe('eventUrl', () => {
  it('routes to the event and keeps the token', () => {
    const ui = parseUiUrl('http://127.0.0.1:4781/?token=t0k')!;
    expect(eventUrl(ui, 'evt_01J')).toBe('http://127.0.0.1:4781/?token=t0k#/events/evt_01J');
    expect(eventUrl(ui, 'a/b#c')).toBe('http://127.0.0.1:4781/?token=t0k#/events/a%2Fb%23c');
  });
});
