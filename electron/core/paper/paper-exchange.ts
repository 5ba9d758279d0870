import { TradewindError } from '../../../shared/ipc/errors';
import type { Db } from '../db/connection';
import type { StorageHealth } from '../db/storage-health';
import { clean } from '../exchange/precision';
import {
  feeAssetOf,
  type MarketRules,
  type PriceObservation,
  type VenueFill,
  type VenueOrder,
  type VenueOrderRequest,
} from '../exchange/venue';
import type { MarketDataSource } from '../market-data/source';
import { matchOnPlacement, matchOnRange, type Book, type MatchFill, type MatchOrder, type MatchResult } from './matching';
import { PaperOrdersRepo, type PaperOrder } from './paper-orders-repo';
import { PaperWallet } from './paper-wallet';
import { PriceRanges } from './price-ranges';

/** Binance's default spot fee; the replay's markets carry no fee schedule. */
export const PAPER_FEE_RATE = 0.001;
const RULES_CACHE_MS = 60_000;

export interface PaperExchangeDeps {
  db: Db;
  /** The market data paper accounts trade against (live reference prices, or the replay). */
  source: () => Promise<MarketDataSource>;
  /** The live order book when there is one (null in replay or when it cannot be read). */
  book: (symbol: string) => Promise<Book | null>;
  slippageBps: (accountId: string) => number;
  /** The paper fee (a fraction, maker and taker alike) from the settings; PAPER_FEE_RATE when not given. */
  feeRate?: () => number;
  onUpdate: (accountId: string, order: VenueOrder) => void;
  log: (line: string) => void;
  /** Storage failures (disk full...) are recorded there and never change an order. */
  storage: StorageHealth;
  now?: () => number;
}

export function paperRules(source: MarketDataSource, symbol: string, feeRate: number = PAPER_FEE_RATE): MarketRules {
  const market = source.listMarkets().find((m) => m.symbol === symbol);
  if (!market) throw new TradewindError('not_found', `${symbol} is not a market on ${source.exchangeName} (paper).`);
  return {
    symbol,
    base: market.base,
    quote: market.quote,
    amountStep: market.amountStep,
    priceStep: market.priceStep,
    minAmount: market.minAmount,
    minCost: market.minCost,
    maxAmount: null,
    makerFee: feeRate,
    takerFee: feeRate,
    feeSide: 'get',
    stopMarket: true,
    stopLimit: true,
  };
}

/** Fills happen at the market's time: the replay clock when prices are replayed, else now. */
const marketTime = (source: MarketDataSource, now: () => number) => source.status().replayTime ?? now();

const matchView = (o: PaperOrder): MatchOrder => ({
  side: o.side,
  type: o.type,
  amount: o.amount,
  price: o.price,
  stopPrice: o.stopPrice,
  filled: o.filled,
  triggered: o.triggered,
});

/**
 * The simulated exchange behind every paper account. It keeps its own orders, fills and balances
 * in SQLite (so a restart keeps open paper orders), matches them against the market data with the
 * rules in matching.ts, and reports changes the way a live exchange's order updates would arrive.
 */
export class PaperExchange {
  readonly orders: PaperOrdersRepo;
  readonly wallet: PaperWallet;
  private readonly ranges: PriceRanges;
  private readonly now: () => number;
  /**
   * An index over the paper source's market list, by symbol: listing every market for each tick's
   * matching is too dear. Not a second rules cache: the paper venue is where the shared
   * `MarketRulesCache` reads paper rules from, so it cannot read through that cache itself.
   */
  private readonly rulesCache = new Map<string, { at: number; source: MarketDataSource; rules: MarketRules }>();
  /** Traded ranges whose matching could not be written (disk full...): merged into the next one, so no touch is lost. */
  private readonly unmatched = new Map<string, PriceObservation>();
  /** Orders whose change was written here but not yet taken by the ledger (its write failed): reported again each tick. */
  private readonly unreported = new Map<string, { accountId: string; clientOrderId: string }>();
  private readonly stalled = new Set<string>();

