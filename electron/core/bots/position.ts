import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { clean } from '../exchange/precision';

export interface Position {
  /** Base held, net of fees charged in base; negative: a short (perpetual swaps only). */
  amount: number;
  /** Quote paid (a short: received) per unit held, fees included; null when nothing is held. */
  averagePrice: number | null;
  /** Profit of what was sold, net of fees (average-cost method). */
  realised: number;
  /** Quote paid for what is held (a short: received for it, net of fees). */
  cost: number;
  /**
   * Base sold beyond what the fills before it had bought: an error state (the account was
   * traded outside the bot, or the ledger misses a buy). It is left out of `realised`, never
   * booked as profit.
   */
  oversold: number;
}

/** A fee in quote money: fees charged in base are valued at the trade's price; other assets (BNB...) are not counted. */
export function feeInQuote(trade: TradeView, base: string, quote: string): number {
  if (trade.fee <= 0 || trade.feeAsset === null) return 0;
  if (trade.feeAsset === quote) return trade.fee;
  if (trade.feeAsset === base) return trade.fee * trade.price;
  return 0;
}

/** Base a trade added to (or removed from) the holding, after a fee charged in base. */
export function netBase(trade: TradeView, base: string): number {
  const fee = trade.feeAsset === base ? trade.fee : 0;
  return trade.side === 'buy' ? trade.amount - fee : -(trade.amount + fee);
}

/**
 * The trades in the order the ledger recorded them. Exchange times are not that order: the
 * replay clock or an exchange's clock can put a later fill at an earlier time.
 */
export function inLedgerOrder(trades: readonly TradeView[]): TradeView[] {
  return [...trades].sort((a, b) => a.seq - b.seq);
}

/**
 * Whether a sale beyond the position opens a short: on derivatives (perpetual swaps), which ccxt
 * spells with the settle currency after a colon (`BTC/USDT:USDT`); on spot it is an error (oversold).
 */
export function sellsShort(symbol: string): boolean {
  return symbol.includes(':');
}

/**
 * The position the trades built, in ledger order, by the average-cost method. With `shorts` (a
 * perpetual swap), a sale beyond what is held opens a short: `amount` negative, `cost` the quote
 * received for it net of fees, and a buy covers it first, booking (average sale price − buy price)
 * per unit covered, less its fee.
 */
export function positionOf(trades: readonly TradeView[], base: string, quote: string, options: { shorts?: boolean } = {}): Position {
  let amount = 0;
  let cost = 0;
  let realised = 0;
  let oversold = 0;
  for (const t of inLedgerOrder(trades)) {
    const quoteFee = t.feeAsset === quote ? t.fee : 0;
    if (t.side === 'buy') {
      const bought = netBase(t, base);
      const short = clean(Math.max(-amount, 0));
      const covered = Math.min(bought, short);
      if (covered > 0) {
        const share = covered / bought;
        const average = cost / short;
        realised += average * covered - (t.cost + quoteFee) * share;
        cost -= average * covered;
        amount = -(short - covered);
        if (amount === 0) cost = 0;
      }
      const rest = bought - covered;
      if (rest > 0) {
        amount += rest;
        cost += (t.cost + quoteFee) * (rest / bought);
      }
      continue;
    }
    const out = -netBase(t, base);
    const held = clean(Math.max(amount, 0));
    const sold = Math.min(out, held);
    const average = held > 0 ? cost / held : 0;
    // Only the part of the sale the position covered has a cost basis; the rest is the error (spot) or a new short.
    const share = out > 0 ? sold / out : 0;
    realised += (t.cost - quoteFee) * share - average * sold;
    if (held > 0) {
      cost -= average * sold;
      amount = held - sold;
    }
    const beyond = out - sold;
    if (beyond > 0 && options.shorts) {
      amount -= beyond;
      cost += (t.cost - quoteFee) * (1 - share);
    } else oversold += beyond;
  }
  amount = clean(amount);
  cost = amount !== 0 ? clean(cost) : 0;
  return {
    amount,
    averagePrice: amount !== 0 ? Math.abs(cost / amount) : null,
    realised: clean(realised),
    cost,
    oversold: clean(oversold),
  };
}
