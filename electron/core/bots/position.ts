import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { clean } from '../exchange/precision';

export interface Position {
  /** Base held, net of fees charged in base. */
  amount: number;
  /** Quote paid per unit held, fees included; null when nothing is held. */
  averagePrice: number | null;
  /** Profit of what was sold, net of fees (average-cost method). */
  realised: number;
  /** Quote paid for what is held. */
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

/** The position the trades built, in ledger order, by the average-cost method. */
export function positionOf(trades: readonly TradeView[], base: string, quote: string): Position {
  let amount = 0;
  let cost = 0;
  let realised = 0;
  let oversold = 0;
  for (const t of inLedgerOrder(trades)) {
    const quoteFee = t.feeAsset === quote ? t.fee : 0;
    if (t.side === 'buy') {
      amount += netBase(t, base);
      cost += t.cost + quoteFee;
      continue;
    }
    const out = -netBase(t, base);
    const held = clean(Math.max(amount, 0));
    const sold = Math.min(out, held);
    const average = held > 0 ? cost / held : 0;
    // Only the part of the sale the position covered has a cost basis; the rest is the error.
    const share = out > 0 ? sold / out : 0;
    realised += (t.cost - quoteFee) * share - average * sold;
    cost -= average * sold;
    amount = held - sold;
    oversold += out - sold;
  }
  amount = clean(amount);
  cost = amount > 0 ? clean(cost) : 0;
  return { amount, averagePrice: amount > 0 ? cost / amount : null, realised: clean(realised), cost, oversold: clean(oversold) };
}
