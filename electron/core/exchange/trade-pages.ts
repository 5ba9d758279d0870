/**
 * Reads an account's trades of one market from `since` on. Exchanges answer one page per
 * `fetchMyTrades` call (Bybit 50 by default, Binance 500), so a single call after a long outage
 * silently drops the rest, and a caller that moved its cursor past them would never copy them.
 * The pages are walked by ccxt's own pagination (`paginate: true`), which knows each exchange's
 * direction (Binance forward by time, Bybit backward by cursor); it stops at a bound, so one more
 * read from the newest trade says whether anything is left.
 */

export interface TradeLike {
  id?: string | undefined;
  timestamp?: number | undefined;
}

export interface TradePages<T> {
  trades: T[];
  /** Every trade up to now was read. */
  complete: boolean;
  /** When not complete: the newest time read; the next read starts there (repeats dropped by id). */
  through: number;
}

/** ccxt's pagination bound per read: a longer backlog is read on from `through` by the next poll. */
export const MAX_TRADE_PAGES = 20;

export interface TradeReader<T> {
  /** Every page from `since` on, up to MAX_TRADE_PAGES (ccxt `paginate: true`). */
  paginated(since: number): Promise<T[]>;
  /** One plain page from `since` on. */
  from(since: number): Promise<T[]>;
}

const keyOf = (t: TradeLike, i: number) => t.id ?? `${t.timestamp}:${i}`;

export async function readTradesSince<T extends TradeLike>(reader: TradeReader<T>, since: number): Promise<TradePages<T>> {
  const trades = await reader.paginated(since);
  if (trades.length === 0) return { trades, complete: true, through: since };
  const seen = new Set(trades.map(keyOf));
  const newest = trades.reduce((max, t) => (typeof t.timestamp === 'number' && t.timestamp > max ? t.timestamp : max), since);
  const after = await reader.from(newest);
  const left = after.some((t, i) => !seen.has(keyOf(t, i)) && (t.timestamp ?? newest) >= newest);
  return { trades, complete: !left, through: newest };
}
