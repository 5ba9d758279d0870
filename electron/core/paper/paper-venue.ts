import { asAmount, asPrice } from '../../../shared/domain/types';
import type { MarketDataSource } from '../market-data/source';
import type {
  FreeBalance,
  MarketRules,
  OrderRef,
  OrderVenue,
  PriceObservation,
  Precision,
  Quote,
  VenueOrder,
  VenueOrderRequest,
} from '../exchange/venue';
import { floorToStep, roundToStep } from '../exchange/precision';
import type { PaperExchange } from './paper-exchange';

/** Rounding from the market's steps: amounts down to the step, prices to the nearest tick. */
export function stepPrecision(rules: Pick<MarketRules, 'amountStep' | 'priceStep'>): Precision {
  return {
    amount: (value) => asAmount(floorToStep(value, rules.amountStep)),
    price: (value) => asPrice(roundToStep(value, rules.priceStep)),
  };
}

/** One paper account's view of the paper exchange, behind the same interface as a live exchange. */
export class PaperVenue implements OrderVenue {
  readonly kind = 'paper' as const;
  /** Every paper account trades against the same prices. */
  readonly priceKey = 'paper';

  constructor(
    readonly accountId: string,
    readonly exchangeName: string,
    private readonly exchange: PaperExchange,
    private readonly source: () => Promise<MarketDataSource>,
  ) {}

  rules(symbol: string): Promise<MarketRules> {
    return this.exchange.rules(symbol);
  }

  async precision(symbol: string): Promise<Precision> {
    return stepPrecision(await this.rules(symbol));
  }

  async quote(symbol: string): Promise<Quote | null> {
    const source = await this.source();
    const [ticker] = await source.tickers([symbol]).catch(() => []);
    const last = ticker?.last ?? source.lastPrice(symbol);
    return last === null || last === undefined ? null : { last, bid: ticker?.bid ?? null, ask: ticker?.ask ?? null };
  }

  async balances(): Promise<Map<string, FreeBalance>> {
    return this.exchange.wallet.all(this.accountId);
  }

  submit(request: VenueOrderRequest): Promise<VenueOrder> {
    return this.exchange.submit(this.accountId, request);
  }

  async lookup(clientOrderId: string): Promise<VenueOrder | null> {
    return this.exchange.lookup(this.accountId, clientOrderId);
  }

  async refresh(ref: OrderRef): Promise<VenueOrder | null> {
    return this.exchange.lookup(this.accountId, ref.clientOrderId);
  }

  async cancel(ref: OrderRef): Promise<VenueOrder | null> {
    return this.exchange.cancel(this.accountId, ref.clientOrderId);
  }

  async openOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.exchange.open(this.accountId, symbol);
  }

  observe(symbol: string): Promise<PriceObservation | null> {
    return this.exchange.observe(symbol);
  }

  /** The paper exchange fills its resting orders from the same observation the brackets see. */
  onRange(symbol: string, range: PriceObservation): Promise<void> {
    return this.exchange.match(symbol, range);
  }
}
