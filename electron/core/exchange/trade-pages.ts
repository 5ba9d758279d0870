/**
 * Reads an account's trades of one market from `since` on. Exchanges answer one page per
 * `fetchMyTrades` call (Binance 500, Bybit and OKX 100), so a single call after a long outage
 * silently drops the rest, and a caller that moved its cursor past them would never copy them.
 * Two shapes of venue:
 * - forward by time (Binance: the oldest trades from `since` first): ccxt's own pagination
 *   (`paginate: true`) walks the pages; it stops at a bound, so one more read from the newest
 *   trade says whether anything is left (`readTradesSince`);
 * - newest first, paged down by a cursor (Bybit `execution/list` and its `nextPageCursor`, OKX
 *   `fills-history` and `after` = the last bill id): a read from `since` answers the NEWEST page,
 *   so what a bound leaves unread is the oldest trades, not the newest. These are walked here page
 *   by page in time windows no longer than the venue allows (Bybit 7 days), oldest window first,
 *   so an unfinished read names the window it stopped in and nothing before it is left unread
 *   (`readTradesByCursor`); within that window the next read stops at the oldest time this one
 *   reached (`CursorReadState`), so every poll gets further down until the window is read whole.
 *   ccxt's own pagination is not used for them: for OKX it pages by
 *   `until` = the oldest timestamp − 1, which drops the rest of a millisecond split across pages
 *   (the fills of one market order share theirs).
 */

export interface TradeLike {
  id?: string | undefined;
  timestamp?: number | undefined;
}

export interface TradePages<T> {
  trades: T[];
  /** Every trade up to now was read. */
  complete: boolean;
  /**
   * When not complete: the time up to which every trade was read; the next read starts there
   * (repeats dropped by id). A newest-first read may stop before it (see CursorReadState).
   */
  through: number;
}

/** Pages per read: a longer backlog is read on by the next poll (from `through`, or for newest-first venues below the pages already read). */
export const MAX_TRADE_PAGES = 20;

export interface TradeReader<T> {
  /** Every page from `since` on, up to MAX_TRADE_PAGES (ccxt `paginate: true`). */
  paginated(since: number): Promise<T[]>;
  /** One plain page from `since` on. */
  from(since: number): Promise<T[]>;
}

/** Ids compared as numbers when both are (exchanges' trade ids are mostly 18+ digit numbers: BigInt, never doubles), else as text. */
function compareIds(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : 1;
  return a < b ? -1 : 1;
}

/**
 * Trades oldest first (by time, then id): venues that page newest first hand a backlog over
 * newest page first, and the orders must reach the ledger in the order they traded (a copy of a
 * sell seen before its buy finds nothing held).
 */
export function oldestFirst<T extends TradeLike>(trades: readonly T[]): T[] {
  return [...trades].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || compareIds(a.id, b.id));
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

/** One page of a venue that lists trades newest first and pages down by a cursor. */
export interface CursorPage<T> {
  trades: T[];
  /** The cursor of the next (older) page; undefined when this was the last. */
  next: string | undefined;
}

export interface CursorReader<T> {
  /** The longest time span one read may cover (Bybit: 7 days); undefined when unbounded. */
  maxSpanMs?: number;
  /** Trades from `from` on, up to `until` when given (else to now), newest first, the page after `cursor`. */
  page(from: number, until: number | undefined, cursor: string | undefined): Promise<CursorPage<T>>;
}

/**
 * What a cursor read remembers between polls of one account and market (in memory: a restart
 * re-reads from the stored cursor). When the page budget ran out inside the window starting at
 * `from`, the oldest time read there, `until`, bounds that window on the next read: the pages
 * newer than it were read already, and re-reading them every poll would never reach the older ones.
 */
export interface CursorReadState {
  narrowed?: { from: number; until: number } | undefined;
}

const timeOf = (t: TradeLike) => (typeof t.timestamp === 'number' ? t.timestamp : undefined);

export async function readTradesByCursor<T extends TradeLike>(
  reader: CursorReader<T>,
  since: number,
  now: number,
  state: CursorReadState = {},
): Promise<TradePages<T>> {
  const trades: T[] = [];
  let pages = 0;
  for (let from = since; ;) {
    const narrowed = state.narrowed?.from === from ? state.narrowed.until : undefined;
    // The last window is left open at the top: a trade stamped by the venue's clock just after ours is still read.
    const bounded = reader.maxSpanMs !== undefined && from + reader.maxSpanMs <= now;
    const until = narrowed ?? (bounded ? from + reader.maxSpanMs! - 1 : undefined);
    const window: T[] = [];
    let oldest = Infinity;
    let newest = -Infinity;
    let untimed = false;
    let cursor: string | undefined;
    do {
      if (pages >= MAX_TRADE_PAGES) {
        // A trade without a time cannot bound a window: stop at this window without narrowing it.
        if (untimed) {
          state.narrowed = undefined;
          return { trades, complete: false, through: from };
        }
        // Out of budget inside this window: nothing of it is handed over (the windows before it
        // were read whole), and the next read of it stops at the oldest time read here — that
        // millisecond included, as its trades may be split over pages. A window is handed over only
        // once read whole, and the one after it starts a millisecond later: no trade is handed twice.
        // A budget spent within one millisecond would narrow nothing: that millisecond is read on.
        if (oldest < newest) {
          state.narrowed = { from, until: oldest };
          return { trades, complete: false, through: from };
        }
      }
      const page = await reader.page(from, until, cursor);
      pages++;
      window.push(...page.trades);
      for (const trade of page.trades) {
        const at = timeOf(trade);
        if (at === undefined) untimed = true;
        else {
          oldest = Math.min(oldest, at);
          newest = Math.max(newest, at);
        }
      }
      cursor = page.trades.length > 0 ? page.next : undefined;
    } while (cursor !== undefined);
    trades.push(...window);
    if (narrowed !== undefined) state.narrowed = undefined;
    if (until === undefined) return { trades, complete: true, through: now };
    from = until + 1;
  }
}
