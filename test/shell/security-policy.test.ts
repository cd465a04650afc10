import { describe, expect, it } from 'vitest';
import {
  UI_CSP,
  mayNavigate,
  permissionAllowed,
  secureWebPreferences,
  windowOpenDecision,
  withCsp,
} from '../../electron/shell/security-policy';

const UI = 'http://127.0.0.1:4781';

describe('navigation guard', () => {
  it('lets the window move within the UI origin only', () => {
    expect(mayNavigate(`${UI}/#/events/evt_1`, UI)).toBe(true);
    expect(mayNavigate(`${UI}/?token=abc`, UI)).toBe(true);
    expect(mayNavigate('http://127.0.0.1:4780/h/x', UI)).toBe(false); // same host, other port
    expect(mayNavigate('http://localhost:4781/', UI)).toBe(false); // other origin name
    expect(mayNavigate('https://evil.example/', UI)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', UI)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', UI)).toBe(false);
    expect(mayNavigate('not a url', UI)).toBe(false);
  });
});

describe('window.open policy', () => {
  it('denies every new window and sends only http(s) to the system browser', () => {
    expect(windowOpenDecision('https://stripe.com/docs')).toEqual({
      action: 'deny',
      openExternal: 'https://stripe.com/docs',
    });
    expect(windowOpenDecision('http://localhost:3000/')).toEqual({
      action: 'deny',
      openExternal: 'http://localhost:3000/',
    });
    for (const url of ['file:///bin/sh', 'smb://host/share', 'javascript:alert(1)', 'vscode://x', '%%%']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternal: null });
    }
  });
});

describe('permissions', () => {
  it('denies everything but clipboard writes from the UI itself', () => {
    expect(permissionAllowed('clipboard-sanitized-write', `${UI}/`, UI)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', UI)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', `${UI}/`, null)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb']) {
      expect(permissionAllowed(p, `${UI}/`, UI)).toBe(false);
    }
  });
});

describe('CSP', () => {
  it('is the policy the lead fixed', () => {
    expect(UI_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('replaces whatever CSP the server sent and keeps the other headers', () => {
    const headers = withCsp({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [UI_CSP] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [UI_CSP] });
  });
});

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = secureWebPreferences('/app/dist/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
