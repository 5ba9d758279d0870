/**
 * The bots' market rules (read through the trading runtime's one `MarketRulesCache`, the same the
 * ticket and brackets use) and their last prices, per bot.
 */
import type { MarketModel, MarketRulesCache } from '../exchange/market-rules-cache';
import type { OrderService } from '../orders/order-service';
import type { BotRecord } from './bots-repo';

const LIVE_PRICE_MS = 2_000;

export class BotMarkets {
  private readonly prices = new Map<string, { at: number; price: number }>();
  private readonly viewedPrices = new Map<string, number>();

  constructor(
    private readonly orders: OrderService,
    private readonly rules: MarketRulesCache,
    private readonly now: () => number,
  ) {}

  market(accountId: string, symbol: string): Promise<MarketModel> {
    return this.rules.market(accountId, symbol);
  }

  /** The bot's latest price from its venue (a live venue's is reused for 2 s); the last known while the venue has none. */
  async price(bot: BotRecord): Promise<number | null> {
    const venue = this.orders.venue(bot.accountId);
    const cached = this.prices.get(bot.id);
    if (venue.kind === 'live' && cached && this.now() - cached.at < LIVE_PRICE_MS) return cached.price;
    const quote = await venue.quote(bot.symbol);
    if (!quote) return cached?.price ?? null;
    this.prices.set(bot.id, { at: this.now(), price: quote.last });
    return quote.last;
  }

  lastPrice(botId: string): number | null {
    return this.prices.get(botId)?.price ?? null;
  }

  /** Whether the bot's price moved since its view last went out (and notes that it went out now). */
  priceMovedSinceView(botId: string): boolean {
    const price = this.prices.get(botId)?.price;
    if (price === undefined || price === this.viewedPrices.get(botId)) return false;
    this.viewedPrices.set(botId, price);
    return true;
  }
}
