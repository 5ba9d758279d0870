/**
 * The fill model of simulate.ts for the most common strategies: entries and exits on signals
 * only (no stop, target, trailing stop or wired price level on any entry, nothing that reads the
 * position). Such a run is a sequence of flat and held stretches: flat, the equity is the cash,
 * unchanged until the next entry signal; held, it moves with the close until the next exit
 * signal. So instead of asking every bar what to do, this finds the next signal in the condition
 * column (TypedArray.indexOf, native) and writes the whole stretch in one tight loop
 * (EquityCurve.recordFlat / recordHeld). Fills go through the same PositionLedger, so trades,
 * equity, drawdown and every metric are bit for bit those of `simulate` (simulate-signals.test.ts).
 */
import type { PriceLevels, SimulationInput, SimulationResult } from './simulate';
import { EquityCurve } from './equity-curve';
import { PositionLedger } from './position-ledger';

/** Progress (and the chance to cancel) every this many bars, as simulate does. */
const PROGRESS_EVERY = 65_536;
/** Condition value that triggers (conditions are 0 false, 1 true, 2 unknown). */
const TRUE = 1;

/** Whether `simulateSignals` gives this run exactly what `simulate` would. */
export function signalsOnly(input: SimulationInput): boolean {
  if (input.positions) return false;
  const guarded = (levels: PriceLevels | undefined) => levels !== undefined && (levels.stop !== null || levels.target !== null);
  return input.entries.every(
    (rule, r) =>
      rule.stopLossPct === null &&
      rule.takeProfitPct === null &&
      rule.trailingStopPct === null &&
      rule.stopLevel === null &&
      rule.targetLevel === null &&
      !guarded(input.levels?.[r]),
  );
}

/**
 * The first bar at or after a given one where any of a set of conditions is true, and which
 * rule (the first in order) it is. Each rule's next true bar is remembered until it is passed,
 * so over a whole run every condition column is scanned once.
 */
class NextSignal {
  private readonly ahead: number[];
  /** The rule found by the last `from` call. */
  rule = -1;

  constructor(private readonly conditions: readonly Uint8Array[]) {
    this.ahead = conditions.map(() => -1);
  }

  /** First bar ≥ i with a true condition (Infinity: none left). */
  from(i: number): number {
    let best = Infinity;
    this.rule = -1;
    for (let r = 0; r < this.conditions.length; r++) {
      let next = this.ahead[r]!;
      if (next < i) {
        const found = this.conditions[r]!.indexOf(TRUE, i);
        next = found < 0 ? Infinity : found;
        this.ahead[r] = next;
      }
      if (next < best) {
        best = next;
        this.rule = r;
      }
    }
    return best;
  }
}

export function simulateSignals(input: SimulationInput): SimulationResult {
  const { candles, from, to, settings, onBars } = input;
  const { time, open, close } = candles;
  const ledger = new PositionLedger(settings, input.entries);
  const curve = new EquityCurve(Math.max(0, to - from), settings.startingCash, input.keepCurves ?? true);
  const buySlip = 1 + settings.slippageBps / 10_000;
  const sellSlip = 1 - settings.slippageBps / 10_000;
  const entries = new NextSignal(input.entryConditions);
  const exits = new NextSignal(input.exitConditions);
  // A signal at the last bar's close is never filled, so it is never looked for.
  const lastSignalBar = to - 2;
  let cash = settings.startingCash;
  let amount = 0;
  let pendingEntry = -1;
  let pendingExit = false;
  let exposedBars = 0;
  let nextProgress = onBars === undefined ? Infinity : from;

  let i = from;
  while (i < to) {
    if (i === nextProgress) {
      onBars!(i - from, to - from);
      nextProgress += PROGRESS_EVERY;
    }
    // The order decided at the previous close fills at this bar's open.
    const o = open[i]!;
    if (pendingExit) {
      cash = ledger.sell(i, time[i]!, o * sellSlip, amount, cash, 'signal');
      amount = 0;
      pendingExit = false;
    } else if (pendingEntry >= 0) {
      const entry = ledger.buy(i, time[i]!, o * buySlip, pendingEntry, cash);
      pendingEntry = -1;
      if (entry !== null) {
        amount = entry.amount;
        cash = entry.cash;
      }
    }
    // Bars i … last are one stretch: up to the next signal, the next progress call or the end.
    const stretchEnd = Math.min(to, nextProgress) - 1;
    if (amount > 0) {
      const signal = exits.from(i);
      const last = Math.min(signal, stretchEnd);
      curve.recordHeld(i - from, last + 1 - from, cash, amount, close, from);
      exposedBars += last + 1 - i;
      pendingExit = last === signal && signal <= lastSignalBar;
      i = last + 1;
    } else {
      const signal = entries.from(i);
      const last = Math.min(signal, stretchEnd);
      curve.recordFlat(i - from, last + 1 - from, cash);
      if (last === signal && signal <= lastSignalBar) pendingEntry = entries.rule;
      i = last + 1;
    }
  }
  return {
    trades: ledger.trades,
    openPosition: to > from ? ledger.openPosition(amount, close[to - 1]!) : null,
    equity: curve,
    exposedBars,
    feesPaid: ledger.feesPaid,
    skippedEntries: ledger.skippedEntries,
  };
}
