import { describe, expect, it } from 'vitest';
import { FaultRegistry, type FaultTarget } from './faults';

const PING: FaultTarget = { method: 'GET', path: '/api/v3/ping', apiKey: undefined, signed: false };
const ORDER: FaultTarget = { method: 'POST', path: '/api/v3/order', apiKey: 'k', signed: true };

/** A repeatable sequence: 0.05, 0.15, ... 0.95, 0.05, ... (one in five draws is under 0.2). */
function cycle(): () => number {
  let i = 0;
  return () => ((i++ % 10) + 0.5) / 10;
}

describe('fake Binance: probabilistic faults', () => {
  it('hits the given share of matching requests, drawn from the registry’s random source', () => {
    const registry = new FaultRegistry(cycle());
    const fault = registry.add({ kind: 'server_error', probability: 0.2, match: { path: '/api/v3/order' } });
    const hits = Array.from({ length: 100 }, () => registry.takeAction(ORDER)).filter(Boolean).length;
    expect(hits).toBe(20);
    expect(fault.hits).toBe(20);
    // Requests the fault does not match never consume a draw or a hit.
    expect(registry.takeAction(PING)).toBeUndefined();
    expect(fault.hits).toBe(20);
  });

  it('counts `times` only on hits, so a probabilistic blip still ends', () => {
    const registry = new FaultRegistry(cycle());
    const fault = registry.add({ kind: 'rate_limit', probability: 0.5, times: 3 });
    const hits = Array.from({ length: 40 }, () => registry.takeAction(PING)).filter(Boolean).length;
    expect(hits).toBe(3);
    expect(fault.active).toBe(false);
  });

  it('refuses a probability outside (0, 1]', () => {
    const registry = new FaultRegistry();
    expect(() => registry.add({ kind: 'timeout', probability: 0 })).toThrow(/probability must be in \(0, 1\]/);
    expect(() => registry.add({ kind: 'timeout', probability: 1.5 })).toThrow(/probability/);
  });
});