  constructor(private readonly deps: PaperExchangeDeps) {
    this.orders = new PaperOrdersRepo(deps.db);
    this.wallet = new PaperWallet(deps.db);
    this.now = deps.now ?? Date.now;
    this.ranges = new PriceRanges(this.now);
  }

  async rules(symbol: string): Promise<MarketRules> {
    return this.rulesOf(await this.deps.source(), symbol);
  }

  private rulesOf(source: MarketDataSource, symbol: string): MarketRules {
    const cached = this.rulesCache.get(symbol);
    const feeRate = this.deps.feeRate?.() ?? PAPER_FEE_RATE;
    // A fee changed in the settings applies from the next order on, not after the cache expires.
    if (cached && cached.source === source && cached.rules.takerFee === feeRate && this.now() - cached.at < RULES_CACHE_MS)
      return cached.rules;
    const rules = paperRules(source, symbol, feeRate);
    this.rulesCache.set(symbol, { at: this.now(), source, rules });
    return rules;
  }

  async submit(accountId: string, request: VenueOrderRequest): Promise<VenueOrder> {
    const source = await this.deps.source();
    const rules = this.rulesOf(source, request.symbol);
    if (this.orders.byClientId(accountId, request.clientOrderId)) {
      throw new TradewindError('invalid_order', `Paper: duplicate order ${request.clientOrderId}; an order with this client id exists.`);
    }
    const last = source.lastPrice(request.symbol);
    if (last === null) throw new TradewindError('unavailable', `Paper: no price for ${request.symbol} yet; try again in a moment.`);
    const takes =
      request.type === 'market' ||
      (request.type === 'limit' && request.price !== null && (request.side === 'buy' ? request.price >= last : request.price <= last));
    const book = takes ? await this.deps.book(request.symbol) : null;
    const slippageBps = this.deps.slippageBps(accountId);
    const lock = this.requiredLock(request, rules, slippageBps);
    return this.deps.db.transaction(() => {
      if (lock) this.wallet.lock(accountId, lock.asset, lock.amount);
      const order = this.orders.insert({
        accountId,
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        amount: request.amount,
        price: request.price,
        stopPrice: request.stopPrice,
        status: 'open',
        lockAsset: lock?.asset ?? null,
        locked: lock?.amount ?? 0,
        createdAt: this.now(),
      });
      const result = matchOnPlacement(matchView(order), last, {
        amountStep: rules.amountStep,
        priceStep: rules.priceStep,
        slippageBps,
        book,
      });
      // A market order the account cannot pay for is refused as a whole, as an exchange would.
      const fills = this.settle(order, result, rules, true, marketTime(source, this.now));
      return this.toVenue(order, fills);
    })();
  }

  lookup(accountId: string, clientOrderId: string): VenueOrder | null {
    const order = this.orders.byClientId(accountId, clientOrderId);
    return order ? this.toVenue(order, this.orders.fills(order.orderId)) : null;
  }

  cancel(accountId: string, clientOrderId: string): VenueOrder | null {
    return this.deps.db.transaction(() => {
      const order = this.orders.byClientId(accountId, clientOrderId);
      if (!order) return null;
      if (order.status === 'open' || order.status === 'partially_filled') {
        this.finish(order, 'cancelled');
        this.orders.save(order);
      }
      return this.toVenue(order, this.orders.fills(order.orderId));
    })();
  }

  open(accountId: string, symbol?: string): VenueOrder[] {
    return this.orders.open(accountId, symbol).map((o) => this.toVenue(o, null));
  }

  symbolsWithOpenOrders(): Array<{ accountId: string; symbol: string }> {
    return this.orders.openSymbols();
  }

  async observe(symbol: string): Promise<PriceObservation | null> {
    return this.ranges.observe(await this.deps.source(), symbol);
  }

  forget(symbol: string): void {
    this.ranges.forget(symbol);
  }

