/**
 * The multi-timeframe strategy written by hand: "buy when RSI(14) of the 1h close is below 30
 * and the close is above EMA(200) of the 4h close; sell when that RSI is above 70", on bars of a
 * lower timeframe (1m in the bench). One loop builds the 1h and 4h bars as the base bars arrive,
 * updates Wilder's RSI and the EMA only when a higher bar closes — the engine's rule: a bar of
 * period P opening at S is seen from the first base bar whose close is at or after S + P; a period
 * the data starts inside of is left out; a period missing its last bars (a gap) closes when the
 * next one starts — with the engine's arithmetic (RSI: plain mean of the first N changes, then
 * (avg × (N − 1) + change) / N; EMA: the mean of the first N, then += 2/(N+1) × (x − ema)), fills
 * at the next open and values the position at every close, like `rsi-reversion-baseline.ts`.
 */
import type { CandleColumns } from '../electron/core/strategy/candle-columns';
import { timeframeMs, type Timeframe } from '../shared/domain/types';
import type { StrategyGraph } from '../shared/strategy/graph-schema';
import { edge, graph, node } from '../shared/strategy/templates/graph-builder';
import { affordableAmount, type BaselineResult, type BaselineSettings } from './hand-loop-fills';

export interface MultiTimeframeStrategy {
  base: Timeframe;
  rsiTimeframe: Timeframe;
  rsiPeriod: number;
  lower: number;
  upper: number;
  trendTimeframe: Timeframe;
  trendPeriod: number;
}

/** The bench's strategy: RSI(14) < 30 on 1h AND close > EMA(200) on 4h, sell on RSI > 70, on 1m bars. */
export const MTF_BENCH_STRATEGY: MultiTimeframeStrategy = {
  base: '1m',
  rsiTimeframe: '1h',
  rsiPeriod: 14,
  lower: 30,
  upper: 70,
  trendTimeframe: '4h',
  trendPeriod: 200,
};

