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
  /** A perpetual swap: a sale from flat opens a short (see `sellsShort`); absent: spot, long only. */
  shorts?: boolean;
}

export function positionAtClose(book: PositionBook, closeTime: number, closePrice: number): PositionSnapshot {
  if (book.shorts) return swapPositionAtClose(book, closeTime, closePrice);
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

/**
 * On a perpetual swap either side opens a position from flat: a sale opens a short (its entry the
 * average of the sales that grew it, `short: true`), as the backtest's Position block sees one.
 * A trade against the position that leaves dust ends it; the bot's exits are reduce-only, so it
 * never flips to the other side in one trade.
 */
function swapPositionAtClose(book: PositionBook, closeTime: number, closePrice: number): PositionSnapshot {
  let amount = 0;
  let open = false;
  let short = false;
  let entryTime = NaN;
  let grown = 0;
  let grownValue = 0;
  for (const t of inLedgerOrder(book.trades)) {
    if (!(t.at < closeTime)) continue;
    amount += netBase(t, book.base);
    if (!open) {
      open = true;
      short = t.side === 'sell';
      entryTime = t.at;
      grown = 0;
      grownValue = 0;
    }
    if ((t.side === 'sell') === short) {
      grown += t.amount;
      grownValue += t.amount * t.price;
    } else if (book.isDust(Math.abs(amount), t.price)) open = false;
  }
  if (!open || book.isDust(Math.abs(amount), closePrice) || grown <= 0) return FLAT;
  return { open: true, entryPrice: grownValue / grown, entryTime, ...(short ? { short: true } : {}) };
}
