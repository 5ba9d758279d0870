/**
 * RSI reversion written by hand: one loop that updates Wilder's RSI of the close (the engine's
 * arithmetic: the plain mean of the first N changes, then (avg × (N − 1) + change) / N), fills
 * at the next open like the engine, and values the position at every close. While flat it buys
 * when the RSI is below `lower`; while long it sells when the RSI is above `upper`.
 */
import type { CandleColumns } from '../electron/core/strategy/candle-columns';
import { affordableAmount, type BaselineResult, type BaselineSettings } from './hand-loop-fills';

export function handWrittenRsiReversion(
  c: CandleColumns,
  period: number,
  lower: number,
  upper: number,
  s: BaselineSettings,
): BaselineResult {
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
  // RSI state: changes seen, their sums while warming up, then the smoothed averages.
  let count = 0;
  let gainSum = 0;
  let lossSum = 0;
  let avgGain = 0;
  let avgLoss = 0;
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
    if (i === 0) continue;
    const change = x - close[i - 1]!;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (count < period) {
      gainSum += gain;
      lossSum += loss;
      if (++count < period) continue;
      avgGain = gainSum / period;
      avgLoss = lossSum / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    if (i + 1 === n) continue;
    const total = avgGain + avgLoss;
    const rsi = total === 0 ? 50 : (100 * avgGain) / total;
    if (amount > 0) exitNext = rsi > upper;
    else enterNext = rsi < lower;
  }
  return { trades, finalEquity: equity[n - 1]!, maxDrawdownPct: maxDrawdown * 100, equity, drawdownPct };
}
