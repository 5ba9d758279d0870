/**
 * The sweep's fast path (shared indicator columns, no per-bar curves, the drawdown's recovery
 * found in the same pass) against full independent backtests: random parameters of every
 * template on real data (seeded, so a failure repeats).
 */
import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../shared/strategy/templates/index';
import { SharedColumns } from '../strategy/compiler/shared-columns';
import { realCandles, type RealDataName } from '../strategy/test-support/real-candles';
import { seededRandom } from './optimiser/search';
import { runBacktest } from './run-backtest';

const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const PARAMS: Record<string, (random: () => number) => Record<string, number>> = {
  'sma-cross': (r) => ({ fast: between(r, 2, 30), slow: between(r, 31, 150) }),
  'rsi-reversion': (r) => ({ period: between(r, 2, 30), lower: between(r, 10, 45), upper: between(r, 55, 90) }),
  'bollinger-breakout': (r) => ({ period: between(r, 5, 60), deviations: between(r, 2, 12) / 4 }),
  'macd-trend': (r) => ({ fast: between(r, 3, 15), slow: between(r, 16, 60), signal: between(r, 2, 15) }),
};

/** The deepest drawdown's duration the way it was measured before: a scan of the kept curve. */
function scannedDuration(time: Float64Array, equity: Float64Array): { durationMs: number; recovered: boolean } {
  let peak = equity[0]! > 10_000 ? equity[0]! : 10_000;
  let peakIndex = 0;
  let maxDd = 0;
  let maxPeakIndex = 0;
  let maxPeakValue = peak;
  let trough = -1;
  for (let i = 0; i < equity.length; i++) {
    if (equity[i]! > peak) {
      peak = equity[i]!;
      peakIndex = i;
    }
    const dd = 1 - equity[i]! / peak;
    if (dd > maxDd) {
      maxDd = dd;
      maxPeakIndex = peakIndex;
      maxPeakValue = peak;
      trough = i;
    }
  }
  if (trough < 0) return { durationMs: 0, recovered: true };
  let recovery = -1;
  for (let i = trough + 1; i < equity.length; i++) {
    if (equity[i]! >= maxPeakValue) {
      recovery = i;
      break;
    }
  }
  const end = recovery >= 0 ? recovery : equity.length - 1;
  return { durationMs: time[end]! - time[maxPeakIndex]!, recovered: recovery >= 0 };
}

describe('sweep fast path = full backtest (property, real data)', () => {
  const datasets: RealDataName[] = ['btc1h', 'eth5m'];
  for (const name of datasets) {
    it(`${name}: random parameters of every template give the same trades and metrics`, () => {
      const candles = realCandles(name);
      const random = seededRandom(name.length * 7919);
      const shared = new SharedColumns();
      for (const [template, draw] of Object.entries(PARAMS)) {
        for (let k = 0; k < 6; k++) {
          const built = buildFromTemplate(template, draw(random));
          if (!built.ok) throw new Error(built.message);
          const settings = { startingCash: 10_000, feeRate: 0.001, slippageBps: between(random, 0, 10) };
          const full = runBacktest({ strategy: built.graph, candles, settings });
          const fast = runBacktest({ strategy: built.graph, candles, settings, shared, keepCurves: false });
          expect(fast.trades).toEqual(full.trades);
          expect(fast.metrics).toEqual(full.metrics);
          expect(full.metrics.finalEquity).toBe(full.curves.equity.at(-1));
          const scanned = scannedDuration(full.curves.time, full.curves.equity);
          expect(full.metrics.maxDrawdownDurationMs).toBe(scanned.durationMs);
          expect(full.metrics.maxDrawdownRecovered).toBe(scanned.recovered);
        }
      }
      expect(shared.reused).toBeGreaterThan(0);
    });
  }
});
