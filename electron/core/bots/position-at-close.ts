/**
 * A live bot's position as its strategy's Position block sees it at a bar's close: built from the
 * bot's own recorded fills (the ledger), never from a parallel guess. The fills counted are those
 * timed before the bar's close, taken in ledger order (`seq`); the position opens with the first
 * buy after being flat (its time identifies the position) and is flat again once what is held
 * is dust for the market (below its amount step, minimum amount or minimum cost).
 */
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { FLAT, type PositionSnapshot } from '../strategy';
import { inLedgerOrder, netBase } from './position';

export interface PositionBook {
  /** The run's fills (any order; taken in ledger order). */
  trades: readonly TradeView[];
  base: string;
  /** Whether an amount held at `price` is too small to trade (the bot counts it as flat). */
  isDust(amount: number, price: number): boolean;
}

export function positionAtClose(book: PositionBook, closeTime: number, closePrice: number): PositionSnapshot {
  let amount = 0;
  let open = false;
  let entryTime = NaN;
  let bought = 0;
  let boughtCost = 0;
  for (const t of inLedgerOrder(book.trades)) {
    if (!(t.at < closeTime)) continue;
    amount += netBase(t, book.base);
    if (t.side === 'buy') {
      if (!open) {
        open = true;
        entryTime = t.at;
        bought = 0;
        boughtCost = 0;
      }
      bought += t.amount;
      boughtCost += t.amount * t.price;
    }
    // Only a sale ends a position: a first partial buy may itself be smaller than the minimums.
    if (t.side === 'sell' && open && book.isDust(Math.max(amount, 0), t.price)) open = false;
  }
  if (!open || book.isDust(amount, closePrice) || bought <= 0) return FLAT;
  return { open: true, entryPrice: boughtCost / bought, entryTime };
}
