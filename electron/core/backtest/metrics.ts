/**
 * Performance figures from the equity curve summary and the closed trades. Ratios that have
 * no value (no trades, no losing trade, flat equity) are null rather than 0 or Infinity, so a
 * table never shows a made-up number.
 */
import type { BacktestMetrics, BacktestTrade } from '../../../shared/strategy/backtest-schema';
import { YEAR_MS, finiteOrNull, type EquitySummary } from './equity-curve';

export interface MetricsInput {
  startingCash: number;
  /** Open times of the traded bars. */
  times: Float64Array;
  finalEquity: number;
  barIntervalMs: number;
  equity: EquitySummary;
  trades: readonly BacktestTrade[];
  exposedBars: number;
  feesPaid: number;
  skippedEntries: number;
  /** First traded bar's open and last traded bar's close, for buy-and-hold. */
  firstOpen: number;
  lastClose: number;
}

export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { startingCash, times, finalEquity, barIntervalMs, equity } = input;
  const bars = times.length;
  const firstBarTime = bars > 0 ? times[0]! : 0;
  const lastBarTime = bars > 0 ? times[bars - 1]! : 0;
  const years = (lastBarTime + barIntervalMs - firstBarTime) / YEAR_MS;
  return {
    startingCash,
    finalEquity,
    netProfit: finalEquity - startingCash,
    returnPct: (finalEquity / startingCash - 1) * 100,
    cagrPct: cagr(startingCash, finalEquity, years),
    maxDrawdownPct: equity.maxDrawdownPct,
    maxDrawdownDurationMs: equity.maxDrawdownDurationMs,
    maxDrawdownRecovered: equity.maxDrawdownRecovered,
    sharpe: equity.sharpe,
    sortino: equity.sortino,
    ...tradeStats(input.trades),
    exposurePct: bars > 0 ? (input.exposedBars / bars) * 100 : 0,
    buyAndHoldReturnPct: input.firstOpen > 0 ? (input.lastClose / input.firstOpen - 1) * 100 : 0,
    feesPaid: input.feesPaid,
    skippedEntries: input.skippedEntries,
    bars,
    barIntervalMs,
    firstBarTime,
    lastBarTime,
  };
}

/** Bars sampled to find the typical spacing; enough for a stable median, cheap on 1M bars. */
const INTERVAL_SAMPLES = 4097;

/** Median spacing of bar times (from an even sample): the timeframe, even when the data has gaps. */
export function medianInterval(times: Float64Array): number {
  const gaps = times.length - 1;
  if (gaps < 1) return 0;
  const count = Math.min(gaps, INTERVAL_SAMPLES);
  const diffs = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const i = 1 + Math.floor((s * gaps) / count);
    diffs[s] = times[i]! - times[i - 1]!;
  }
  diffs.sort();
  return diffs[count >> 1]!;
}

function cagr(start: number, end: number, years: number): number | null {
  if (!(years > 0)) return null;
  if (end <= 0) return -100;
  return finiteOrNull(((end / start) ** (1 / years) - 1) * 100);
}

/** Win rate, profit factor, expectancy, count and average hold of closed trades (also the copy leaders' statistics). */
export function tradeStats(
  trades: readonly Pick<BacktestTrade, 'pnl' | 'entryTime' | 'exitTime'>[],
): Pick<BacktestMetrics, 'winRatePct' | 'profitFactor' | 'expectancy' | 'trades' | 'avgHoldingMs'> {
  const count = trades.length;
  if (count === 0) return { winRatePct: null, profitFactor: null, expectancy: null, trades: 0, avgHoldingMs: null };
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let net = 0;
  let held = 0;
  for (const t of trades) {
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else {
      grossLoss -= t.pnl;
    }
    net += t.pnl;
    held += t.exitTime - t.entryTime;
  }
  return {
    winRatePct: (wins / count) * 100,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    expectancy: net / count,
    trades: count,
    avgHoldingMs: held / count,
  };
}
