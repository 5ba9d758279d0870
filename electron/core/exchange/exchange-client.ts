/**
 * The one seam between Tradewind and an exchange library. Everything outside `electron/core/exchange/`
 * talks to an exchange through an `ExchangeClient` (one per live account and key version, built by
 * AccountService; one per public market-data source); only this folder imports ccxt (lint-enforced:
 * eslint.config.js, proven in scripts/lint-boundaries.test.ts).
 *
 * The client owns: the ccxt instance (rate limiter on, websocket redial backoff off, see
 * exchange-factory.ts), its markets and the market rules derived from them (cached here, per
 * symbol, for as long as the loaded markets are the same), capability flags, and the translation
 * of ccxt's errors into `TradewindError` with typed fields (`code`, `retryAfterMs`, `exchangeCode`).
 *
 * REST and websocket reads keep ccxt's unified structures (aliased below as Exchange* types) and
 * throw ccxt's own errors, so callers that keep a stream's raw failure text (status details) still
 * can; they translate with `translate()`. Order placement and the other private calls are made by
 * LiveVenue (live-venue.ts), which lives in this folder because it is ccxt translation through and
 * through.
 */
import { venuePermissionProbe } from './permissions/registry';
import ccxt, { type Balances, type Exchange, type MarketInterface, type OHLCV, type OrderBook, type Ticker, type Trade } from 'ccxt';
import type { Market } from '../../../shared/ipc/contract';
import type { TradewindError } from '../../../shared/ipc/errors';
import { translateCcxtError } from './ccxt-errors';
import { createCcxtExchange, type ExchangeClientOptions } from './exchange-factory';
import { rulesFromCcxt } from './ccxt-orders';
import { retryAfterHeaderMs } from './retry-after';
import type { MarketRules } from './venue';
import { readPositionMode, type PositionMode } from './position-mode';

export type ExchangeTicker = Ticker;
export type ExchangeCandle = OHLCV;
export type ExchangeOrderBook = OrderBook;
export type ExchangeTrade = Trade;
export type ExchangeBalances = Balances;
export type ExchangeMarket = MarketInterface;

/** What an exchange can do, as ccxt declares it (`has`) plus the endpoints we call by name. */
export interface ExchangeCapabilities {
  websockets: { tickers: boolean; ticker: boolean; ohlcv: boolean; orderBook: boolean; trades: boolean; balance: boolean };
  /** Binance-family spot OCO through the implicit API (no unified flag exists). */
  nativeOco: boolean;
  /** A permission endpoint is registered for this venue (`permissions/registry.ts`): the key's rights can be read. */
  permissionProbe: boolean;
  fetchClosedOrders: boolean;
  fetchOrderTrades: boolean;
}

export class ExchangeClient {
  readonly id: string;
  readonly name: string;
  /** One entry per symbol, dropped when ccxt reloads its markets (a new `markets` object). */
  private rulesCache = new Map<string, MarketRules>();
  private rulesOf: unknown = null;

  /**
   * @param ccxt the library instance. Read it only inside `electron/core/exchange/` (lint refuses
   * `.ccxt` elsewhere): every other folder uses the methods below.
   * @param keyVersion the account key this client signs with (null: public data only).
   */
  constructor(
    readonly ccxt: Exchange,
    readonly keyVersion: number | null = null,
    /** What this client trades: spot markets, or USDT-margined linear perpetual swaps. */
    readonly marketType: 'spot' | 'swap' = 'spot',
  ) {
    this.id = ccxt.id;
    this.name = String(ccxt.name ?? ccxt.id);
  }

