import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/security/csp';
import { closeServer, createHostServer, listen } from './http-server';
import { resolveStaticPath } from './static-path';

/** Raw request: fetch() would normalise `/../` away before it ever reached the server. */
function get(port: number, rawPath: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static file server', () => {
  let dir: string;
  let port: number;
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-static-'));
    const root = path.join(dir, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>tw</title>');
    writeFileSync(path.join(root, 'assets', 'app-1.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'app-1.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(path.join(root, '.env'), 'SECRET=1');
    writeFileSync(path.join(dir, 'package.json'), '{"secret":"outside the root"}');
    symlinkSync(path.join(dir, 'package.json'), path.join(root, 'assets', 'link.json'));
    server = createHostServer(root);
    port = (await listen(server, 0, '127.0.0.1')).port;
  });

  afterAll(async () => {
    await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for / with the CSP and hardening headers', async () => {
    const res = await get(port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>tw</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('ignores the query string (the token rides there)', async () => {
    const res = await get(port, '/?token=abc');
    expect(res.status).toBe(200);
  });

  it.each([
    ['/assets/app-1.js', 'text/javascript; charset=utf-8'],
    ['/assets/app-1.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (url, type) => {
    const res = await get(port, url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/%252e%252e/package.json',
    '/index.html%00.js',
    '/%ZZ',
    '/.env',
    '/assets/link.json',
    '//etc/passwd',
    '/assets',
    '/missing.js',
  ])('refuses %s', async (url) => {
    const res = await get(port, url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain('outside the root');
    expect(res.body).not.toContain('SECRET');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allows only GET and HEAD', async () => {
    expect((await get(port, '/', 'POST')).status).toBe(405);
    const head = await get(port, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('resolveStaticPath', () => {
  it('maps paths inside the root', () => {
    expect(resolveStaticPath('/')).toEqual({ ok: true, relative: 'index.html' });
    expect(resolveStaticPath('/a/./b.js?x#y')).toEqual({ ok: true, relative: 'a/b.js' });
  });
  it('refuses targets that are not paths', () => {
    expect(resolveStaticPath('http://evil/x')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath('*')).toMatchObject({ ok: false, status: 400 });
  });
});
