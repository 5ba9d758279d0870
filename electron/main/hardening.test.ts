import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../../shared/security/csp';
import { appUrlFor, isAppUrl } from './app-url';
import { guardWebContents, hardenSession } from './hardening';
import { createExternalLinkPolicy } from './external-links';
import { isRemoteRequest, withCsp } from './hardening-rules';
import { popoutUrlFor, popoutWindowOptions } from './popout-window';

const APP_URL = appUrlFor('/opt/Tradewind/resources/app.asar/dist/renderer/index.html');

describe('isAppUrl', () => {
  it('accepts our page with any query or hash', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}#/bots`, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}?panel=chart`, APP_URL)).toBe(true);
  });
  it.each([
    'file:///etc/passwd',
    'file:///opt/Tradewind/resources/app.asar/dist/renderer/other.html',
    'https://evil.example/index.html',
    'http://127.0.0.1:7421/',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'about:blank',
    'file://remote-host/opt/Tradewind/resources/app.asar/dist/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, APP_URL)).toBe(false);
  });
});

describe('hardening rules', () => {
  it('replaces any CSP header, whatever its case', () => {
    const headers = withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] });
    expect(headers).toEqual({ 'Content-Security-Policy': [RENDERER_CSP], 'X-Other': ['1'] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [RENDERER_CSP] });
  });

  it('treats network schemes as remote, local ones as not', () => {
    for (const url of ['https://x.example/a.js', 'http://127.0.0.1/', 'wss://x/', 'ws://x/', 'ftp://x/', '::bad::']) {
      expect(isRemoteRequest(url), url).toBe(true);
    }
    for (const url of [APP_URL, 'devtools://devtools/bundled/x.html', 'data:image/png;base64,AA==', 'blob:file:///x']) {
      expect(isRemoteRequest(url), url).toBe(false);
    }
  });
});

function fakeEvent(url: string) {
  return { url, preventDefault: vi.fn(), defaultPrevented: false };
}

describe('guardWebContents', () => {
  const contents = new EventEmitter() as EventEmitter & {
    setWindowOpenHandler: ReturnType<typeof vi.fn>;
    setWebRTCIPHandlingPolicy: ReturnType<typeof vi.fn>;
  };
  contents.setWindowOpenHandler = vi.fn();
  contents.setWebRTCIPHandlingPolicy = vi.fn();
  const openExternal = vi.fn();
  const linkToOpen = createExternalLinkPolicy(() => [{ sites: ['docs.example'], docs: [] }]);
  guardWebContents(contents as unknown as WebContents, { appUrl: APP_URL, linkToOpen, openExternal, log: () => {} });

  it('keeps WebRTC off the network (no UDP without a proxy, so no peer connection and no local address)', () => {
    expect(contents.setWebRTCIPHandlingPolicy.mock.calls).toEqual([['disable_non_proxied_udp']]);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks foreign URLs, allows the app', (name) => {
    const foreign = fakeEvent('https://evil.example/');
    contents.emit(name, foreign);
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = fakeEvent(`${APP_URL}#x`);
    contents.emit(name, own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks webviews', () => {
    const event = fakeEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open, handing only allowlisted https links to the OS browser', () => {
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => { action: string };
    expect(handler({ url: 'https://docs.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example/');
    openExternal.mockClear();
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://phishing.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('sets CSP on responses, cancels remote requests, and denies every permission', () => {
    const calls: Record<string, (...args: never[]) => unknown> = {};
    const ses = {
      webRequest: {
        onHeadersReceived: (l: never) => (calls.headers = l),
        onBeforeRequest: (l: never) => (calls.request = l),
      },
      setPermissionRequestHandler: (h: never) => (calls.permissionRequest = h),
      setPermissionCheckHandler: (h: never) => (calls.permissionCheck = h),
      setDevicePermissionHandler: (h: never) => (calls.device = h),
    };
    hardenSession(ses as unknown as Session, () => {});

    const headersCb = vi.fn();
    (calls.headers as (d: unknown, cb: unknown) => void)({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, headersCb);
    expect(headersCb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [RENDERER_CSP] } });

    const requestCb = vi.fn();
    (calls.request as (d: unknown, cb: unknown) => void)({ url: 'https://evil.example/x.js' }, requestCb);
    (calls.request as (d: unknown, cb: unknown) => void)({ url: APP_URL }, requestCb);
    expect(requestCb.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);

    const permissionCb = vi.fn();
    (calls.permissionRequest as (...a: unknown[]) => void)({}, 'media', permissionCb);
    expect(permissionCb).toHaveBeenCalledWith(false);
    expect((calls.permissionCheck as (...a: unknown[]) => boolean)(null, 'notifications', 'file://')).toBe(false);
    expect((calls.device as (...a: unknown[]) => boolean)({})).toBe(false);
  });
});

describe('guardWebContents with the dock popout', () => {
  const RENDERER_INDEX = '/opt/Tradewind/resources/app.asar/dist/renderer/index.html';
  const contents = new EventEmitter() as EventEmitter & {
    setWindowOpenHandler: ReturnType<typeof vi.fn>;
    setWebRTCIPHandlingPolicy: ReturnType<typeof vi.fn>;
  };
  contents.setWindowOpenHandler = vi.fn();
  contents.setWebRTCIPHandlingPolicy = vi.fn();
  const openExternal = vi.fn();
  const linkToOpen = createExternalLinkPolicy(() => [{ sites: ['docs.example'], docs: [] }]);
  const popout = { url: popoutUrlFor(RENDERER_INDEX), windowOptions: () => popoutWindowOptions(false) };
  guardWebContents(contents as unknown as WebContents, { appUrl: APP_URL, linkToOpen, openExternal, log: () => {}, popout });
  const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => {
    action: string;
    overrideBrowserWindowOptions?: { webPreferences?: Record<string, unknown> };
  };

  it("opens only the app's own popout page, in a window with the main window's hardening", () => {
    expect(popout.url).toBe('file:///opt/Tradewind/resources/app.asar/dist/renderer/popout.html');
    const allowed = handler({ url: `${popout.url}?panel=chart` });
    expect(allowed.action).toBe('allow');
    // Every flag the main window sets (window.ts, checked in main-process.integration.test.ts), minus the preload.
    expect(allowed.overrideBrowserWindowOptions?.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
  });

  it('still denies every other window.open: other pages of the app folder, the app itself, foreign sites', () => {
    for (const url of [
      'file:///opt/Tradewind/resources/app.asar/dist/renderer/other.html',
      'file:///tmp/popout.html',
      APP_URL,
      'https://evil.example/popout.html',
      'http://127.0.0.1:1234/popout.html',
    ]) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});