  get capabilities(): ExchangeCapabilities {
    const has = (this.ccxt.has ?? {}) as Record<string, unknown>;
    const pro = (name: string) => has[name] === true && typeof (this.ccxt as unknown as Record<string, unknown>)[name] === 'function';
    const named = (name: string) => typeof (this.ccxt as unknown as Record<string, unknown>)[name] === 'function';
    return {
      websockets: {
        tickers: pro('watchTickers'),
        ticker: pro('watchTicker'),
        ohlcv: pro('watchOHLCV'),
        orderBook: pro('watchOrderBook'),
        trades: pro('watchTrades'),
        balance: pro('watchBalance'),
      },
      nativeOco: this.ccxt.id === 'binance' && named('privatePostOrderListOco'),
      permissionProbe: venuePermissionProbe(this.ccxt.id) !== undefined,
      fetchClosedOrders: Boolean(has['fetchClosedOrders']),
      fetchOrderTrades: Boolean(has['fetchOrderTrades']),
    };
  }

  /** ccxt's published minimum spacing between requests (ms), null when it publishes none. */
  get rateLimitMs(): number | null {
    return Number(this.ccxt.rateLimit) || null;
  }

  /** Timeframes the exchange serves candles in ('1m', '5m', …). */
  get timeframes(): string[] {
    return Object.keys(this.ccxt.timeframes ?? {});
  }

  set requestTimeoutMs(ms: number) {
    this.ccxt.timeout = ms;
  }

  /** Whether markets carry tick sizes (ccxt TICK_SIZE) rather than decimal places. */
  get tickSizePrecision(): boolean {
    return this.ccxt.precisionMode === ccxt.TICK_SIZE;
  }

  get marketsLoaded(): boolean {
    return Boolean(this.ccxt.markets);
  }

  async loadMarkets(): Promise<void> {
    await this.ccxt.loadMarkets();
  }

  /** Every loaded market (empty before `loadMarkets`). */
  markets(): ExchangeMarket[] {
    return Object.values((this.ccxt.markets ?? {}) as Record<string, ExchangeMarket | undefined>).filter(
      (m): m is ExchangeMarket => m !== undefined,
    );
  }

  /** Whether a loaded market is one this client trades: spot, or a USDT-settled linear perpetual on a swap client. */
  private tradable(m: ExchangeMarket): boolean {
    if (this.marketType === 'swap') return m.swap === true && m.linear === true && m.settle === 'USDT';
    return m.spot === true;
  }

