/**
 * The order ticket's arithmetic, free of I/O: sizing (base, quote or % of the free balance),
 * rounding to the market's steps, the market's limits, the balance, and the fee estimate.
 * Every refusal names the rule and the numbers, so the person knows what to change.
 */
import type { OrderSide, OrderSize, OrderType, TicketIssue } from '../../../shared/ipc/schemas/orders';
import { contractSizeRefusal, feeAssetOf, type MarketRules, type Precision, type Quote } from '../exchange/venue';
import { clean, formatMoney, formatNumber } from '../exchange/precision';
import type { Amount, Price } from '../../../shared/domain/types';

export interface TicketSpec {
  side: OrderSide;
  type: OrderType;
  size: OrderSize;
  price?: Price | undefined;
  stopPrice?: Price | undefined;
}

export interface TicketContext {
  rules: MarketRules;
  precision: Precision;
  quote: Quote | null;
  /** Free balances of the market's base and quote assets. */
  freeBase: number;
  freeQuote: number;
  /**
   * Headroom kept for market buys sized from quote money: the fill price may be above the
   * reference by the slippage, and the order must still be affordable.
   */
  marketBuyBuffer: number;
  /** Why this account may not trade (read-only key...), or null. */
  blockedReason: string | null;
  exchangeName: string;
  /**
   * Paper accounts: the fill price a market order gets from a reference price (the paper
   * exchange's slippage model), so the estimate includes what the fill will charge.
   */
  marketFillPrice?: ((side: OrderSide, reference: number) => number) | undefined;
}

export interface TicketEvaluation {
  issues: TicketIssue[];
  /** Sized and rounded down to the market's step: what the ledger records. */
  amount: Amount | null;
  price: Price | null;
  stopPrice: Price | null;
  referencePrice: number | null;
  cost: number | null;
  fee: { rate: number; amount: number; asset: string; quoteValue: number } | null;
  spend: { amount: number; asset: string } | null;
  receive: { amount: number; asset: string } | null;
  available: { amount: number; asset: string };
  /** The paper slippage included in the estimate: the slipped fill price and the reference it moved from. */
  slippage?: { reference: number; price: number } | null;
}

/** A buy limit at or above the ask (a sell at or below the bid) takes liquidity. */
function isMarketable(side: OrderSide, price: number, quote: Quote | null): boolean {
  if (!quote) return false;
  return side === 'buy' ? price >= (quote.ask ?? quote.last) : price <= (quote.bid ?? quote.last);
}

export function referencePriceOf(side: OrderSide, quote: Quote | null): number | null {
  if (!quote) return null;
  return side === 'buy' ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last);
}

function checkPriceField(
  issues: TicketIssue[],
  field: 'price' | 'stopPrice',
  value: Price | undefined,
  required: boolean,
  ctx: TicketContext,
): Price | null {
  const label = field === 'price' ? 'Price' : 'Stop price';
  if (value === undefined) {
    if (required) {
      issues.push({
        field,
        rule: 'required',
        message:
          field === 'price' ? 'A limit price is required for this order type.' : 'A stop (trigger) price is required for a stop order.',
      });
    }
    return null;
  }
  const { priceStep } = ctx.rules;
  const rounded = ctx.precision.price(value);
  if (priceStep !== null && Math.abs(rounded - value) > priceStep * 1e-6) {
    issues.push({
      field,
      rule: 'tick',
      message: `${label} ${formatNumber(value)} is not a multiple of the tick ${formatNumber(priceStep)}; the nearest valid price is ${formatNumber(rounded)}.`,
    });
  }
  return value;
}

