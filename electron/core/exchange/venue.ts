import type { Amount, Price } from '../../../shared/domain/types';
/**
 * What the ledger, the ticket and brackets need from a place that executes orders. The live
 * exchange (through ccxt) and the paper exchange both implement it, so nothing above this
 * interface knows which one it talks to.
 */
import type { OrderSide, OrderType } from '../../../shared/ipc/schemas/orders';

/** Which side of a trade pays the fee (ccxt's `feeSide`): the asset received, the asset given, or a fixed one. */
export type FeeSide = 'get' | 'give' | 'base' | 'quote';

export interface MarketRules {
  symbol: string;
  base: string;
  quote: string;
  amountStep: number | null;
  priceStep: number | null;
  minAmount: number | null;
  minCost: number | null;
  maxAmount: number | null;
  makerFee: number;
  takerFee: number;
  /** The venue published no fee for the market and a default rate was taken (absent: published). */
  feeAssumed?: boolean;
  feeSide: FeeSide;
  stopMarket: boolean;
  stopLimit: boolean;
  /** ccxt's market type (spot, margin, swap, future, option); absent: spot. */
  marketType?: string;
  /** Base per contract on a derivatives market (ccxt's `contractSize`; its order amounts count contracts). Absent on spot. */
  contractSize?: number;
}

/**
 * Why a derivatives market cannot be traded here, or null. Orders, fills and minimums are sized in
 * the base currency throughout, while ccxt counts a derivative's amounts in contracts: that is the
 * same number only when a contract holds exactly 1 base (Bybit and Binance USDT perpetuals). Any
 * other size — or none published — would make every order the wrong size, so it is refused.
 */
export function contractSizeRefusal(rules: Pick<MarketRules, 'symbol' | 'base' | 'marketType' | 'contractSize'>): string | null {
  if (rules.marketType === undefined || rules.marketType === 'spot' || rules.marketType === 'margin') return null;
  if (rules.contractSize === 1) return null;
  const size =
    rules.contractSize === undefined ? 'publishes no contract size' : `counts orders in contracts of ${rules.contractSize} ${rules.base}`;
  return `${rules.symbol} ${size}; Tradewind sizes orders in ${rules.base} and trades only perpetuals whose contract is 1 ${rules.base} (as on Bybit and Binance USDT perpetuals). Pick such a market, or trade ${rules.base} on a spot account.`;
}

/** The asset a trade's fee is charged in, per the market's fee side. */
export function feeAssetOf(rules: MarketRules, side: OrderSide): string {
  switch (rules.feeSide) {
    case 'base':
      return rules.base;
    case 'quote':
      return rules.quote;
    case 'give':
      return side === 'buy' ? rules.quote : rules.base;
    default:
      return side === 'buy' ? rules.base : rules.quote;
  }
}

/** Rounding as the venue does it: amounts down to the step, prices to the nearest tick. */
/** Rounding to the market's step and tick: the one place a computed number becomes an `Amount`/`Price`. */
export interface Precision {
  amount(value: number): Amount;
  price(value: number): Price;
}

export interface Quote {
  last: number;
  bid: number | null;
  ask: number | null;
}

/** The prices traded since the previous observation of the same symbol (inclusive of both ends). */
export interface PriceObservation {
  last: number;
  low: number;
  high: number;
  at: number;
}

export interface FreeBalance {
  free: number;
  used: number;
}

export interface VenueOrderRequest {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  /** Perpetual swaps: the order may only shrink the position (closing a short), never open the other side. */
  reduceOnly?: boolean;
}

export interface VenueFill {
  tradeId: string;
  price: number;
  amount: number;
  cost: number;
  fee: number;
  feeAsset: string | null;
  maker: boolean | null;
  at: number;
}

export type VenueStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

/** The venue's view of one order. `fills` is null when the answer did not include them. */
export interface VenueOrder {
  clientOrderId: string;
  exchangeOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  status: VenueStatus;
  filled: number;
  averagePrice: number | null;
  cost: number;
  fills: VenueFill[] | null;
  updatedAt: number;
  /** The venue says the order may only reduce a position (perpetual swaps; ccxt's `reduceOnly`): it opened nothing. */
  reduceOnly?: boolean;
}

export interface OrderRef {
  clientOrderId: string;
  exchangeOrderId: string | null;
  symbol: string;
}

/** The send failed in a way that does not tell whether the venue accepted the order (time-out, dropped reply, 5xx). */
export class OutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}

export interface TradedOrders {
  orders: VenueOrder[];
  complete: boolean;
  through: number;
}

export interface OrderVenue {
  readonly accountId: string;
  readonly kind: 'paper' | 'live';
  readonly exchangeName: string;
  /** Venues with the same key see the same prices (all paper accounts), so a symbol is sampled once per key. */
  readonly priceKey: string;
  rules(symbol: string): Promise<MarketRules>;
  precision(symbol: string): Promise<Precision>;
  quote(symbol: string): Promise<Quote | null>;
  balances(): Promise<Map<string, FreeBalance>>;
  /** Sends once. Throws TradewindError for a definite refusal, OutcomeUnknownError when the outcome is unknown. */
  submit(request: VenueOrderRequest): Promise<VenueOrder>;
  /** The order with this client id, or null when the venue says it does not exist. */
  lookup(clientOrderId: string, symbol: string): Promise<VenueOrder | null>;
  /** Current state; fills are included when more than `knownFilled` has traded. Null when the venue no longer knows it. */
  refresh(ref: OrderRef, knownFilled: number): Promise<VenueOrder | null>;
  /** Cancels; the answer carries the final state (and fills beyond `knownFilled`). Null when the venue no longer knows it. */
  cancel(ref: OrderRef, knownFilled: number): Promise<VenueOrder | null>;
  /** Open orders on the venue, of one market or all (for polling many orders at once, and adopting unknown ones). */
  openOrders(symbol?: string): Promise<VenueOrder[]>;
  /** Prices since the last call for this symbol; null while the venue has no price. */
  observe(symbol: string): Promise<PriceObservation | null>;
  /** The API key version requests are signed with (live venues; for the audit log). */
  keyVersion?(): Promise<number>;
  /**
   * The account's order updates as the venue pushes them (ccxt.pro `watchOrders`: Binance's
   * `executionReport`), every order of the account wherever it was placed — the exchange's own
   * site included. Resolves with the next batch; absent where the venue has no such stream.
   */
  watchOrders?(): Promise<VenueOrder[]>;
  /**
   * Orders of one market that traded from `since` on (`fetchMyTrades` page by page, then each
   * order read once): the poll behind `watchOrders`. A backlog beyond one read's bound comes back
   * with `complete: false` and the time up to which every trade was read.
   */
  ordersTradedSince?(symbol: string, since: number): Promise<TradedOrders>;
  /**
   * The account's signed position in a perpetual swap now, in base (negative: short; 0: flat), as
   * the venue reports it (ccxt `fetchPositions`): what a copy link reads when a leader's fill goes
   * against a position it never saw. Absent where the venue has no positions.
   */
  position?(symbol: string): Promise<number>;
  /** Simulated venues match their resting orders against each observed range. */
  onRange?(symbol: string, range: PriceObservation): Promise<void>;
}

/** The venue of each account, whatever builds it (trading's `Venues`: paper or live by the account's kind). */
export interface VenueLookup {
  forAccount(accountId: string): OrderVenue;
}
