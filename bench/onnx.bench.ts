/**
 * ONNX inference (issue #15 item 11: < 0.05 ms per bar in a live bot). The committed logistic
 * regression fixture, mapped to three features, through the same OnnxPredictor core runs:
 * - one bar per call (live, the Model block's streaming step), mean over 20,000 bars, against
 *   onnxruntime-node's public async `session.run` of a prebuilt [1,3] tensor in the same process
 *   (what the synchronous native run saves, mapping and tensor building included);
 * - a 100,000-bar backtest column in batches (total ms), against the same closed-form sigmoid in
 *   plain JavaScript (what a hand-written model would cost).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planMapping } from '../electron/core/ml/onnx/input-mapping';
import { OnnxPredictor } from '../electron/core/ml/onnx/onnx-predictor';
import { createSession, createSyncSession, loadOnnxRuntime, signatureOf } from '../electron/core/ml/onnx/onnx-runtime';
import { versusBaseline, type BenchFigure } from './bench-kit';

const LIVE_BARS = 20_000;
const BACKTEST_BARS = 100_000;
const WEIGHTS = [0.8, -1.5, 0.25];
const BIAS = 0.1;

async function meanMs(count: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 500; i++) await fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  return (performance.now() - start) / count;
}

export async function run(): Promise<BenchFigure[]> {
  const ort = await loadOnnxRuntime();
  const bytes = readFileSync(path.join(import.meta.dirname, '../electron/core/ml/onnx/fixtures/logreg3.onnx'));
  const publicSession = await createSession(ort, bytes);
  const plan = planMapping(signatureOf(publicSession), {
    inputs: [{ name: 'x', features: ['rsi1.value', 'ema1.value', 'atr1.value'] }],
    output: { name: 'probability', column: 0 },
  });
  const { session } = await createSyncSession(bytes);
  const predictor = new OnnxPredictor(ort, session, plan, 'bench');
  // A reproducible walk of feature values (no Math.random: the same numbers every run).
  const columns = [0, 1, 2].map((f) => Float64Array.from({ length: BACKTEST_BARS }, (_, i) => Math.sin(i * 0.01 * (f + 1)) * (10 + f)));
  const row = new Float64Array(3);

  const liveMs = await meanMs(LIVE_BARS, (i) => {
    for (let f = 0; f < 3; f++) row[f] = columns[f]![i % BACKTEST_BARS]!;
    return predictor.predictBar(row);
  });
  const tensor = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]);
  const rawMs = await meanMs(LIVE_BARS, () => publicSession.run({ x: tensor }));

  const batchStart = performance.now();
  predictor.predictBatch(columns, BACKTEST_BARS);
  const batchMs = performance.now() - batchStart;
  const jsStart = performance.now();
  const js = new Float64Array(BACKTEST_BARS);
  for (let i = 0; i < BACKTEST_BARS; i++) {
    const z = BIAS + columns[0]![i]! * WEIGHTS[0]! + columns[1]![i]! * WEIGHTS[1]! + columns[2]![i]! * WEIGHTS[2]!;
    js[i] = 1 / (1 + Math.exp(-z));
  }
  const jsMs = Math.max(performance.now() - jsStart, 1e-3);
  session.release();
  await publicSession.release();

  return [
    versusBaseline('onnx.live.per-bar', liveMs, rawMs, '<0.05 ms per bar (baseline: the public async session.run)'),
    versusBaseline('onnx.backtest.100k-bars', batchMs, jsMs, '<5000 ms, i.e. <0.05 ms per bar (baseline: the sigmoid in plain JS)'),
  ];
}
