/**
 * A made-up but plausible sequence of positions over some bars (for evaluator tests): flat and
 * long stretches of pseudo-random lengths, each long stretch entered at its first bar's open.
 * Deterministic by seed, so the batch pass and the streaming evaluator can be fed the same one.
 */
import type { CandleColumns } from '../candle-columns';
import { FLAT, type PositionSnapshot } from '../kernels/position-tracker';

export function positionScript(candles: CandleColumns, seed = 1): PositionSnapshot[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: small and reproducible.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const out: PositionSnapshot[] = [];
  let i = 0;
  while (i < candles.length) {
    const flat = 1 + Math.floor(random() * 30);
    for (let k = 0; k < flat && i < candles.length; k++, i++) out.push(FLAT);
    const held = 1 + Math.floor(random() * 40);
    const entry: PositionSnapshot = { open: true, entryPrice: candles.open[i] ?? NaN, entryTime: candles.time[i] ?? NaN };
    for (let k = 0; k < held && i < candles.length; k++, i++) out.push(entry);
  }
  return out;
}
