/**
 * The cold path of the simulation: sizing an entry, booking an exit as a trade. Called only
 * when something fills, so it can be plain readable code; the per-bar loop (simulate.ts)
 * keeps its hot state in local variables.
 */
import type { BacktestSettings, BacktestTrade, ExitReason, OpenPosition } from '../../../shared/strategy/backtest-schema';
import type { EntryRule } from '../strategy/compiler/compile';
import { AmountStepper, sizeOrder } from './money';

export interface Entry {
  amount: number;
  /** Cash left after paying for the amount and its fee. */
  cash: number;
  price: number;
  stopPrice: number;
  targetPrice: number;
  trailFraction: number;
}

export class PositionLedger {
  readonly trades: BacktestTrade[] = [];
  feesPaid = 0;
  skippedEntries = 0;
  private readonly stepper: AmountStepper;
  private readonly feeRate: number;
  private rule: EntryRule | null = null;
  private entryPrice = 0;
  private entryTotal = 0;
  private entryFee = 0;
  private entryTime = 0;
  private entryBar = 0;

  constructor(
    settings: BacktestSettings,
    private readonly rules: readonly EntryRule[],
  ) {
    this.stepper = new AmountStepper(settings.amountStep);
    this.feeRate = settings.feeRate;
  }

  /**
   * Buys as much as the rule's size allows at `price`, rounded down to the amount step, fee
   * included, never more than `cash`. Null when not even one step is affordable.
   */
  buy(bar: number, time: number, price: number, ruleIndex: number, cash: number): Entry | null {
    const rule = this.rules[ruleIndex]!;
    const budget = Math.min(cash, rule.sizing === 'percentOfEquity' ? (cash * rule.size) / 100 : rule.size);
    const sized = sizeOrder(this.stepper, this.feeRate, budget, price, cash);
    if (sized === null) {
      this.skippedEntries++;
      return null;
    }
    const { amount, cost, fee } = sized;
    this.feesPaid += fee;
    this.rule = rule;
    this.entryPrice = price;
    this.entryTotal = cost + fee;
    this.entryFee = fee;
    this.entryTime = time;
    this.entryBar = bar;
    return {
      amount,
      cash: cash - (cost + fee),
      price,
      stopPrice: rule.stopLossPct === null ? -Infinity : price * (1 - rule.stopLossPct / 100),
      targetPrice: rule.takeProfitPct === null ? Infinity : price * (1 + rule.takeProfitPct / 100),
      trailFraction: rule.trailingStopPct === null ? 0 : rule.trailingStopPct / 100,
    };
  }

  /** Sells the whole `amount` at `price`; returns the cash afterwards. */
  sell(bar: number, time: number, price: number, amount: number, cash: number, reason: ExitReason): number {
    const proceeds = amount * price;
    const fee = proceeds * this.feeRate;
    this.feesPaid += fee;
    const pnl = proceeds - fee - this.entryTotal;
    this.trades.push({
      entryTime: this.entryTime,
      entryPrice: this.entryPrice,
      exitTime: time,
      exitPrice: price,
      amount,
      pnl,
      pnlPct: (pnl / this.entryTotal) * 100,
      fees: this.entryFee + fee,
      exitReason: reason,
      entryNodeId: this.rule!.nodeId,
      entryBar: this.entryBar,
      exitBar: bar,
    });
    this.rule = null;
    return cash + (proceeds - fee);
  }

  /** The position still open at the end, valued at `markPrice`. */
  openPosition(amount: number, markPrice: number): OpenPosition | null {
    if (amount <= 0 || this.rule === null) return null;
    return {
      entryTime: this.entryTime,
      entryPrice: this.entryPrice,
      amount,
      markPrice,
      unrealisedPnl: amount * markPrice - this.entryTotal,
      entryNodeId: this.rule.nodeId,
    };
  }
}
