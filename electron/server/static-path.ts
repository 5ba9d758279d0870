import path from 'node:path';

export type StaticPathResult = { ok: true; relative: string } | { ok: false; status: 400 | 404; reason: string };

/**
 * Maps a raw request target (`/assets/app.js?x=1`) to a path relative to the static root, or refuses
 * it. Works on the raw target rather than a WHATWG URL: URL parsing silently folds `/../` and `%2e%2e`,
 * which would hide a traversal attempt instead of refusing it, and it leaves `%2f` for later decoding.
 */
export function resolveStaticPath(rawTarget: string): StaticPathResult {
  if (!rawTarget.startsWith('/')) return { ok: false, status: 400, reason: 'request target must be a path' };
  const rawPath = rawTarget.split(/[?#]/, 1)[0] as string;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  // Backslashes are separators on Windows and NUL truncates paths in some APIs.
  if (decoded.includes('\\') || decoded.includes('\0')) return { ok: false, status: 400, reason: 'forbidden character in path' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { ok: false, status: 400, reason: 'path traversal refused' };
  // Dotfiles (.env, .git) are never part of a renderer build.
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, status: 404, reason: 'not found' };
  if (segments.length === 0) return { ok: true, relative: 'index.html' };
  return { ok: true, relative: segments.join('/') };
}

/** True when `candidate` is `root` itself or inside it (both absolute, already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
