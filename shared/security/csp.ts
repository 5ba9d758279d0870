/**
 * The renderer's Content-Security-Policy, set by every host (Electron session headers,
 * the headless host's HTTP responses) and mirrored in renderer/index.html's meta tag for
 * file:// loads. No inline script, no eval, no remote origins; WebSocket only to our own origin.
 */
export const RENDERER_CSP = [
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
].join('; ');
