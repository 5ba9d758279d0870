/**
 * The renderer's Content-Security-Policy, set by every host (Electron session headers,
 * the headless host's HTTP responses). No inline script, no eval, no remote origins;
 * WebSocket only to our own origin.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

export const RENDERER_CSP = DIRECTIVES.join('; ');

/**
 * The same policy for renderer/index.html's meta tag (file:// loads have no headers).
 * Browsers ignore frame-ancestors in a meta tag and log an error for it, so it is left out;
 * the headers still carry it.
 */
export const RENDERER_META_CSP = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
