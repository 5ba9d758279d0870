import type { BrowserWindowConstructorOptions, Event, Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { isRemoteRequest, withCsp } from './hardening-rules';

/**
 * Session-wide guards: CSP on every response, no remote requests, every permission denied (media
 * included, so WebRTC gets no camera or microphone; see guardWebContents for its network side).
 */
export function hardenSession(ses: Session, log: (line: string) => void): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const cancel = isRemoteRequest(details.url);
    if (cancel) log(`blocked renderer request to ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

export interface GuardDeps {
  appUrl: string;
  /** The link to hand to the OS browser, or null to refuse it (external-links.ts: https on an allowlist). */
  linkToOpen(url: string): string | null;
  openExternal(url: string): void;
  log(line: string): void;
  /** The dock's detach page (popout-window.ts): the one URL window.open may open, in a window hardened like the main one. */
  popout?: { url: string; windowOptions(): BrowserWindowConstructorOptions };
}

/** Applied to every webContents the app ever creates (see 'web-contents-created'). */
export function guardWebContents(contents: WebContents, deps: GuardDeps): void {
  const refuseForeign = (kind: string) => (event: Event<{ url: string }>) => {
    if (isAppUrl(event.url, deps.appUrl)) return;
    event.preventDefault();
    deps.log(`blocked ${kind} to ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', refuseForeign('navigation'));
  contents.on('will-frame-navigate', refuseForeign('frame navigation'));
  contents.on('will-redirect', refuseForeign('redirect'));
  // WebRTC without UDP: no direct peer connection and no STUN, so no local or public address is
  // revealed (hardenSession's request filter sees http(s)/ws(s), never WebRTC's sockets); camera
  // and microphone are denied with every other permission. What is left, a TURN relay over TCP,
  // needs script the CSP does not let in (no inline script, no eval, no remote origins).
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (deps.popout && isAppUrl(url, deps.popout.url))
      return { action: 'allow', overrideBrowserWindowOptions: deps.popout.windowOptions() };
    const external = deps.linkToOpen(url);
    if (external) deps.openExternal(external);
    else deps.log(`blocked window.open of ${url.slice(0, 200)} (only https links to exchange sites and docs open)`);
    return { action: 'deny' };
  });
}
