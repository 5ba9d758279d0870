import { describe, expect, it } from 'vitest';
import { allowedOriginsFor, isLoopback, originFor } from './origins';

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
});
