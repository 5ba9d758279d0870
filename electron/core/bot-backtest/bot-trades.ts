/**
 * A bot backtest's round trips, read from the ledger's fills the way the bots book them, in the
 * strategy backtest's trade shape so the same table, markers and metrics show them:
 * - grid: each level's sale against the cost of its own last buy (fees included), or of the
 *   start-up buy for levels that start as sells; the closing sale of a stop-loss / take-profit
 *   bound is one trade whose profit is what the grid booked for it;
 * - DCA: each deal (base order + safety orders, then its take-profit) is one trade, at the
 *   deal's average cost.
 * What is still held at the end is the open position.
 */
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import type { BacktestTrade, ExitReason } from '../../../shared/strategy/backtest-schema';
import type { OrderRow } from '../orders/orders-repo';
import { feeInQuote, netBase } from '../bots/position';

export interface BotFills {
  orders: readonly OrderRow[];
  tradesOf(order: OrderRow): TradeView[];
  base: string;
  quote: string;
  /** Bar index of a time (for the trade's entry and exit bars). */
  barOf(time: number): number;
}

export interface HeldLot {
  amount: number;
  /** Quote paid for it, fees included. */
  cost: number;
  entryTime: number;
  entryPrice: number;
}

export interface BotRoundTrips {
  trades: BacktestTrade[];
  /** Base still held at the end and what it cost; null when nothing is held. */
  open: HeldLot | null;
  /** Every fill's fee, in quote (fees charged in base valued at the fill's price). */
  fees: number;
}

interface Lot {
  held: number;
  paid: number;
  fees: number;
  time: number;
  price: number;
}

/** An order's fills summed: base in/out net of fees, quote, fees in quote, first fill time, average price. */
function summarise(fills: readonly TradeView[], base: string, quote: string) {
  let net = 0;
  let amount = 0;
  let cost = 0;
  let quoteFee = 0;
  let fees = 0;
  let time = Infinity;
  for (const t of fills) {
    net += netBase(t, base);
    amount += t.amount;
    cost += t.cost;
    quoteFee += t.feeAsset === quote ? t.fee : 0;
    fees += feeInQuote(t, base, quote);
    time = Math.min(time, t.at);
  }
  return { net, amount, cost, quoteFee, fees, time, price: amount > 0 ? cost / amount : 0 };
}

/** Orders with fills, in the order the ledger recorded their first fill. */
function filledInLedgerOrder(input: BotFills): Array<{ order: OrderRow; fills: TradeView[] }> {
  return input.orders
    .map((order) => ({ order, fills: input.tradesOf(order) }))
    .filter((o) => o.fills.length > 0)
    .sort((a, b) => Math.min(...a.fills.map((t) => t.seq)) - Math.min(...b.fills.map((t) => t.seq)));
}

function trade(
  lot: Lot,
  sold: number,
  exit: ReturnType<typeof summarise>,
  pnl: number,
  reason: ExitReason,
  label: string,
  input: BotFills,
) {
  const share = lot.held > 0 ? Math.min(1, sold / lot.held) : 1;
  const entryCost = sold * (lot.held > 0 ? lot.paid / lot.held : lot.price);
  return {
    entryTime: lot.time,
    entryPrice: lot.price,
    exitTime: exit.time,
    exitPrice: exit.price,
    amount: exit.amount,
    pnl,
    pnlPct: entryCost > 0 ? (pnl / entryCost) * 100 : 0,
    fees: lot.fees * share + exit.fees,
    exitReason: reason,
    entryNodeId: label,
    entryBar: input.barOf(lot.time),
    exitBar: input.barOf(exit.time),
  } satisfies BacktestTrade;
}

const totalFees = (filled: ReadonlyArray<{ fills: TradeView[] }>, base: string, quote: string) =>
  filled.reduce((sum, o) => sum + o.fills.reduce((s, t) => s + feeInQuote(t, base, quote), 0), 0);

/**
 * Grid round trips. `bookedPnl` is the run's realised PnL as the grid booked it: the closing
 * sale's trade gets what is left of it after the level pairs (the grid values that sale at the
 * basis of the levels it replaced, which only its state knows).
 */
