/** The bots' cache of market rules and last prices, per account and symbol / per bot. */
import type { MarketRules, Precision } from '../exchange/venue';
import type { OrderService } from '../orders/order-service';
import type { BotRecord } from './bots-repo';

const MARKET_CACHE_MS = 10 * 60_000;
const LIVE_PRICE_MS = 2_000;

export class BotMarkets {
  private readonly markets = new Map<string, { at: number; rules: MarketRules; precision: Precision }>();
  private readonly prices = new Map<string, { at: number; price: number }>();
  private readonly viewedPrices = new Map<string, number>();

  constructor(
    private readonly orders: OrderService,
    private readonly now: () => number,
  ) {}

  async market(accountId: string, symbol: string): Promise<{ rules: MarketRules; precision: Precision }> {
    const key = `${accountId}|${symbol}`;
    const cached = this.markets.get(key);
    if (cached && this.now() - cached.at < MARKET_CACHE_MS) return cached;
    const venue = this.orders.venue(accountId);
    const [rules, precision] = await Promise.all([venue.rules(symbol), venue.precision(symbol)]);
    const fresh = { at: this.now(), rules, precision };
    this.markets.set(key, fresh);
    return fresh;
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