export function evaluateTicket(spec: TicketSpec, ctx: TicketContext): TicketEvaluation {
  const { rules, quote } = ctx;
  const issues: TicketIssue[] = [];
  const availableAsset = spec.side === 'buy' ? rules.quote : rules.base;
  const available = { amount: spec.side === 'buy' ? ctx.freeQuote : ctx.freeBase, asset: availableAsset };
  const empty = { amount: null, price: null, stopPrice: null, cost: null, fee: null, spend: null, receive: null };

  if (ctx.blockedReason) issues.push({ field: 'account', rule: 'cannot_trade', message: ctx.blockedReason });
  const contracts = contractSizeRefusal(rules);
  if (contracts) issues.push({ field: 'symbol', rule: 'contract_size', message: contracts });
  if (spec.type === 'stop_market' && !rules.stopMarket) {
    issues.push({
      field: 'type',
      rule: 'unsupported',
      message: `${ctx.exchangeName} has no stop-market orders on ${rules.symbol}; use a stop-limit order.`,
    });
  }
  if (spec.type === 'stop_limit' && !rules.stopLimit) {
    issues.push({ field: 'type', rule: 'unsupported', message: `${ctx.exchangeName} has no stop-limit orders on ${rules.symbol}.` });
  }

  const needsPrice = spec.type === 'limit' || spec.type === 'stop_limit';
  const needsStop = spec.type === 'stop_limit' || spec.type === 'stop_market';
  const price = needsPrice ? checkPriceField(issues, 'price', spec.price, true, ctx) : null;
  const stopPrice = needsStop ? checkPriceField(issues, 'stopPrice', spec.stopPrice, true, ctx) : null;
  const referencePrice = referencePriceOf(spec.side, quote);

  if (stopPrice !== null && quote) {
    // A stop on the wrong side of the market would trigger at once: refuse rather than surprise.
    if (spec.side === 'buy' && stopPrice <= quote.last) {
      issues.push({
        field: 'stopPrice',
        rule: 'would_trigger',
        message: `A buy stop triggers when the price rises to it: ${formatNumber(stopPrice)} is not above the current price ${formatNumber(quote.last)}.`,
      });
    }
    if (spec.side === 'sell' && stopPrice >= quote.last) {
      issues.push({
        field: 'stopPrice',
        rule: 'would_trigger',
        message: `A sell stop triggers when the price falls to it: ${formatNumber(stopPrice)} is not below the current price ${formatNumber(quote.last)}.`,
      });
    }
  }

  const unslipped = price ?? stopPrice ?? referencePrice;
  if (unslipped === null) {
    issues.push({
      field: 'symbol',
      rule: 'no_price',
      message: `No price for ${rules.symbol} yet; wait for market data before sizing a market order.`,
    });
    return { ...empty, issues, referencePrice, available };
  }
  // Market and stop-market fills move against the taker by the slippage (paper); limits do not.
  const slips = ctx.marketFillPrice !== undefined && (spec.type === 'market' || spec.type === 'stop_market');
  const execPrice = slips && ctx.marketFillPrice ? ctx.marketFillPrice(spec.side, unslipped) : unslipped;
  const slippage = slips ? { reference: unslipped, price: execPrice } : null;

  const isMarketBuy = spec.side === 'buy' && (spec.type === 'market' || spec.type === 'stop_market');
  const sizingPrice = isMarketBuy ? execPrice * (1 + ctx.marketBuyBuffer) : execPrice;
  let requested: number;
  switch (spec.size.unit) {
    case 'base':
      requested = spec.size.amount;
      break;
    case 'quote':
      requested = spec.size.amount / sizingPrice;
      break;
    default:
      requested = spec.side === 'buy' ? (ctx.freeQuote * spec.size.percent) / 100 / sizingPrice : (ctx.freeBase * spec.size.percent) / 100;
  }
  const amount = ctx.precision.amount(requested);
  const step = rules.amountStep;
  if (amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount)) {
    const shown = amount > 0 ? amount : requested;
    const minimum = rules.minAmount ?? step;
    issues.push({
      field: 'size',
      rule: 'min_amount',
      message:
        minimum !== null
          ? `Amount ${formatNumber(shown)} ${rules.base} is below the minimum ${formatNumber(minimum)} ${rules.base}.`
          : `Amount ${formatNumber(shown)} ${rules.base} rounds down to nothing on ${rules.symbol}.`,
    });
  }
  if (rules.maxAmount !== null && amount > rules.maxAmount) {
    issues.push({
      field: 'size',
      rule: 'max_amount',
      message: `Amount ${formatNumber(amount)} ${rules.base} is above the maximum ${formatNumber(rules.maxAmount)} ${rules.base}.`,
    });
  }

  const cost = clean(amount * execPrice);
  if (amount > 0 && rules.minCost !== null && cost < rules.minCost) {
    issues.push({
      field: 'size',
      rule: 'min_cost',
      message: `Order value ${formatMoney(cost, rules.quote)} ${rules.quote} is below the minimum ${formatNumber(rules.minCost)} ${rules.quote}.`,
    });
  }

  const taker =
    spec.type === 'market' ||
    spec.type === 'stop_market' ||
    spec.type === 'stop_limit' ||
    (price !== null && isMarketable(spec.side, price, quote));
  const rate = taker ? rules.takerFee : rules.makerFee;
  const feeAsset = feeAssetOf(rules, spec.side);
  const feeInBase = feeAsset === rules.base;
  const feeAmount = clean((feeInBase ? amount : cost) * rate);
  const fee = { rate, amount: feeAmount, asset: feeAsset, quoteValue: clean(feeInBase ? feeAmount * execPrice : feeAmount) };

  const spendAsset = spec.side === 'buy' ? rules.quote : rules.base;
  const gross = spec.side === 'buy' ? cost : amount;
  const spend = { amount: clean(gross + (feeAsset === spendAsset ? feeAmount : 0)), asset: spendAsset };
  const receiveAsset = spec.side === 'buy' ? rules.base : rules.quote;
  const receiveGross = spec.side === 'buy' ? amount : cost;
  const receive = { amount: clean(receiveGross - (feeAsset === receiveAsset ? feeAmount : 0)), asset: receiveAsset };

  const needed = isMarketBuy ? clean(spend.amount * (1 + ctx.marketBuyBuffer)) : spend.amount;
  if (amount > 0 && needed > available.amount * (1 + 1e-9)) {
    issues.push({
      field: 'balance',
      rule: 'insufficient',
      message: `Not enough ${spendAsset}: the order needs ${formatMoney(needed, spendAsset)} ${spendAsset}, ${formatMoney(available.amount, spendAsset)} available.`,
    });
  }
  return { issues, amount, price, stopPrice, referencePrice, cost, fee, spend, receive, available, slippage };
}
