/**
 * Bollinger breakout written by hand: one loop that slides the bands over the close (the
 * engine's arithmetic: a ring of the last N closes, the running sum and the stable update of
 * the squared deviations, both re-summed from the ring every 4096 bars), fills at the next open
 * like the engine and values the position at every close. While flat it buys when the close
 * crosses above the upper band; while long it sells when the close crosses below the middle.
 */
import type { CandleColumns } from '../electron/core/strategy/candle-columns';
import { affordableAmount, type BaselineResult, type BaselineSettings } from './hand-loop-fills';

const RESYNC_EVERY = 4096;

export function handWrittenBollingerBreakout(c: CandleColumns, period: number, deviations: number, s: BaselineSettings): BaselineResult {
  const n = c.length;
  const close = c.close;
  const equity = new Float64Array(n);
  const drawdownPct = new Float64Array(n);
  const buySlip = 1 + s.slippageBps / 10_000;
  const sellSlip = 1 - s.slippageBps / 10_000;
  let peak = s.startingCash;
  let maxDrawdown = 0;
  let cash = s.startingCash;
  let amount = 0;
  let trades = 0;
  let enterNext = false;
  let exitNext = false;
  // Band state; the previous bar's close and bands for the crossings (NaN: not yet known).
  const ring = new Float64Array(period);
  let pos = 0;
  let sum = 0;
  let m2 = 0;
  let sinceResync = 0;
  let prevClose = NaN;
  let prevUpper = NaN;
  let prevMiddle = NaN;
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
    const x = close[i]!;
    const value = cash + amount * x;
    equity[i] = value;
    if (value > peak) peak = value;
    const dd = (peak - value) / peak;
    drawdownPct[i] = dd * 100;
    if (dd > maxDrawdown) maxDrawdown = dd;

    let resync = false;
    if (i < period) {
      ring[pos] = x;
      sum += x;
      resync = i + 1 === period;
    } else {
      const old = ring[pos]!;
      const oldMean = sum / period;
      sum += x - old;
      const mean = sum / period;
      m2 += (x - old) * (x - mean + old - oldMean);
      ring[pos] = x;
      resync = ++sinceResync >= RESYNC_EVERY;
    }
    pos = pos + 1 === period ? 0 : pos + 1;
    if (i + 1 < period) {
      prevClose = x;
      continue;
    }
    if (resync) {
      sum = 0;
      for (let j = 0; j < period; j++) sum += ring[j]!;
      const mean = sum / period;
      m2 = 0;
      for (let j = 0; j < period; j++) m2 += (ring[j]! - mean) * (ring[j]! - mean);
      sinceResync = 0;
    }
    const middle = sum / period;
    const upper = middle + deviations * Math.sqrt(m2 > 0 ? m2 / period : 0);
    if (i + 1 < n && prevUpper === prevUpper) {
      if (amount > 0) exitNext = x < middle && prevClose >= prevMiddle;
      else enterNext = x > upper && prevClose <= prevUpper;
    }
    prevClose = x;
    prevUpper = upper;
    prevMiddle = middle;
  }
  return { trades, finalEquity: equity[n - 1]!, maxDrawdownPct: maxDrawdown * 100, equity, drawdownPct };
}
