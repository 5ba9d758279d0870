import type { AccountRecord } from '../accounts/accounts-repo';
import { CcxtSource } from './live/ccxt-source';
import type { ReferenceSource } from './reference-source';
import type { CandleWatch, MarketDataSink, MarketDataSource } from './source';

/**
 * Public market data per account: paper accounts and accounts on the reference exchange share
 * the reference source (live or replay); other exchanges get their own keyless ccxt source,
 * connected on first use and shared by every account on that exchange.
 */
export class MarketSources {
  private readonly others = new Map<string, Promise<MarketDataSource>>();
  private watches: { symbols: ReadonlySet<string>; candles: readonly CandleWatch[] } = { symbols: new Set(), candles: [] };

  constructor(
    private readonly reference: ReferenceSource,
    private readonly referenceExchangeId: string,
    private readonly options: { sink: MarketDataSink; urlOverrides: Readonly<Record<string, string>>; log: (line: string) => void },
  ) {}

  forAccount(account: AccountRecord): Promise<MarketDataSource> {
    if (account.kind === 'paper' || (account.exchangeId === this.referenceExchangeId && !account.sandbox)) return this.reference.ready;
    const key = `${account.exchangeId}${account.sandbox ? ':sandbox' : ''}`;
    let source = this.others.get(key);
    if (!source) {
      source = CcxtSource.connect({
        exchangeId: account.exchangeId,
        sandbox: account.sandbox,
        apiUrl: this.options.urlOverrides[account.exchangeId],
        connectTimeoutMs: 10_000,
        requestTimeoutMs: 10_000,
        pollMs: 2_000,
        sink: this.options.sink,
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
