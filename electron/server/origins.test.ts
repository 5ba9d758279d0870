import { describe, expect, it } from 'vitest';
import { allowedHostNamesFor, allowedOriginsFor, hostHeaderName, isLoopback, originFor } from './origins';

describe('origins', () => {
  it('formats origins as browsers send them', () => {
    expect(originFor('127.0.0.1', 7421)).toBe('http://127.0.0.1:7421');
    expect(originFor('::1', 80)).toBe('http://[::1]:80');
  });

  it('allows the loopback aliases of a loopback bind, and nothing else', () => {
    expect(allowedOriginsFor('127.0.0.1', 9).sort()).toEqual(['http://127.0.0.1:9', 'http://[::1]:9', 'http://localhost:9'].sort());
    expect(allowedOriginsFor('192.168.1.20', 9)).toEqual(['http://192.168.1.20:9']);
  });

  it('allows every local address of a wildcard bind', () => {
    const origins = allowedOriginsFor('0.0.0.0', 9);
    expect(origins).toContain('http://127.0.0.1:9');
    expect(origins).toContain('http://0.0.0.0:9');
    expect(origins.every((o) => o.endsWith(':9'))).toBe(true);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.com'].some(isLoopback)).toBe(false);
  });

  it('uses https origins under TLS and adds the public origin as given', () => {
    expect(allowedOriginsFor('127.0.0.1', 9, { scheme: 'https' })).toContain('https://127.0.0.1:9');
    expect(allowedOriginsFor('127.0.0.1', 9, { scheme: 'https' }).some((o) => o.startsWith('http:'))).toBe(false);
    expect(allowedOriginsFor('127.0.0.1', 9, { publicOrigin: 'https://trade.example' })).toContain('https://trade.example');
  });

  it('answers to loopback names, the bind address and the public origin host only', () => {
    const names = allowedHostNamesFor('192.168.1.20', 'https://Trade.example:8443');
    for (const name of ['127.0.0.1', 'localhost', '::1', '192.168.1.20', 'trade.example']) expect(names.has(name)).toBe(true);
    expect(names.has('evil.example')).toBe(false);
    expect(allowedHostNamesFor('127.0.0.1').has('192.168.1.20')).toBe(false);
  });

  it('reads the name out of a Host header', () => {
    expect(hostHeaderName('127.0.0.1:7421')).toBe('127.0.0.1');
    expect(hostHeaderName('[::1]:7421')).toBe('::1');
    expect(hostHeaderName('Trade.Example.')).toBe('trade.example');
    expect(hostHeaderName(undefined)).toBeNull();
    expect(hostHeaderName('a b')).toBeNull();
    expect(hostHeaderName('user@evil.example')).toBeNull();
  });
});
