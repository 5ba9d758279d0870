import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { CandleUpdate, Market, MarketDataStatus, Ticker } from '../../../shared/ipc/contract';
import type { OrderBookSnapshot, RecentTrades } from '../../../shared/ipc/schemas/market-depth';

export interface CandleWatch {
  symbol: string;
  timeframe: Timeframe;
}

export interface MarketDataSink {
  ticker(ticker: Ticker): void;
  candle(update: CandleUpdate): void;
}

/**
 * Where prices come from for an exchange's public data: the live exchange through ccxt,
 * or the bundled replay. Paper accounts and the chart only ever see this interface.
 */
export interface MarketDataSource {
  readonly exchangeId: string;
  readonly exchangeName: string;
  readonly timeframes: readonly Timeframe[];
  status(): MarketDataStatus;
  listMarkets(): Market[];
  hasMarket(symbol: string): boolean;
  /** Latest tickers for the given symbols (or all markets), as far as the source knows them. */
  tickers(symbols?: readonly string[]): Promise<Ticker[]>;
  /** Last known price, synchronously from what the source has seen; null if none yet. */
  lastPrice(symbol: string): number | null;
  fetchCandles(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]>;
  /** The union of what every session watches; the source streams these into the sink. */
  setWatched(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void;
  /** The book's top `limit` levels per side; optional because not every source has a book. */
  orderBook?(symbol: string, limit: number): Promise<OrderBookSnapshot>;
  /** The latest public trades, newest first; optional for the same reason. */
  recentTrades?(symbol: string, limit: number): Promise<RecentTrades>;
  close(): Promise<void>;
}

export const DEFAULT_CANDLE_LIMIT = 500;
