import { createExchangeClient, type ExchangeClient } from '../exchange/exchange-client';
import type { Book } from './matching';

export interface ReferenceBookOptions {
  exchangeId: string;
  /** Replaces the exchange's API origin (a proxy, or a loopback fake in tests). */
  apiUrl?: string | undefined;
  /** Only while prices come from the live exchange: the replay has no order book. */
  isLive: () => boolean;
  depth?: number;
  timeoutMs?: number;
}

/**
 * The live order book of the paper accounts' reference exchange, read (keyless) when a paper
 * order takes liquidity, so market orders walk real levels. Any failure means "no book" and the
 * paper exchange falls back to the last price plus slippage.
 */
export class ReferenceBooks {
  private exchange: ExchangeClient | undefined;

  constructor(private readonly options: ReferenceBookOptions) {}

  async book(symbol: string): Promise<Book | null> {
    if (!this.options.isLive()) return null;
    try {
      this.exchange ??= createExchangeClient({
        exchangeId: this.options.exchangeId,
        sandbox: false,
        timeoutMs: this.options.timeoutMs ?? 2_000,
        urlOverrides: this.options.apiUrl ? { [this.options.exchangeId]: this.options.apiUrl } : {},
      });
      const raw = await this.exchange.fetchOrderBook(symbol, this.options.depth ?? 50);
      const levels = (side: unknown) =>
        (Array.isArray(side) ? side : [])
          .map((level: unknown) => (Array.isArray(level) ? { price: Number(level[0]), amount: Number(level[1]) } : null))
          .filter(
            (l): l is { price: number; amount: number } => l !== null && l.price > 0 && l.amount > 0 && Number.isFinite(l.price + l.amount),
          );
      const book = { bids: levels(raw.bids), asks: levels(raw.asks) };
      return book.bids.length > 0 && book.asks.length > 0 ? book : null;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.exchange?.close().catch(() => {});
  }
}
