/** Seeded synthetic bars and features for the model tests. */
import { seededRandom } from '../../kit/seeded-random';
import { allocateColumns, type CandleColumns } from '../../strategy/candle-columns';
import { ModelSpecSchema, REGRESSOR_KINDS, type ModelSpec, type ModelSpecInput } from '../../../../shared/ml/model-spec';

/** A random walk of `n` hourly bars; `edge(t)` (−1…1) tilts the move from bar t to t+1. */
export function syntheticCandles(n: number, seed: number, edge: (t: number) => number = () => 0): CandleColumns {
  const random = seededRandom(seed);
  const c = allocateColumns(n);
  let price = 100;
  for (let t = 0; t < n; t++) {
    c.time[t] = 1_600_000_000_000 + t * 3_600_000;
    c.open[t] = price;
    c.close[t] = price;
    c.high[t] = price * 1.001;
    c.low[t] = price * 0.999;
    c.volume[t] = 1 + random();
    const move = (random() - 0.5 + 0.45 * edge(t)) * 0.02;
    price = price * (1 + move);
  }
  return c;
}

export function noiseColumn(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => random() * 2 - 1);
}

export function spec(input: Partial<ModelSpecInput> & Pick<ModelSpecInput, 'kind'>): ModelSpec {
  return ModelSpecSchema.parse({
    label: { kind: REGRESSOR_KINDS.includes(input.kind) ? 'forwardReturn' : 'direction', horizon: 1 },
    windows: { trainBars: 200, testBars: 50, purgeBars: 1 },
    forest: { trees: 8, maxDepth: 4 },
    xgboost: { trees: 10, maxDepth: 3 },
    ...input,
  });
}
