import { describe, expect, it } from 'vitest';
import { checkFreshness, MinuteRateLimit, SIGNAL_WINDOW_MS } from './signal-window';

describe('signal freshness window', () => {
  const now = 1_800_000_000_000;
  it('accepts a signal within the window either side', () => {
    expect(checkFreshness(now, now)).toEqual({ ok: true });
    expect(checkFreshness(now - SIGNAL_WINDOW_MS, now)).toEqual({ ok: true });
    expect(checkFreshness(now + SIGNAL_WINDOW_MS, now)).toEqual({ ok: true });
  });

  it('refuses a stale one, a future one and one without a timestamp, saying which', () => {
    expect(checkFreshness(now - SIGNAL_WINDOW_MS - 1, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/stale/) });
    expect(checkFreshness(now + SIGNAL_WINDOW_MS + 1_000, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/future/) });
    expect(checkFreshness(null, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/no timestamp/) });
  });
});

describe('per-source rate limit', () => {
  it('allows N a minute per key and frees the budget as the minute slides', () => {
    const limit = new MinuteRateLimit(3);
    const t = 1_000_000;
    expect([limit.take('a', t), limit.take('a', t + 1), limit.take('a', t + 2), limit.take('a', t + 3)]).toEqual([true, true, true, false]);
    expect(limit.take('b', t + 3)).toBe(true);
    expect(limit.take('a', t + 60_001)).toBe(true);
  });

  it('keeps a bounded number of keys', () => {
    const limit = new MinuteRateLimit(1, 2);
    limit.take('a', 0);
    limit.take('b', 0);
    limit.take('c', 0);
    // 'a' was forgotten to make room, so it has its budget again.
    expect(limit.take('a', 1)).toBe(true);
  });
});
