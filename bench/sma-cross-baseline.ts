/**
 * The bench's yardstick: SMA cross written by hand as typed-array loops, with the engine's fill
 * model (next-open fills, slippage, fees, amounts floored to the step) and the same SMA
 * arithmetic (running sum re-summed every 4096 bars), so its trades must equal the engine's.
 * Like the engine it outputs the equity and drawdown curves and the deepest drawdown.
 */
import type { CandleColumns } from '../electron/core/strategy/candle-columns';
import { affordableAmount, type BaselineResult, type BaselineSettings } from './hand-loop-fills';

const RESYNC_EVERY = 4096;

function smaInto(src: Float64Array, period: number, out: Float64Array): void {
  let sum = 0;
  let sinceResync = 0;
  for (let i = 0; i < src.length; i++) {
    sum += i < period ? src[i]! : src[i]! - src[i - period]!;
    if (i < period - 1) {
      out[i] = NaN;
      continue;
    }
    if (++sinceResync >= RESYNC_EVERY) {
      sinceResync = 0;
      sum = 0;
      for (let j = i - period + 1; j <= i; j++) sum += src[j]!;
    }
    out[i] = sum / period;
  }
}

export function handWrittenSmaCross(c: CandleColumns, fast: number, slow: number, s: BaselineSettings): BaselineResult {
  const n = c.length;
  const fastSma = new Float64Array(n);
  const slowSma = new Float64Array(n);
  smaInto(c.close, fast, fastSma);
  smaInto(c.close, slow, slowSma);
  const equity = new Float64Array(n);
  const drawdownPct = new Float64Array(n);
  let peak = s.startingCash;
  let maxDrawdown = 0;
  const buySlip = 1 + s.slippageBps / 10_000;
  const sellSlip = 1 - s.slippageBps / 10_000;
  let cash = s.startingCash;
  let amount = 0;
  let trades = 0;
  let enterNext = false;
  let exitNext = false;
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
    const value = cash + amount * c.close[i]!;
    equity[i] = value;
    if (value > peak) peak = value;
    const dd = (peak - value) / peak;
    drawdownPct[i] = dd * 100;
    if (dd > maxDrawdown) maxDrawdown = dd;
    if (i === 0 || i + 1 === n) continue;
    const a = fastSma[i]!;
    const b = slowSma[i]!;
    const pa = fastSma[i - 1]!;
    const pb = slowSma[i - 1]!;
    if (a !== a || b !== b || pa !== pa || pb !== pb) continue;
    if (amount > 0) exitNext = a < b && pa >= pb;
    else enterNext = a > b && pa <= pb;
  }
  return { trades, finalEquity: equity[n - 1]!, maxDrawdownPct: maxDrawdown * 100, equity, drawdownPct };
}
