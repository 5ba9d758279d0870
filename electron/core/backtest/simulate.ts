/**
 * The fill model, bar by bar, long only, one position at a time:
 *  1. At a bar's open, fill the order decided at the previous close: buy at open × (1 + slippage)
 *     or sell at open × (1 − slippage). Sizing is rounded down to the amount step and never
 *     spends more cash than there is, fee included.
 *  2. Inside the bar, protective orders of the open position: a stop (fixed or trailing) fills
 *     when the low reaches it (at the open if the bar opens below it), a take-profit when the
 *     high reaches it (at the open if the bar opens above it). When one bar touches both, the
 *     stop is assumed to come first. The trailing stop trails the highs of previous bars only,
 *     because the order of high and low inside a bar is unknown.
 *  3. At the close, value the position and read the strategy's signal for the next open.
 * Every fill pays `feeRate` of its value.
 */
import type { BacktestSettings, BacktestTrade, ExitReason, OpenPosition } from '../../../shared/strategy/backtest-schema';
import type { CandleColumns } from '../strategy/candle-columns';
import type { EntryRule } from '../strategy/compiler/compile';
import { TRUE } from '../strategy/kernels/conventions';
import { EquityCurve } from './equity-curve';
import { AmountStepper } from './money';

export interface SimulationInput {
  candles: CandleColumns;
  entryConditions: readonly Uint8Array[];
  exitConditions: readonly Uint8Array[];
  entries: readonly EntryRule[];
  settings: BacktestSettings;
  /** Traded bars [from, to). */
  from: number;
  to: number;
  /** Called every PROGRESS_EVERY bars with bars done; may throw to cancel. */
  onBars?: (done: number, total: number) => void;
}

export interface SimulationResult {
  trades: BacktestTrade[];
  openPosition: OpenPosition | null;
  /** Mark-to-market equity at each traded bar's close, with its drawdown and return statistics. */
  equity: EquityCurve;
  exposedBars: number;
  feesPaid: number;
  skippedEntries: number;
}

const PROGRESS_EVERY = 65_536;
const CASH = 0;
const AMOUNT = 1;

export function simulate(input: SimulationInput): SimulationResult {
  return new LongOnlySimulation(input).run();
}

class LongOnlySimulation {
  /** [cash, amount held]: a typed array, so the per-bar path reads unboxed doubles. */
  private readonly book = new Float64Array(2);
  private readonly stepper: AmountStepper;
  private readonly buySlip: number;
  private readonly sellSlip: number;
  private readonly feeRate: number;
  private readonly trades: BacktestTrade[] = [];
  private feesPaid = 0;
  private skippedEntries = 0;
  // The open position.
  private rule: EntryRule | null = null;
  private entryPrice = 0;
  private entryTotal = 0;
  private entryFee = 0;
  private entryTime = 0;
  private entryBar = 0;
  private stopPrice = -Infinity;
  private targetPrice = Infinity;
  private trailFraction = 0;
  private highest = 0;
  /** The position carries a stop, target or trailing stop. */
  private guarded = false;

  constructor(private readonly input: SimulationInput) {
    const s = input.settings;
    this.book[CASH] = s.startingCash;
    this.stepper = new AmountStepper(s.amountStep);
    this.buySlip = 1 + s.slippageBps / 10_000;
    this.sellSlip = 1 - s.slippageBps / 10_000;
    this.feeRate = s.feeRate;
  }

  run(): SimulationResult {
    const { candles, from, to, entryConditions, exitConditions, onBars } = this.input;
    const { time, open, high, low, close } = candles;
    const equity = new EquityCurve(Math.max(0, to - from), this.input.settings.startingCash);
    const ruleCount = entryConditions.length;
    const exitCount = exitConditions.length;
    let pendingEntry = -1;
    let pendingExit = false;
    let exposedBars = 0;
    for (let i = from; i < to; i++) {
      if (onBars !== undefined && ((i - from) & (PROGRESS_EVERY - 1)) === 0) onBars(i - from, to - from);
      const o = open[i]!;
      if (pendingExit) {
        this.close(i, time[i]!, o * this.sellSlip, 'signal');
        pendingExit = false;
      } else if (pendingEntry >= 0) {
        this.openPosition(i, time[i]!, o, pendingEntry);
        pendingEntry = -1;
      }
      if (this.book[AMOUNT]! > 0) {
        exposedBars++;
        if (this.guarded) this.protect(i, time[i]!, o, high[i]!, low[i]!);
      }
      equity.record(i - from, this.book[CASH]! + this.book[AMOUNT]! * close[i]!);
      if (i + 1 === to) break;
      if (this.book[AMOUNT]! > 0) {
        for (let r = 0; r < exitCount; r++) {
          if (exitConditions[r]![i] === TRUE) {
            pendingExit = true;
            break;
          }
        }
      } else {
        for (let r = 0; r < ruleCount; r++) {
          if (entryConditions[r]![i] === TRUE) {
            pendingEntry = r;
            break;
          }
        }
      }
    }
    return {
      trades: this.trades,
      openPosition: this.openPositionAt(to - 1),
      equity,
      exposedBars,
      feesPaid: this.feesPaid,
      skippedEntries: this.skippedEntries,
    };
  }

