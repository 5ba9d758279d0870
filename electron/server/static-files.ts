import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { applySecurityHeaders } from './security-headers';
import { contentTypeFor, isInside, resolveStaticPath } from './static-path';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built renderer read-only. No token is needed here: the files hold no data, and the
 * page reads its WebSocket token from its own URL.
 */
export function createStaticHandler(rootDir: string, log: (line: string) => void = () => {}): RequestHandler {
  const root = path.resolve(rootDir);
  return (req, res) => {
    serve(root, req, res).catch((err: unknown) => {
      log(`static: ${String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  };
}

async function serve(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  applySecurityHeaders(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'method not allowed');
  }
  const resolved = resolveStaticPath(req.url ?? '');
  if (!resolved.ok) return sendText(res, resolved.status, resolved.reason);

  const filePath = path.join(root, resolved.relative);
  // Symlinks inside the build must not lead outside of it.
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(filePath), realpath(root)]);
  } catch {
    return sendText(res, 404, 'not found');
  }
  if (!isInside(realRoot, real)) return sendText(res, 404, 'not found');
  const info = await stat(real);
  if (!info.isFile()) return sendText(res, 404, 'not found');

  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(real));
  res.setHeader('Content-Length', String(info.size));
  // Vite fingerprints everything but index.html; no-cache keeps a rebuilt UI from being masked.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(real);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}
