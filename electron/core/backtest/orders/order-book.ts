/**
 * The account of the order simulator: cash and one position (long or short) that can grow by
 * adds and shrink by partial exits. Amounts are whole steps of the market's amount step, so a
 * partial exit leaves an exact remainder. Each exit books a trade row with its share of the
 * entry's cost, fees and (short) borrowing cost.
 */
import type { BacktestSettings, BacktestTrade, ExitReason, OpenPosition } from '../../../../shared/strategy/backtest-schema';
import type { EntryRule } from '../../strategy/compiler/compile';
import { AmountStepper, sizeOrder } from '../money';

export interface HeldPosition {
  rule: EntryRule;
  /** +1 long, −1 short. */
  side: 1 | -1;
  /** Whole amount steps held now, and bought (sold short) in the position so far. */
  steps: number;
  enteredSteps: number;
  amount: number;
  /** Average fill price of the entry and adds (fees not included). */
  avgPrice: number;
  /** Entry and adds: value plus fee (what pnl % is measured against). */
  basis: number;
  /** Fees of the entry and adds not yet booked on an exit. */
  entryFees: number;
  /** Short: what the sales brought in, net of their fees, not yet booked. */
  shortProceeds: number;
  /** Short: borrowing/funding paid and not yet booked. */
  carry: number;
  entryTime: number;
  entryBar: number;
  adds: number;
}

export class OrderBook {
  readonly trades: BacktestTrade[] = [];
  cash: number;
  feesPaid = 0;
  borrowPaid = 0;
  skippedEntries = 0;
  position: HeldPosition | null = null;
  readonly stepper: AmountStepper;
  private readonly feeRate: number;

  constructor(settings: BacktestSettings) {
    this.cash = settings.startingCash;
    this.stepper = new AmountStepper(settings.amountStep);
    this.feeRate = settings.feeRate;
  }

  /** Cash plus the position marked at `price` (a short owes its amount). */
  equityAt(price: number): number {
    const p = this.position;
    return p === null ? this.cash : this.cash + p.side * p.amount * price;
  }

  /**
   * Opens a position of `rule` at `price`: the rule's size (of equity, which is the cash while
   * flat, or a quote amount), value plus fee at most the cash; rounded down to the step.
   */
  open(bar: number, time: number, price: number, rule: EntryRule): boolean {
    const cash = this.cash;
    const budget = Math.min(cash, rule.sizing === 'percentOfEquity' ? (cash * rule.size) / 100 : rule.size);
    const sized = sizeOrder(this.stepper, this.feeRate, budget, price, cash);
    if (sized === null) {
      this.skippedEntries++;
      return false;
    }
    const { steps, amount, cost, fee } = sized;
    const side = rule.side === 'short' ? -1 : 1;
    this.feesPaid += fee;
    this.cash = side === 1 ? cash - (cost + fee) : cash + (cost - fee);
    this.position = {
      rule,
      side,
      steps,
      enteredSteps: steps,
      amount,
      avgPrice: price,
      basis: cost + fee,
      entryFees: fee,
      shortProceeds: side === 1 ? 0 : cost - fee,
      carry: 0,
      entryTime: time,
      entryBar: bar,
      adds: 0,
    };
    return true;
  }

  /**
   * Adds to the open position at `price`, sized by the add rule from the equity at that price.
   * A long spends at most the cash; a short's total value stays within the equity (1×).
   */
  add(price: number, sizing: EntryRule['sizing'], size: number): boolean {
    const p = this.position!;
    const equity = this.equityAt(price);
    const cap = p.side === 1 ? this.cash : equity - p.amount * price;
    const budget = Math.min(cap, sizing === 'percentOfEquity' ? (equity * size) / 100 : size);
    p.adds++;
    const sized = cap > 0 && budget > 0 ? sizeOrder(this.stepper, this.feeRate, budget, price, cap) : null;
    if (sized === null) {
      this.skippedEntries++;
      return false;
    }
    const { steps, amount, cost, fee } = sized;
    this.feesPaid += fee;
    if (p.side === 1) this.cash -= cost + fee;
    else {
      this.cash += cost - fee;
      p.shortProceeds += cost - fee;
    }
    const held = p.amount;
    p.steps += steps;
    p.enteredSteps += steps;
    p.amount = this.stepper.amountOf(p.steps);
    p.avgPrice = (held * p.avgPrice + amount * price) / (held + amount);
    p.basis += cost + fee;
    p.entryFees += fee;
    return true;
  }

  /** Short: this close's borrowing/funding cost, `ratePct` of the position's value. */
  chargeCarry(price: number, ratePct: number): void {
    const p = this.position!;
    const cost = (p.amount * price * ratePct) / 100;
    this.cash -= cost;
    p.carry += cost;
    this.borrowPaid += cost;
  }

  /**
   * Closes `steps` of the position (all of it when `steps` ≥ what is held) at `price` and books
   * the trade row; returns true when the position is now closed.
   */
  reduce(bar: number, time: number, price: number, steps: number, reason: ExitReason): boolean {
    const p = this.position!;
    const all = steps >= p.steps;
    const amount = all ? p.amount : this.stepper.amountOf(steps);
    const share = all ? 1 : amount / p.amount;
    const basis = all ? p.basis : p.basis * share;
    const entryFees = all ? p.entryFees : p.entryFees * share;
    const value = amount * price;
    const fee = value * this.feeRate;
    this.feesPaid += fee;
    let pnl: number;
    let carry = 0;
    if (p.side === 1) {
      pnl = value - fee - basis;
      this.cash += value - fee;
    } else {
      const proceeds = all ? p.shortProceeds : p.shortProceeds * share;
      carry = all ? p.carry : p.carry * share;
      pnl = proceeds - (value + fee) - carry;
      this.cash -= value + fee;
      p.shortProceeds -= proceeds;
      p.carry -= carry;
    }
    const trade: BacktestTrade = {
      entryTime: p.entryTime,
      entryPrice: p.avgPrice,
      exitTime: time,
      exitPrice: price,
      amount,
      pnl,
      pnlPct: (pnl / basis) * 100,
      fees: entryFees + fee,
      exitReason: reason,
      entryNodeId: p.rule.nodeId,
      entryBar: p.entryBar,
      exitBar: bar,
    };
    if (p.side === -1) {
      trade.side = 'short';
      trade.borrowCost = carry;
    }
    this.trades.push(trade);
    if (all) {
      this.position = null;
      return true;
    }
    p.steps -= steps;
    p.amount = this.stepper.amountOf(p.steps);
    p.basis -= basis;
    p.entryFees -= entryFees;
    return false;
  }

  /** The position still open at the end, valued at `markPrice`. */
  openPosition(markPrice: number): OpenPosition | null {
    const p = this.position;
    if (p === null) return null;
    const unrealisedPnl = p.side === 1 ? p.amount * markPrice - p.basis : p.shortProceeds - p.amount * markPrice - p.carry;
    return {
      entryTime: p.entryTime,
      entryPrice: p.avgPrice,
      amount: p.amount,
      markPrice,
      unrealisedPnl,
      entryNodeId: p.rule.nodeId,
      ...(p.side === -1 ? { side: 'short' as const } : {}),
    };
  }
}