  private openPosition(bar: number, barTime: number, open: number, ruleIndex: number): void {
    const rule = this.input.entries[ruleIndex]!;
    const price = open * this.buySlip;
    const cash = this.book[CASH]!;
    const budget = Math.min(cash, rule.sizing === 'percentOfEquity' ? (cash * rule.size) / 100 : rule.size);
    let steps = this.stepper.stepsIn(budget / (price * (1 + this.feeRate)));
    let amount = this.stepper.amountOf(steps);
    let cost = amount * price;
    let fee = cost * this.feeRate;
    // Float rounding or the step epsilon can overshoot by a hair: give back steps until it fits.
    while (steps > 0 && cost + fee > cash) {
      steps--;
      amount = this.stepper.amountOf(steps);
      cost = amount * price;
      fee = cost * this.feeRate;
    }
    if (steps <= 0) {
      this.skippedEntries++;
      return;
    }
    this.book[CASH] = cash - (cost + fee);
    this.book[AMOUNT] = amount;
    this.feesPaid += fee;
    this.rule = rule;
    this.entryPrice = price;
    this.entryTotal = cost + fee;
    this.entryFee = fee;
    this.entryTime = barTime;
    this.entryBar = bar;
    this.stopPrice = rule.stopLossPct === null ? -Infinity : price * (1 - rule.stopLossPct / 100);
    this.targetPrice = rule.takeProfitPct === null ? Infinity : price * (1 + rule.takeProfitPct / 100);
    this.trailFraction = rule.trailingStopPct === null ? 0 : rule.trailingStopPct / 100;
    this.highest = price;
    this.guarded = rule.stopLossPct !== null || rule.takeProfitPct !== null || rule.trailingStopPct !== null;
  }

  private protect(bar: number, barTime: number, open: number, high: number, low: number): void {
    let stop = this.stopPrice;
    let stopReason: ExitReason = 'stopLoss';
    if (this.trailFraction > 0) {
      const trail = this.highest * (1 - this.trailFraction);
      if (trail > stop) {
        stop = trail;
        stopReason = 'trailingStop';
      }
    }
    if (open <= stop) this.close(bar, barTime, open * this.sellSlip, stopReason);
    else if (low <= stop) this.close(bar, barTime, stop * this.sellSlip, stopReason);
    else if (open >= this.targetPrice) this.close(bar, barTime, open, 'takeProfit');
    else if (high >= this.targetPrice) this.close(bar, barTime, this.targetPrice, 'takeProfit');
    else if (high > this.highest) this.highest = high;
  }

  private close(bar: number, barTime: number, price: number, reason: ExitReason): void {
    const amount = this.book[AMOUNT]!;
    if (amount <= 0) return;
    const proceeds = amount * price;
    const fee = proceeds * this.feeRate;
    this.book[CASH]! += proceeds - fee;
    this.feesPaid += fee;
    const pnl = proceeds - fee - this.entryTotal;
    this.trades.push({
      entryTime: this.entryTime,
      entryPrice: this.entryPrice,
      exitTime: barTime,
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
    this.book[AMOUNT] = 0;
    this.rule = null;
    this.guarded = false;
  }

  private openPositionAt(lastBar: number): OpenPosition | null {
    const amount = this.book[AMOUNT]!;
    if (amount <= 0 || lastBar < 0) return null;
    const mark = this.input.candles.close[lastBar]!;
    return {
      entryTime: this.entryTime,
      entryPrice: this.entryPrice,
      amount,
      markPrice: mark,
      unrealisedPnl: amount * mark - this.entryTotal,
      entryNodeId: this.rule!.nodeId,
    };
  }
}