  /**
   * Matches every open paper order on `symbol` against the traded range. A storage failure
   * (disk full...) leaves the order exactly as it was: the range is kept and matched again on
   * the next tick, and nothing else is tried until then.
   */
  async match(symbol: string, observed: PriceObservation): Promise<void> {
    const open = this.orders.open(undefined, symbol);
    const range = this.withUnmatched(symbol, observed);
    if (open.length === 0) return;
    const source = await this.deps.source();
    const rules = this.rulesOf(source, symbol);
    for (const candidate of open) {
      let update: VenueOrder | null = null;
      try {
        update = this.deps.db.transaction(() => {
          const order = this.orders.byId(candidate.orderId);
          if (!order || (order.status !== 'open' && order.status !== 'partially_filled')) return null;
          const ctx = {
            amountStep: rules.amountStep,
            priceStep: rules.priceStep,
            slippageBps: this.deps.slippageBps(order.accountId),
            book: null,
          };
          const result = matchOnRange(matchView(order), range, ctx);
          if (result.fills.length === 0 && !result.triggered && result.rest === 'work') return null;
          return this.toVenue(order, this.settle(order, result, rules, false, marketTime(source, this.now)));
        })();
        if (update) this.deps.storage.noteSuccess();
      } catch (error) {
        // Only a refusal of the order itself expires it; a bug or a failing disk says nothing about the order.
        if (!(error instanceof TradewindError)) {
          this.notMatched(symbol, range, candidate, error);
          return;
        }
        try {
          update = this.deps.db.transaction(() => {
            const order = this.orders.byId(candidate.orderId) as PaperOrder;
            this.finish(order, 'expired');
            this.orders.save(order);
            return this.toVenue(order, []);
          })();
        } catch (failure) {
          this.notMatched(symbol, range, candidate, failure);
          return;
        }
        // A triggered order the account can no longer pay for expires, as on an exchange.
        this.deps.log(`paper: ${candidate.clientOrderId} expired: ${error.message}`);
      }
      if (update) this.report(candidate.accountId, update);
    }
    this.stalled.delete(symbol);
  }

  /** Leaves the order as it was; after a storage failure the range is matched again next tick. Other errors go up. */
  private notMatched(symbol: string, range: PriceObservation, candidate: PaperOrder, error: unknown): void {
    if (!this.deps.storage.noteFailure(error)) throw error;
    this.unmatched.set(symbol, range);
    if (this.stalled.has(symbol)) return; // said once per outage, not every tick
    this.stalled.add(symbol);
    this.deps.log(
      `paper: ${candidate.clientOrderId} not matched: writes fail (${this.deps.storage.failing?.cause}); it stays ${candidate.status.replace('_', ' ')} and is matched again next tick`,
    );
  }

  /** Hands an order's change to the ledger; if the ledger cannot write it, it is handed again by `redeliver`. */
  private report(accountId: string, update: VenueOrder): void {
    const key = `${accountId}|${update.clientOrderId}`;
    try {
      this.deps.onUpdate(accountId, update);
      this.unreported.delete(key);
    } catch (error) {
      if (!this.deps.storage.noteFailure(error)) throw error;
      this.unreported.set(key, { accountId, clientOrderId: update.clientOrderId });
    }
  }

  /** Reports again (with all their fills: the ledger takes each fill once) the changes the ledger could not write. */
  redeliver(): void {
    for (const [key, { accountId, clientOrderId }] of this.unreported) {
      const order = this.lookup(accountId, clientOrderId);
      if (!order) {
        this.unreported.delete(key);
        continue;
      }
      this.report(accountId, order);
      if (this.unreported.has(key)) return; // still failing: the next tick tries again
    }
  }

  /** The range traded since the last matching that was written: this one plus any a storage failure left unmatched. */
  private withUnmatched(symbol: string, range: PriceObservation): PriceObservation {
    const left = this.unmatched.get(symbol);
    if (!left) return range;
    this.unmatched.delete(symbol);
    return { ...range, low: Math.min(left.low, range.low), high: Math.max(left.high, range.high) };
  }

