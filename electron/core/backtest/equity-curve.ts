/**
 * Everything that depends on the equity curve (drawdown curve, deepest drawdown, per-bar
 * return statistics) is accumulated while the simulation writes the curve, in the same pass:
 * on a million bars a second and third pass over the curve cost as much as the fills.
 */

export const YEAR_MS = 365.25 * 86_400_000;

export interface EquitySummary {
  maxDrawdownPct: number;
  /** From the peak before the deepest drawdown to the bar that regains it (or the last bar). */
  maxDrawdownDurationMs: number;
  maxDrawdownRecovered: boolean;
  sharpe: number | null;
  sortino: number | null;
}

// Running state lives in one Float64Array: the per-bar path then reads and writes plain
// doubles instead of boxed object fields (measurably faster over a million bars).
const PEAK = 0;
const INVERSE_PEAK = 1;
const PEAK_INDEX = 2;
const MAX_DRAWDOWN = 3;
const MAX_PEAK_INDEX = 4;
const MAX_PEAK_VALUE = 5;
const TROUGH_INDEX = 6;
const PREVIOUS = 7;
const SUM_RETURNS = 8;
const SUM_SQUARES = 9;
const SUM_DOWN_SQUARES = 10;
/** First bar after the deepest drawdown's trough that regains its peak (−1: not yet). */
const RECOVERY_INDEX = 11;
const STATE_SIZE = 12;

export class EquityCurve {
  readonly equity: Float64Array;
  /** Percent below the running peak at each bar (0 at a new high). */
  readonly drawdownPct: Float64Array;
  private readonly s = new Float64Array(STATE_SIZE);

  /**
   * `keepCurves` false (a sweep, which needs the metrics only) skips the per-bar arrays:
   * `equity` and `drawdownPct` are then empty and every summary figure still comes out the same.
   */
  constructor(
    readonly length: number,
    startingCash: number,
    private readonly keepCurves = true,
  ) {
    this.equity = new Float64Array(keepCurves ? length : 0);
    this.drawdownPct = new Float64Array(keepCurves ? length : 0);
    const s = this.s;
    s[RECOVERY_INDEX] = -1;
    s[PEAK] = startingCash;
    s[INVERSE_PEAK] = 1 / startingCash;
    s[MAX_PEAK_VALUE] = startingCash;
    s[PREVIOUS] = startingCash;
    s[TROUGH_INDEX] = -1;
  }

  /** Equity at the close of the k-th traded bar; bars must be recorded in order. */
  record(k: number, value: number): void {
    const s = this.s;
    const keep = this.keepCurves;
    if (keep) this.equity[k] = value;
    let peak = s[PEAK]!;
    if (value > peak) {
      peak = value;
      s[PEAK] = value;
      s[INVERSE_PEAK] = 1 / value;
      s[PEAK_INDEX] = k;
    }
    // Multiplying by the cached 1/peak keeps a division off the per-bar path.
    const dd = peak > 0 ? 1 - value * s[INVERSE_PEAK]! : 0;
    if (keep) this.drawdownPct[k] = dd * 100;
    if (dd > s[MAX_DRAWDOWN]!) {
      s[MAX_DRAWDOWN] = dd;
      s[MAX_PEAK_INDEX] = s[PEAK_INDEX]!;
      s[MAX_PEAK_VALUE] = peak;
      s[TROUGH_INDEX] = k;
      s[RECOVERY_INDEX] = -1;
    } else if (s[RECOVERY_INDEX]! < 0 && s[TROUGH_INDEX]! >= 0 && value >= s[MAX_PEAK_VALUE]!) {
      // Found in the same pass, so the curve need not be kept to measure the drawdown's duration.
      s[RECOVERY_INDEX] = k;
    }
    // While flat the equity does not move: a zero return needs no division.
    const prev = s[PREVIOUS]!;
    if (value !== prev) {
      const r = prev > 0 ? value / prev - 1 : 0;
      s[SUM_RETURNS]! += r;
      s[SUM_SQUARES]! += r * r;
      if (r < 0) s[SUM_DOWN_SQUARES]! += r * r;
      s[PREVIOUS] = value;
    }
  }

  /**
   * Bars [k0, k1) all worth `value` (flat: the cash does not move). The same as `record` on each,
   * but after the first bar nothing can change (no new peak, deeper drawdown, recovery or
   * return), so the rest is a fill.
   */
  recordFlat(k0: number, k1: number, value: number): void {
    if (k1 <= k0) return;
    this.record(k0, value);
    if (!this.keepCurves) return;
    this.equity.fill(value, k0 + 1, k1);
    this.drawdownPct.fill(this.drawdownPct[k0]!, k0 + 1, k1);
  }

