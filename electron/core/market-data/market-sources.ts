import type { Ticker } from '../../../shared/ipc/contract';
import type { AccountRecord } from '../accounts/accounts-repo';
import { CcxtSource } from './live/ccxt-source';
import type { ReferenceSource } from './reference-source';
import type { CandleWatch, MarketDataSink, MarketDataSource } from './source';

/**
 * Public market data per account: paper accounts and accounts on the reference exchange share
 * the reference source (live or replay); other exchanges get their own keyless ccxt source,
 * connected on first use and shared by every account on that exchange.
 */
/** Tickers with the source they came from (the event hub's ticker stream does not say which exchange). */
export type VenueTickerListener = (sourceKey: string, ticker: Ticker) => void;

/** The key of the public source an account's prices come from; accounts with the same key see the same prices. */
export function sourceKeyOf(account: SourceAccount, referenceExchangeId: string): string {
  const swap = account.marketType === 'swap';
  if (account.kind === 'paper' || (account.exchangeId === referenceExchangeId && !account.sandbox && !swap)) return REFERENCE_KEY;
  // A perpetuals account's markets (BTC/USDT:USDT) come from a source of their own.
  return `${account.exchangeId}${account.sandbox ? ':sandbox' : ''}${swap ? ':swap' : ''}`;
}

/** What picks an account's public source: the reference, or its exchange's (testnet, perpetuals). */
export type SourceAccount = Pick<AccountRecord, 'kind' | 'exchangeId' | 'sandbox'> & Partial<Pick<AccountRecord, 'marketType'>>;
export const REFERENCE_KEY = 'reference';

export class MarketSources {
  private readonly tickerListeners = new Set<VenueTickerListener>();
  private readonly others = new Map<string, Promise<MarketDataSource>>();
  private readonly sinks = new Map<string, MarketDataSink>();
  private watches: { symbols: ReadonlySet<string>; candles: readonly CandleWatch[] } = { symbols: new Set(), candles: [] };

  constructor(
    private readonly reference: ReferenceSource,
    private readonly referenceExchangeId: string,
    private readonly options: {
      /** The sink of each venue's stream (events stamped with the venue, see `venueOf`). */
      sink: (venue: string) => MarketDataSink;
      urlOverrides: Readonly<Record<string, string>>;
      log: (line: string) => void;
    },
  ) {}

  /**
   * The venue whose stream an account's market data comes from (its source key): `reference` for paper
   * accounts and reference-exchange accounts, otherwise the account's exchange (`:sandbox` on a testnet).
   */
  venueOf(account: SourceAccount): string {
    return sourceKeyOf(account, this.referenceExchangeId);
  }

  private sinkOf(venue: string): MarketDataSink {
    let sink = this.sinks.get(venue);
    if (!sink) this.sinks.set(venue, (sink = this.options.sink(venue)));
    return sink;
  }

  forAccount(account: AccountRecord): Promise<MarketDataSource> {
    const key = sourceKeyOf(account, this.referenceExchangeId);
    if (key === REFERENCE_KEY) return this.reference.ready;
    let source = this.others.get(key);
    if (!source) {
      source = CcxtSource.connect({
        exchangeId: account.exchangeId,
        sandbox: account.sandbox,
        marketType: account.marketType,
        apiUrl: this.options.urlOverrides[account.exchangeId],
        connectTimeoutMs: 10_000,
        requestTimeoutMs: 10_000,
        pollMs: 2_000,
        sink: { ticker: (ticker) => this.ticker(key, ticker), candle: (update) => this.sinkOf(key).candle(update) },
        log: this.options.log,
      });
      // A failed connection is retried on the next request rather than cached forever.
      source.then(
        (s) => s.setWatched(this.watches.symbols, this.watches.candles),
        () => this.others.delete(key),
      );
      this.others.set(key, source);
    }
    return source;
  }

  /** Every ticker of every source, with its source key (the spread monitor compares venues). */
  onTicker(listener: VenueTickerListener): () => void {
    this.tickerListeners.add(listener);
    return () => this.tickerListeners.delete(listener);
  }

  /** The sink of the reference source (built before this object) and of every other source. */
  ticker(sourceKey: string, ticker: Ticker): void {
    if (sourceKey !== REFERENCE_KEY) this.sinkOf(sourceKey).ticker(ticker);
    for (const listener of this.tickerListeners) listener(sourceKey, ticker);
  }

  /** Every source streams the watched symbols it has. */
  setWatched(symbols: ReadonlySet<string>, candles: readonly CandleWatch[]): void {
    this.watches = { symbols, candles };
    void this.reference.ready.then(
      (s) => s.setWatched(symbols, candles),
      () => {},
    );
    for (const source of this.others.values())
      void source.then(
        (s) => s.setWatched(symbols, candles),
        () => {},
      );
  }

  async close(): Promise<void> {
    await this.reference.close();
    for (const source of this.others.values())
      await source.then(
        (s) => s.close(),
        () => {},
      );
  }
}