  /** What an order reserves while it rests: the quote it may spend (buys), or the base it sells. */
  private requiredLock(request: VenueOrderRequest, rules: MarketRules, slippageBps: number): { asset: string; amount: number } | null {
    if (request.type === 'market') return null;
    if (request.side === 'sell') return { asset: rules.base, amount: request.amount };
    const price = request.type === 'stop_market' ? (request.stopPrice as number) * (1 + slippageBps / 10_000) : (request.price as number);
    const feeInQuote = feeAssetOf(rules, 'buy') === rules.quote ? 1 + rules.takerFee : 1;
    return { asset: rules.quote, amount: clean(request.amount * price * feeInQuote) };
  }

  /** Books the fills of one matching step: money moves, fills are recorded, the status follows. */
  private settle(order: PaperOrder, result: MatchResult, rules: MarketRules, placing: boolean, at: number): VenueFill[] {
    const fills: VenueFill[] = [];
    if (placing && order.type === 'market') {
      const filled = result.fills.reduce((s, f) => s + f.amount, 0);
      if (filled <= 0) throw new TradewindError('invalid_order', `Paper: the order book has no liquidity for ${order.symbol}.`);
    }
    for (const fill of result.fills) fills.push(this.settleFill(order, fill, rules, at));
    if (result.triggered) order.triggered = true;
    if (result.rest === 'filled') this.finish(order, 'filled');
    else if (result.rest === 'expire') this.finish(order, 'expired');
    else order.status = order.filled > 0 ? 'partially_filled' : 'open';
    order.updatedAt = this.now();
    this.orders.save(order);
    return fills;
  }

  private settleFill(order: PaperOrder, fill: MatchFill, rules: MarketRules, at: number): VenueFill {
    const cost = clean(fill.price * fill.amount);
    const rate = fill.maker ? rules.makerFee : rules.takerFee;
    const feeAsset = feeAssetOf(rules, order.side);
    const fee = clean((feeAsset === rules.base ? fill.amount : cost) * rate);
    const [payAsset, payAmount, getAsset, getAmount] =
      order.side === 'buy' ? [rules.quote, cost, rules.base, fill.amount] : [rules.base, fill.amount, rules.quote, cost];
    const payWithFee = payAmount + (feeAsset === payAsset ? fee : 0);
    const fromLock = order.lockAsset === payAsset ? order.locked : 0;
    this.wallet.pay(order.accountId, payAsset, payWithFee, fromLock);
    if (order.lockAsset === payAsset) order.locked = clean(Math.max(0, order.locked - payWithFee));
    this.wallet.receive(order.accountId, getAsset, clean(getAmount - (feeAsset === getAsset ? fee : 0)));
    order.filled = clean(order.filled + fill.amount);
    order.cost = clean(order.cost + cost);
    return this.orders.insertFill(order.orderId, {
      price: fill.price,
      amount: fill.amount,
      cost,
      fee,
      feeAsset,
      maker: fill.maker,
      at,
    });
  }

  /** Final state: whatever the order still reserves goes back to the free balance. */
  private finish(order: PaperOrder, status: 'filled' | 'cancelled' | 'expired'): void {
    order.status = status;
    order.updatedAt = this.now();
    if (order.lockAsset && order.locked > 0) this.wallet.release(order.accountId, order.lockAsset, order.locked);
    order.locked = 0;
  }

  private toVenue(order: PaperOrder, fills: VenueFill[] | null): VenueOrder {
    return {
      clientOrderId: order.clientOrderId,
      exchangeOrderId: `P${order.orderId}`,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      amount: order.amount,
      price: order.price,
      stopPrice: order.stopPrice,
      status: order.status,
      filled: order.filled,
      averagePrice: order.filled > 0 ? clean(order.cost / order.filled) : null,
      cost: order.cost,
      fills,
      updatedAt: order.updatedAt,
    };
  }
}
