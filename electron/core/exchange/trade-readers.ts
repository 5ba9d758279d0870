/**
 * How each venue that lists trades newest first pages its account trades (see trade-pages.ts):
 * Bybit's `execution/list` hands back a `nextPageCursor` (ccxt leaves it in the newest trade's
 * `info`) and spans at most 7 days a read; OKX's `fills-history` pages down with `after` = the
 * oldest bill id of the page before and gives no cursor, so a full page (100) may have more below.
 * Venues not listed here page forward by time through ccxt's own pagination.
 */
import type { Exchange, Trade } from 'ccxt';
import type { CursorReader } from './trade-pages';

const DAY_MS = 86_400_000;
/** Bybit's and OKX's page size for account trades (both allow 100 at most). */
const PAGE = 100;

type Call = <R>(fn: () => Promise<R>) => Promise<R>;

const infoOf = (trade: Trade): Record<string, unknown> => (trade.info ?? {}) as Record<string, unknown>;

export function cursorTradeReader(exchange: Exchange, symbol: string, call: Call): CursorReader<Trade> | null {
  switch (exchange.id) {
    case 'bybit':
      return {
        maxSpanMs: 7 * DAY_MS,
        async page(from, until, cursor) {
          const trades = await call(() =>
            exchange.fetchMyTrades(symbol, from, PAGE, { ...(until !== undefined ? { until } : {}), ...(cursor ? { cursor } : {}) }),
          );
          const next = trades.map((t) => infoOf(t)['nextPageCursor']).find((c): c is string => typeof c === 'string' && c !== '');
          return { trades, next };
        },
      };
    case 'okx':
      return {
        async page(from, until, cursor) {
          // With `begin` set ccxt sends no limit: OKX answers its default (and largest) page of 100.
          const trades = await call(() =>
            exchange.fetchMyTrades(symbol, from, undefined, {
              ...(until !== undefined ? { until } : {}),
              ...(cursor ? { after: cursor } : {}),
            }),
          );
          // Bill ids are 18-digit numbers: compared as BigInt, never as doubles.
          const bills = trades.map((t) => infoOf(t)['billId']).filter((b): b is string => typeof b === 'string' && /^\d+$/.test(b));
          const oldest = bills.reduce<string | undefined>((min, b) => (min === undefined || BigInt(b) < BigInt(min) ? b : min), undefined);
          return { trades, next: trades.length >= PAGE ? oldest : undefined };
        },
      };
    default:
      return null;
  }
}