  /**
   * The active markets this client trades in our model (steps from ccxt's precision, whichever
   * precision mode), by symbol: spot markets, or on a perpetuals account its USDT linear swaps
   * (symbols like `BTC/USDT:USDT`).
   */
  tradableMarkets(): Market[] {
    const step = (p: number | undefined) => (p === undefined ? null : this.tickSizePrecision ? p : 10 ** -p);
    return this.markets()
      .filter((m) => this.tradable(m) && m.active !== false)
      .map((m) => ({
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        active: m.active !== false,
        amountStep: step(m.precision.amount),
        priceStep: step(m.precision.price),
        minAmount: m.limits.amount?.min ?? null,
        minCost: m.limits.cost?.min ?? null,
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /** A perpetuals account's position mode on `symbol` (see position-mode.ts); 'unknown' where ccxt cannot read it. */
  positionMode(symbol: string): Promise<PositionMode> {
    return readPositionMode(this.ccxt, symbol);
  }

  /** Whether `symbol` is a market this client trades (see `tradableMarkets`). */
  hasTradableMarket(symbol: string): boolean {
    const market = this.market(symbol);
    return market !== undefined && this.tradable(market);
  }

  market(symbol: string): ExchangeMarket | undefined {
    return ((this.ccxt.markets ?? {}) as Record<string, ExchangeMarket | undefined>)[symbol];
  }

  /** The market's trading rules (steps, limits, fees, stop support): the one cache of them for this client. */
  rules(market: ExchangeMarket): MarketRules {
    if (this.rulesOf !== this.ccxt.markets) {
      this.rulesCache = new Map();
      this.rulesOf = this.ccxt.markets;
    }
    let rules = this.rulesCache.get(market.symbol);
    if (!rules) {
      rules = rulesFromCcxt(this.ccxt, market);
      this.rulesCache.set(market.symbol, rules);
    }
    return rules;
  }

  /** The unified currency code for an exchange's own asset id (e.g. Binance 'XBT' → 'BTC'). */
  currencyCode(exchangeAssetId: string): string {
    return this.ccxt.safeCurrencyCode(exchangeAssetId) ?? exchangeAssetId;
  }

  /** The Retry-After of the last answer the exchange gave this client, in ms (null: none). */
  retryAfterMs(now: number = Date.now()): number | null {
    return retryAfterHeaderMs(this.ccxt, now);
  }

  /** ccxt's error in our terms, with the exchange's Retry-After and own error code as typed fields. */
  translate(error: unknown, now: number = Date.now()): TradewindError {
    return translateCcxtError(error, this.name, { exchange: this.ccxt, now });
  }

  fetchTickers(symbols?: string[]): Promise<Record<string, ExchangeTicker>> {
    return this.ccxt.fetchTickers(symbols);
  }

  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<ExchangeCandle[]> {
    return this.ccxt.fetchOHLCV(symbol, timeframe, since, limit);
  }

  fetchOrderBook(symbol: string, limit?: number): Promise<ExchangeOrderBook> {
    return this.ccxt.fetchOrderBook(symbol, limit);
  }

  fetchTrades(symbol: string, since?: number, limit?: number): Promise<ExchangeTrade[]> {
    return this.ccxt.fetchTrades(symbol, since, limit);
  }

  fetchBalance(): Promise<ExchangeBalances> {
    return this.ccxt.fetchBalance();
  }

  watchTickers(symbols: string[], params?: Record<string, unknown>): Promise<Record<string, ExchangeTicker>> {
    return this.ccxt.watchTickers(symbols, params);
  }

  watchTicker(symbol: string, params?: Record<string, unknown>): Promise<ExchangeTicker> {
    return this.ccxt.watchTicker(symbol, params);
  }

  watchOHLCV(symbol: string, timeframe: string): Promise<ExchangeCandle[]> {
    return this.ccxt.watchOHLCV(symbol, timeframe);
  }

  watchOrderBook(symbol: string): Promise<ExchangeOrderBook> {
    return this.ccxt.watchOrderBook(symbol);
  }

  watchTrades(symbol: string): Promise<ExchangeTrade[]> {
    return this.ccxt.watchTrades(symbol);
  }

  watchBalance(): Promise<ExchangeBalances> {
    return this.ccxt.watchBalance();
  }

  /**
   * Ends a stream on the exchange's side too (ccxt's `unWatch*`), where the exchange has that
   * method; best effort: a failure only means the socket carries the stream a little longer.
   */
  unWatch(method: 'unWatchTickers' | 'unWatchTicker' | 'unWatchOHLCV', ...args: unknown[]): void {
    const fn = (this.ccxt as unknown as Record<string, unknown>)[method];
    const has = ((this.ccxt.has ?? {}) as Record<string, unknown>)[method] === true;
    if (has && typeof fn === 'function') void (fn as (...a: unknown[]) => Promise<unknown>).apply(this.ccxt, args).catch(() => {});
  }

  unWatchOrderBook(symbol: string): Promise<unknown> {
    return this.ccxt.unWatchOrderBook(symbol);
  }

  unWatchTrades(symbol: string): Promise<unknown> {
    return this.ccxt.unWatchTrades(symbol);
  }

  /** Closes the client's sockets (ccxt.pro); REST clients have none. */
  close(): Promise<unknown> {
    return this.ccxt.close();
  }
}

/**
 * The one place an ExchangeClient is built: ccxt's class for the exchange (ccxt.pro where it has
 * websockets), rate limiter on, credentials only in this instance's memory.
 */
export function createExchangeClient(options: ExchangeClientOptions & { keyVersion?: number }): ExchangeClient {
  return new ExchangeClient(createCcxtExchange(options), options.keyVersion ?? null, options.marketType ?? 'spot');
}
