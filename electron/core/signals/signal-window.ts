/**
 * The time rules of inbound signals: a signal must carry a timestamp within `windowMs` of now
 * (older is stale, later is a clock gone wrong), and an id seen within the window is a replay.
 * Ids are remembered for twice the window, so an id cannot come back once its time has aged out
 * of the window either. The per-source rate limit counts requests in a sliding minute.
 */
export const SIGNAL_WINDOW_MS = 60_000;
export const SIGNALS_PER_MINUTE = 30;

export type Freshness = { ok: true } | { ok: false; reason: string };

export function checkFreshness(timestamp: number | null, now: number, windowMs = SIGNAL_WINDOW_MS): Freshness {
  if (timestamp === null)
    return {
      ok: false,
      reason:
        'The signal carries no timestamp: add "timestamp" (epoch seconds or ms; in TradingView "{{timenow}}") or the X-Tradewind-Timestamp header.',
    };
  const age = now - timestamp;
  if (age > windowMs)
    return {
      ok: false,
      reason: `The signal is stale: sent ${Math.round(age / 1000)} s ago, signals older than ${windowMs / 1000} s are refused.`,
    };
  if (age < -windowMs)
    return {
      ok: false,
      reason: `The signal's timestamp is ${Math.round(-age / 1000)} s in the future: check the sender's clock (at most ${windowMs / 1000} s apart).`,
    };
  return { ok: true };
}

/** Per key, the times of the requests in the last minute; `take` says whether one more fits. */
export class MinuteRateLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute = SIGNALS_PER_MINUTE,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now: number): boolean {
    const since = now - 60_000;
    const list = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (list.length >= this.perMinute) {
      this.hits.set(key, list);
      return false;
    }
    list.push(now);
    // A flood of distinct keys must not grow memory without bound: the oldest keys go first.
    if (!this.hits.has(key) && this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    this.hits.set(key, list);
    return true;
  }
}
