/**
 * The rebalance order plan: from holdings, prices and each market's rules to the legs that bring
 * the basket back to its target weights. The same function plans the bot's rounds, the preview
 * and the backtest. Amounts are rounded down to the market's step; a leg below the venue's minimum
 * amount or value, or below the bot's minimum trade, is left out with the reason, never rounded up.
 * Fees are planned in: the value to split is what is left after the round's fees, and a buy whose
 * fee is charged in the coin buys enough that what arrives is its target.
 */
import type { Basket, PlanAsset, PlanLeg, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { clean, floorToStep, formatMoney, formatNumber } from '../exchange/precision';

/** What the plan needs of a market (a subset of the venue's `MarketRules`). */
export interface PlanMarket {
  symbol: string;
  amountStep: number | null;
  minAmount: number | null;
  minCost: number | null;
  takerFee: number;
  /** Which asset a buy's / a sell's fee is charged in ('base' or 'quote'). */
  buyFeeIn: 'base' | 'quote';
  sellFeeIn: 'base' | 'quote';
  /** Rounding to the market's amount precision (default: down to `amountStep`). */
  roundAmount?: (amount: number) => number;
}

export interface PlanInput {
  quote: string;
  basket: Basket;
  /** Base held per basket asset (the quote is `cash`). */
  holdings: ReadonlyMap<string, number>;
  /** Quote the bot may use, besides what the sells bring. */
  cash: number;
  /** Price in the quote per basket asset (the quote itself is 1). */
  prices: ReadonlyMap<string, number>;
  markets: ReadonlyMap<string, PlanMarket>;
  /** Legs worth less than this are left out. */
  minTrade: number;
  /** Share of the buying money held back for prices moving before a market buy fills (0.005 = 0.5 %). */
  buyBuffer?: number;
  /**
   * The most the round's buys may cost in all (the bot's capital cap): a round wanting more is
   * scaled down whole, sells included, so it never sells for buys the cap guard would refuse.
   */
  maxBuy?: number;
}

export class PlanError extends Error {}

interface Draft {
  asset: string;
  market: PlanMarket;
  price: number;
  side: 'buy' | 'sell';
  amount: number;
}

/** Rounds of the fee estimate: each pass sizes the trades on the value the previous pass's fees leave. */
const FEE_PASSES = 4;

export function planRebalance(input: PlanInput): RebalancePlan {
  const { quote, basket } = input;
  const held = (asset: string) => (asset === quote ? input.cash : Math.max(0, input.holdings.get(asset) ?? 0));
  const priceOf = (asset: string): number => {
    if (asset === quote) return 1;
    const price = input.prices.get(asset);
    if (price === undefined || !(price > 0)) throw new PlanError(`No price for ${asset}/${quote} yet; the plan waits for one.`);
    return price;
  };
  const marketOf = (asset: string): PlanMarket => {
    const market = input.markets.get(asset);
    if (!market) throw new PlanError(`There is no ${asset}/${quote} market on this venue.`);
    return market;
  };
  const coins = basket.filter((e) => e.asset !== quote);
  const targetOf = new Map(basket.map((e) => [e.asset, e.weight / 100]));
  const valueNow = (asset: string) => held(asset) * priceOf(asset);
  let total = input.cash;
  for (const e of coins) total += valueNow(e.asset);
  total = clean(total);
  if (total <= 0) throw new PlanError(`Nothing to rebalance: the account holds none of the basket and no ${quote}.`);

  // Sizes on the value net of the round's fees, estimated from the previous pass (converges in a few passes).
  let fees = 0;
  let drafts: Draft[] = [];
  for (let pass = 0; pass < FEE_PASSES; pass++) {
    const value = total - fees;
    drafts = [];
    fees = 0;
    for (const e of coins) {
      const price = priceOf(e.asset);
      const market = marketOf(e.asset);
      const gap = (targetOf.get(e.asset) ?? 0) * value - valueNow(e.asset);
      if (gap === 0) continue;
      const side = gap > 0 ? 'buy' : 'sell';
      // A buy charged in the coin must buy a little more so what arrives is the target.
      const gross = side === 'buy' && market.buyFeeIn === 'base' ? gap / (1 - market.takerFee) : Math.abs(gap);
      drafts.push({ asset: e.asset, market, price, side, amount: gross / price });
      fees += gross * market.takerFee;
    }
  }

  // The capital cap, applied to the whole round: every leg shrinks by the same share.
  const costOfDraft = (d: Draft) => d.amount * d.price * (1 + (d.market.buyFeeIn === 'quote' ? d.market.takerFee : 0));
  const wantedBuys = drafts.filter((d) => d.side === 'buy').reduce((sum, d) => sum + costOfDraft(d), 0);
  if (input.maxBuy !== undefined && wantedBuys > input.maxBuy) {
    const share = Math.max(0, input.maxBuy) / wantedBuys;
    for (const d of drafts) d.amount *= share;
  }

  const round = (d: Draft, amount: number) => Math.max(0, (d.market.roundAmount ?? ((a) => floorToStep(a, d.market.amountStep)))(amount));
  const legs: PlanLeg[] = [];
  const leg = (d: Draft, amount: number): PlanLeg => {
    const value = clean(amount * d.price);
    return {
      asset: d.asset,
      symbol: d.market.symbol,
      side: d.side,
      amount,
      price: d.price,
      value,
      fee: clean(value * d.market.takerFee),
      dropped: dropReason(d, amount, value, input.minTrade, quote),
    };
  };

  let cash = input.cash;
  // Sells first: they bring the cash the buys spend.
  for (const d of drafts.filter((x) => x.side === 'sell')) {
    const amount = round(d, Math.min(d.amount, held(d.asset)));
    const l = leg(d, amount);
    legs.push(l);
    if (l.dropped === null) cash += l.value - (d.market.sellFeeIn === 'quote' ? l.fee : 0);
  }
  const cashTarget = (targetOf.get(quote) ?? 0) * (total - fees);
  const budget = Math.max(0, (cash - cashTarget) * (1 - (input.buyBuffer ?? 0)));
  const buys = drafts.filter((x) => x.side === 'buy');
  const costOf = (d: Draft, amount: number) => amount * d.price * (1 + (d.market.buyFeeIn === 'quote' ? d.market.takerFee : 0));
  const wanted = buys.reduce((sum, d) => sum + costOf(d, d.amount), 0);
  // Not enough cash (a sell left out, rounding, the buffer): every buy shrinks by the same share.
  const limit = Math.min(budget, input.maxBuy ?? Infinity);
  const scale = wanted > limit && wanted > 0 ? limit / wanted : 1;
  for (const d of buys) {
    const l = leg(d, round(d, d.amount * scale));
    legs.push(l);
    if (l.dropped === null) cash -= costOf(d, l.amount);
  }

  // The weights after the legs fill at the plan's prices and fees.
  const after = new Map<string, number>();
  for (const e of coins) after.set(e.asset, held(e.asset));
  let feesSent = 0;
  for (const l of legs) {
    if (l.dropped !== null) continue;
    feesSent += l.fee;
    const market = marketOf(l.asset);
    const feeIn = l.side === 'buy' ? market.buyFeeIn : market.sellFeeIn;
    const baseFee = feeIn === 'base' ? l.amount * market.takerFee : 0;
    after.set(l.asset, (after.get(l.asset) ?? 0) + (l.side === 'buy' ? l.amount - baseFee : -l.amount - baseFee));
  }
  cash = clean(cash);
  let totalAfter = cash;
  for (const [asset, amount] of after) totalAfter += amount * priceOf(asset);
  const assets: PlanAsset[] = basket.map((e) => {
    const amount = held(e.asset);
    const price = priceOf(e.asset);
    const value = clean(amount * price);
    const weightPct = clean((value / total) * 100);
    const valueAfter = e.asset === quote ? cash : (after.get(e.asset) ?? 0) * price;
    return {
      asset: e.asset,
      amount,
      price,
      value,
      weightPct,
      targetPct: e.weight,
      driftPct: clean(weightPct - e.weight),
      afterPct: totalAfter > 0 ? clean((valueAfter / totalAfter) * 100) : 0,
    };
  });
  return {
    quote,
    totalValue: total,
    assets,
    legs,
    maxDriftPct: assets.reduce((m, a) => Math.max(m, Math.abs(a.driftPct)), 0),
    fees: clean(feesSent),
    cashAfter: cash,
  };
}

function dropReason(d: Draft, amount: number, value: number, minTrade: number, quote: string): string | null {
  const base = d.asset;
  if (amount <= 0)
    return `${d.side} ${formatNumber(d.amount)} ${base} rounds to 0 at the market's step ${formatNumber(d.market.amountStep ?? 0)}`;
  if (d.market.minAmount !== null && amount < d.market.minAmount)
    return `${formatNumber(amount)} ${base} is below the venue's minimum amount ${formatNumber(d.market.minAmount)} ${base}`;
  if (d.market.minCost !== null && value < d.market.minCost)
    return `${formatMoney(value, quote)} ${quote} is below the venue's minimum order value ${formatMoney(d.market.minCost, quote)} ${quote}`;
  if (value < minTrade)
    return `${formatMoney(value, quote)} ${quote} is below the bot's minimum trade ${formatMoney(minTrade, quote)} ${quote}`;
  return null;
}

/** The legs to send now: sells before buys, left-out legs skipped. */
export const sendableLegs = (plan: RebalancePlan, side: 'buy' | 'sell'): PlanLeg[] =>
  plan.legs.filter((l) => l.side === side && l.dropped === null);