export function gridRoundTrips(input: BotFills, bookedPnl: number, closeReason: 'stop_loss' | 'take_profit' | null): BotRoundTrips {
  const { base, quote } = input;
  const filled = filledInLedgerOrder(input);
  const trades: BacktestTrade[] = [];
  const init: Lot = { held: 0, paid: 0, fees: 0, time: 0, price: 0 };
  /** Per level: what its last buy holds (null: the level sells the start-up buy's base). */
  const lots = new Map<number, Lot | null>();
  let initSold = 0;
  let close: ReturnType<typeof summarise> | null = null;
  for (const { order, fills } of filled) {
    const role = order.originRole ?? '';
    const sum = summarise(fills, base, quote);
    if (/:init(:\d+)?$/.test(role)) {
      Object.assign(init, { held: init.held + sum.net, paid: init.paid + sum.cost + sum.quoteFee, fees: init.fees + sum.fees });
      Object.assign(init, { time: init.time || sum.time, price: init.held > 0 ? init.paid / init.held : sum.price });
      continue;
    }
    if (/:close$/.test(role)) {
      close = sum;
      continue;
    }
    const cell = /:c(\d+):\d+$/.exec(role);
    if (!cell) continue;
    const level = Number(cell[1]);
    if (order.side === 'buy') {
      lots.set(level, { held: sum.net, paid: sum.cost + sum.quoteFee, fees: sum.fees, time: sum.time, price: sum.price });
      continue;
    }
    const lot = lots.get(level) ?? null;
    const source = lot ?? init;
    if (!lot) initSold += sum.amount;
    const basis = source.held > 0 ? source.paid / source.held : sum.price;
    const pnl = sum.cost - sum.fees - sum.amount * basis;
    trades.push(
      trade({ ...source, price: source.held > 0 ? basis : source.price }, sum.amount, sum, pnl, 'takeProfit', `Level ${level + 1}`, input),
    );
    lots.delete(level);
  }
  if (close) {
    const pnl = bookedPnl - trades.reduce((s, t) => s + t.pnl, 0);
    const entry = close.amount > 0 ? (close.cost - close.fees - pnl) / close.amount : close.price;
    const lot: Lot = { held: close.amount, paid: entry * close.amount, fees: 0, time: init.time || close.time, price: entry };
    trades.push(trade(lot, close.amount, close, pnl, closeReason === 'take_profit' ? 'takeProfit' : 'stopLoss', 'Grid close', input));
  }
  // Still held: every level's unsold buy and what the start-up buy has not yet sold.
  const held: Lot[] = close ? [] : [...lots.values()].filter((l): l is Lot => l !== null && l.held > 0);
  const initLeft = close ? 0 : init.held - initSold;
  if (initLeft > 1e-12 && init.held > 0) held.push({ ...init, held: initLeft, paid: (init.paid * initLeft) / init.held });
  return { trades: trades.sort(byExit), open: mergeLots(held), fees: totalFees(filled, base, quote) };
}

/** DCA round trips: one per closed deal (`d<key>:` roles), at the deal's average cost. */
export function dcaRoundTrips(input: BotFills): BotRoundTrips {
  const { base, quote } = input;
  const filled = filledInLedgerOrder(input);
  const deals = new Map<number, { lot: Lot; sold: ReturnType<typeof summarise>[]; pnl: number }>();
  for (const { order, fills } of filled) {
    const match = /:d(\d+):/.exec(order.originRole ?? '');
    if (!match) continue;
    const key = Number(match[1]);
    const deal = deals.get(key) ?? { lot: { held: 0, paid: 0, fees: 0, time: 0, price: 0 }, sold: [], pnl: 0 };
    deals.set(key, deal);
    const sum = summarise(fills, base, quote);
    if (order.side === 'buy') {
      const lot = deal.lot;
      lot.held += sum.net;
      lot.paid += sum.cost + sum.quoteFee;
      lot.fees += sum.fees;
      lot.time ||= sum.time;
      lot.price = lot.held > 0 ? lot.paid / lot.held : sum.price;
      continue;
    }
    const out = -sum.net;
    const average = deal.lot.held > 0 ? deal.lot.paid / deal.lot.held : 0;
    deal.pnl += sum.cost - sum.quoteFee - average * out;
    deal.sold.push(sum);
    deal.lot.paid -= average * out;
    deal.lot.held -= out;
  }
  const trades: BacktestTrade[] = [];
  const held: Lot[] = [];
  for (const [key, deal] of deals) {
    if (deal.sold.length === 0) {
      if (deal.lot.held > 1e-12) held.push(deal.lot);
      continue;
    }
    const exit = deal.sold.reduce((a, b) => ({
      ...a,
      amount: a.amount + b.amount,
      cost: a.cost + b.cost,
      fees: a.fees + b.fees,
      time: Math.max(a.time, b.time),
      price: (a.cost + b.cost) / (a.amount + b.amount),
    }));
    const bought = deal.lot;
    // The deal's whole buy side, before its sales took their share out.
    const lot: Lot = { held: exit.amount, paid: exit.amount * bought.price, fees: bought.fees, time: bought.time, price: bought.price };
    trades.push(trade(lot, exit.amount, exit, deal.pnl, 'takeProfit', `Deal ${key}`, input));
    if (deal.lot.held > 1e-9) held.push(deal.lot);
  }
  return { trades: trades.sort(byExit), open: mergeLots(held), fees: totalFees(filled, base, quote) };
}

/** By exit time, then entry time: sells filled by one price move are listed oldest position first. */
const byExit = (a: BacktestTrade, b: BacktestTrade) => a.exitTime - b.exitTime || a.entryTime - b.entryTime;

function mergeLots(lots: readonly Lot[]): HeldLot | null {
  const amount = lots.reduce((s, l) => s + l.held, 0);
  if (!(amount > 1e-12)) return null;
  const cost = lots.reduce((s, l) => s + l.paid, 0);
  return { amount, cost, entryTime: Math.min(...lots.map((l) => l.time)), entryPrice: cost / amount };
}