/** The same strategy as a graph for the engine: two higher-timeframe sources, typed levels. */
export function multiTimeframeGraph(p: MultiTimeframeStrategy): StrategyGraph {
  return graph(
    'RSI dip in a higher-timeframe trend',
    `Buy when RSI(${p.rsiPeriod}) of the ${p.rsiTimeframe} close is below ${p.lower} and the close is above EMA(${p.trendPeriod}) of the ${p.trendTimeframe} close; sell when that RSI is above ${p.upper}.`,
    [
      node('candle', 'candle', {}, 0, 0),
      node('rsiBars', 'higherTimeframe', { timeframe: p.rsiTimeframe }, 0, 1),
      node('trendBars', 'higherTimeframe', { timeframe: p.trendTimeframe }, 0, 2),
      node('rsi', 'rsi', { period: p.rsiPeriod }, 1, 1),
      node('trend', 'ema', { period: p.trendPeriod }, 1, 2),
      node('dip', 'lessThan', { b: p.lower }, 2, 0),
      node('above', 'greaterThan', {}, 2, 1),
      node('overbought', 'greaterThan', { b: p.upper }, 2, 2),
      node('both', 'and', {}, 3, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
      node('exit', 'exitLong', {}, 4, 1),
    ],
    [
      edge('rsiBars.close', 'rsi.source'),
      edge('trendBars.close', 'trend.source'),
      edge('rsi.value', 'dip.a'),
      edge('candle.close', 'above.a'),
      edge('trend.value', 'above.b'),
      edge('rsi.value', 'overbought.a'),
      edge('dip.value', 'both.a'),
      edge('above.value', 'both.b'),
      edge('both.value', 'enter.when'),
      edge('overbought.value', 'exit.when'),
    ],
  );
}

/** The hand loop's parameters for a strategy. */
export function handLoopParams(p: MultiTimeframeStrategy): MultiTimeframeParams {
  return {
    baseMs: timeframeMs(p.base),
    rsiMs: timeframeMs(p.rsiTimeframe),
    rsiPeriod: p.rsiPeriod,
    lower: p.lower,
    upper: p.upper,
    trendMs: timeframeMs(p.trendTimeframe),
    trendPeriod: p.trendPeriod,
  };
}

export interface MultiTimeframeParams {
  /** Length of the base bars (ms). */
  baseMs: number;
  /** Timeframe of the RSI's bars (ms) and its period and levels. */
  rsiMs: number;
  rsiPeriod: number;
  lower: number;
  upper: number;
  /** Timeframe of the EMA's bars (ms) and its period. */
  trendMs: number;
  trendPeriod: number;
}

export function handWrittenMultiTimeframe(c: CandleColumns, p: MultiTimeframeParams, s: BaselineSettings): BaselineResult {
  const n = c.length;
  const time = c.time;
  const close = c.close;
  const equity = new Float64Array(n);
  const drawdownPct = new Float64Array(n);
  const buySlip = 1 + s.slippageBps / 10_000;
  const sellSlip = 1 - s.slippageBps / 10_000;
  const { baseMs, rsiMs, trendMs, rsiPeriod, trendPeriod, lower, upper } = p;
  const alpha = 2 / (trendPeriod + 1);
  let peak = s.startingCash;
  let maxDrawdown = 0;
  let cash = s.startingCash;
  let amount = 0;
  let trades = 0;
  let enterNext = false;
  let exitNext = false;
  // Each higher timeframe: the current period's start, its end and its close so far, whether it
  // counts (not the partial first) and whether it has closed already.
  let rStart = NaN;
  let rEnd = NaN;
  let rClose = NaN;
  let rCounts = false;
  let rDone = false;
  let tStart = NaN;
  let tEnd = NaN;
  let tClose = NaN;
  let tCounts = false;
  let tDone = false;
  // Wilder's RSI over the closes of the closed RSI bars; the EMA over those of the trend bars.
  // Updated once per higher bar (not per base bar), so plain closures cost nothing per bar.
  let rPrev = NaN;
  let rCount = 0;
  let gainSum = 0;
  let lossSum = 0;
  let avgGain = 0;
  let avgLoss = 0;
  let rsi = NaN;
  const rsiClose = (v: number) => {
    const prev = rPrev;
    rPrev = v;
    if (prev !== prev) return;
    const change = v - prev;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (rCount < rsiPeriod) {
      gainSum += gain;
      lossSum += loss;
      if (++rCount < rsiPeriod) return;
      avgGain = gainSum / rsiPeriod;
      avgLoss = lossSum / rsiPeriod;
    } else {
      avgGain = (avgGain * (rsiPeriod - 1) + gain) / rsiPeriod;
      avgLoss = (avgLoss * (rsiPeriod - 1) + loss) / rsiPeriod;
    }
    const total = avgGain + avgLoss;
    rsi = total === 0 ? 50 : (100 * avgGain) / total;
  };
  let tCount = 0;
  let seedSum = 0;
  let ema = NaN;
  const trendClose = (v: number) => {
    if (tCount < trendPeriod) {
      seedSum += v;
      if (++tCount === trendPeriod) ema = seedSum / trendPeriod;
    } else {
      ema += alpha * (v - ema);
    }
  };
  for (let i = 0; i < n; i++) {
    const o = c.open[i]!;
    if (exitNext) {
      const proceeds = amount * (o * sellSlip);
      cash += proceeds - proceeds * s.feeRate;
      amount = 0;
      trades++;
      exitNext = false;
    } else if (enterNext) {
      const price = o * buySlip;
      const size = affordableAmount(cash, price, s);
      if (size > 0) {
        const cost = size * price;
        cash -= cost + cost * s.feeRate;
        amount = size;
      }
      enterNext = false;
    }
    const t = time[i]!;
    const x = close[i]!;
    const value = cash + amount * x;
    equity[i] = value;
    if (value > peak) peak = value;
    const dd = (peak - value) / peak;
    drawdownPct[i] = dd * 100;
    if (dd > maxDrawdown) maxDrawdown = dd;

    // A new RSI period: the previous one closes now if a gap left it open.
    if (!(t < rEnd)) {
      if (rCounts && !rDone) rsiClose(rClose);
      rStart = t - (t % rsiMs);
      rEnd = rStart + rsiMs;
      rCounts = !(i === 0 && t !== rStart);
      rDone = false;
    }
    rClose = x;
    if (rCounts && !rDone && t + baseMs >= rEnd) {
      rDone = true;
      rsiClose(x);
    }
    // The trend's timeframe, the same way.
    if (!(t < tEnd)) {
      if (tCounts && !tDone) trendClose(tClose);
      tStart = t - (t % trendMs);
      tEnd = tStart + trendMs;
      tCounts = !(i === 0 && t !== tStart);
      tDone = false;
    }
    tClose = x;
    if (tCounts && !tDone && t + baseMs >= tEnd) {
      tDone = true;
      trendClose(x);
    }

    if (i + 1 === n || rsi !== rsi) continue;
    if (amount > 0) exitNext = rsi > upper;
    else enterNext = rsi < lower && ema === ema && x > ema;
  }
  return { trades, finalEquity: equity[n - 1]!, maxDrawdownPct: maxDrawdown * 100, equity, drawdownPct };
}