  /**
   * Bars [k0, k1) holding `amount` beside `cash`, valued at `close[k + offset]`: the same as
   * `record(k, cash + amount × close[k + offset])` on each, with the running state in locals for
   * the length of the loop (the loop is the backtest's hottest: see simulate-signals.ts).
   */
  recordHeld(k0: number, k1: number, cash: number, amount: number, close: Float64Array, offset: number): void {
    const s = this.s;
    const equity = this.equity;
    const drawdownPct = this.drawdownPct;
    const keep = this.keepCurves;
    let peak = s[PEAK]!;
    let inversePeak = s[INVERSE_PEAK]!;
    let peakIndex = s[PEAK_INDEX]!;
    let maxDrawdown = s[MAX_DRAWDOWN]!;
    let maxPeakIndex = s[MAX_PEAK_INDEX]!;
    let maxPeakValue = s[MAX_PEAK_VALUE]!;
    let trough = s[TROUGH_INDEX]!;
    let prev = s[PREVIOUS]!;
    let sumReturns = s[SUM_RETURNS]!;
    let sumSquares = s[SUM_SQUARES]!;
    let sumDownSquares = s[SUM_DOWN_SQUARES]!;
    let recovery = s[RECOVERY_INDEX]!;
    for (let k = k0; k < k1; k++) {
      const value = cash + amount * close[k + offset]!;
      if (keep) equity[k] = value;
      if (value > peak) {
        peak = value;
        inversePeak = 1 / value;
        peakIndex = k;
      }
      const dd = peak > 0 ? 1 - value * inversePeak : 0;
      if (keep) drawdownPct[k] = dd * 100;
      if (dd > maxDrawdown) {
        maxDrawdown = dd;
        maxPeakIndex = peakIndex;
        maxPeakValue = peak;
        trough = k;
        recovery = -1;
      } else if (recovery < 0 && trough >= 0 && value >= maxPeakValue) {
        recovery = k;
      }
      if (value !== prev) {
        const r = prev > 0 ? value / prev - 1 : 0;
        sumReturns += r;
        sumSquares += r * r;
        if (r < 0) sumDownSquares += r * r;
        prev = value;
      }
    }
    s[PEAK] = peak;
    s[INVERSE_PEAK] = inversePeak;
    s[PEAK_INDEX] = peakIndex;
    s[MAX_DRAWDOWN] = maxDrawdown;
    s[MAX_PEAK_INDEX] = maxPeakIndex;
    s[MAX_PEAK_VALUE] = maxPeakValue;
    s[TROUGH_INDEX] = trough;
    s[PREVIOUS] = prev;
    s[SUM_RETURNS] = sumReturns;
    s[SUM_SQUARES] = sumSquares;
    s[SUM_DOWN_SQUARES] = sumDownSquares;
    s[RECOVERY_INDEX] = recovery;
  }

  /** Equity at the last recorded bar (the starting cash before any). */
  get last(): number {
    return this.s[PREVIOUS]!;
  }

  /** `times`: open times of the recorded bars; `barIntervalMs` annualises the ratios. */
  summary(times: Float64Array, barIntervalMs: number): EquitySummary {
    return { ...this.drawdownSummary(times), ...this.riskRatios(barIntervalMs) };
  }

  private drawdownSummary(times: Float64Array): Pick<EquitySummary, 'maxDrawdownPct' | 'maxDrawdownDurationMs' | 'maxDrawdownRecovered'> {
    const s = this.s;
    const trough = s[TROUGH_INDEX]!;
    if (trough < 0) return { maxDrawdownPct: 0, maxDrawdownDurationMs: 0, maxDrawdownRecovered: true };
    const recovery = s[RECOVERY_INDEX]!;
    const end = recovery >= 0 ? recovery : this.length - 1;
    return {
      maxDrawdownPct: s[MAX_DRAWDOWN]! * 100,
      maxDrawdownDurationMs: times[end]! - times[s[MAX_PEAK_INDEX]!]!,
      maxDrawdownRecovered: recovery >= 0,
    };
  }

  /** Sharpe and Sortino of per-bar returns, annualised by bars per year; risk-free rate 0. */
  private riskRatios(barIntervalMs: number): Pick<EquitySummary, 'sharpe' | 'sortino'> {
    const n = this.length;
    if (n < 2 || barIntervalMs <= 0) return { sharpe: null, sortino: null };
    const s = this.s;
    const mean = s[SUM_RETURNS]! / n;
    // Per-bar returns are tiny, so Σr² − n·mean² keeps ample precision.
    const variance = Math.max(0, (s[SUM_SQUARES]! - n * mean * mean) / (n - 1));
    const sd = Math.sqrt(variance);
    const downside = Math.sqrt(s[SUM_DOWN_SQUARES]! / n);
    const annualise = Math.sqrt(YEAR_MS / barIntervalMs);
    return {
      sharpe: sd > 0 ? finiteOrNull((mean / sd) * annualise) : null,
      sortino: downside > 0 ? finiteOrNull((mean / downside) * annualise) : null,
    };
  }
}

export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
