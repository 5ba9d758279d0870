/**
 * A Model block running the committed logreg3.onnx fixture: its column is the fixture's formula on
 * the mapped features, the backtest worker's copy (computed in core, handed over as data) gives the
 * same backtest as running the model directly, batch equals streaming, and a block with another
 * number of connected features than the mapping is refused naming the block.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { runBacktest } from '../../backtest/run-backtest';
import { barAt, sliceColumns } from '../../strategy/candle-columns';
import { evaluateBatch } from '../../strategy/compiler/batch-evaluator';
import { compileStrategy } from '../../strategy/compiler/compile';
import { StreamingEvaluator } from '../../strategy/compiler/streaming-evaluator';
import { realCandles } from '../../strategy/test-support/real-candles';
import { ModelInputError } from '../errors';
import { modelFeed, modelFeedFromData } from '../model-feed';
import { planMapping } from './input-mapping';
import { checkOnnxBlocks, onnxPredictionColumns, onnxRuntimeSource } from './onnx-feed';
import { OnnxPredictor } from './onnx-predictor';
import { onnxGraph as graphOn } from '../test-support/onnx-graph';
import { createSession, createSyncSession, loadOnnxRuntime, signatureOf, type SyncSession } from './onnx-runtime';

const ONNX_ID = 'onnx_00112233445566ff';
const FIXTURES = path.join(__dirname, 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'logreg3.expected.json'), 'utf8')) as {
  weights: number[];
  bias: number;
  tolerance: number;
};
const MAPPING = {
  inputs: [{ name: 'x', features: ['fast.value', 'mid.value', 'slow.value'] }],
  output: { name: 'probability', column: 0 },
};
const candles = sliceColumns(realCandles('btc1h'), 0, 1500);
const onnxGraph = (connected = 3) => graphOn(ONNX_ID, connected);
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** The fixture's model written out: sigmoid(x·W + b) in double precision over float32-rounded inputs and weights. */
function logreg3(x: readonly number[]): number {
  const z = x.reduce((sum, v, k) => sum + Math.fround(v) * Math.fround(expected.weights[k]!), Math.fround(expected.bias));
  return 1 / (1 + Math.exp(-z));
}

let session: SyncSession;
let signature: ReturnType<typeof signatureOf>;
let predictors: Map<string, OnnxPredictor>;
beforeAll(async () => {
  const ort = await loadOnnxRuntime();
  const bytes = readFileSync(path.join(FIXTURES, 'logreg3.onnx'));
  signature = signatureOf(await createSession(ort, bytes));
  ({ session } = await createSyncSession(bytes));
  predictors = new Map([[ONNX_ID, new OnnxPredictor(ort, session, planMapping(signature, MAPPING), 'logreg3')]]);
});
afterAll(() => session.release());

describe('ONNX Model block', () => {
  it('accepts an imported model id in the block (no validation error)', () => {
    expect(validateStrategyGraph(onnxGraph()).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it("backtests on the fixture with the model's predictions on the mapped features, the worker's columns giving the same run as the model itself", () => {
    const columns = onnxPredictionColumns(onnxGraph(), candles, { predictors });
    const column = columns.model!;
    const features = evaluateBatch(
      compileStrategy(onnxGraph(), { models: modelFeed(() => undefined, onnxRuntimeSource(predictors)) }),
      candles,
    );
    const [fast, mid, slow] = ['fast', 'mid', 'slow'].map((id) => features.series(id, 'value') as Float64Array);
    let predicted = 0;
    for (let bar = 0; bar < candles.length; bar++) {
      const x = [fast![bar]!, mid![bar]!, slow![bar]!];
      if (!x.every(Number.isFinite)) {
        expect(column[bar]).toBeNaN();
        continue;
      }
      expect(Math.abs(column[bar]! - logreg3(x))).toBeLessThanOrEqual(expected.tolerance);
      predicted++;
    }
    expect(predicted).toBe(candles.length - 30);

    // The worker's path (plain columns) and core running the model give the same backtest.
    const viaWorkerData = runBacktest({
      strategy: onnxGraph(),
      candles,
      models: modelFeedFromData([], columns),
      settings: { feeRate: 0.001 },
    });
    const direct = runBacktest({
      strategy: onnxGraph(),
      candles,
      models: modelFeed(() => undefined, onnxRuntimeSource(predictors)),
      settings: { feeRate: 0.001 },
    });
    expect(viaWorkerData.metrics.trades).toBeGreaterThan(0);
    expect(viaWorkerData.trades).toEqual(direct.trades);
    expect(viaWorkerData.metrics).toEqual(direct.metrics);
  });

  it('computes the column when a feature reads an "Other market" block, from the bars it is handed (ETH 5m with BTC/USDT 5m)', () => {
    const eth = sliceColumns(realCandles('eth5m'), 0, 1500);
    const btc = realCandles('btc5m');
    const graph = onnxGraph();
    graph.nodes.push({ id: 'btc', type: 'otherMarket', params: { market: 'BTC/USDT' }, label: 'BTC' });
    graph.edges = graph.edges.map((e) => (e.to.node === 'slow' ? { from: { node: 'btc', port: 'close' }, to: e.to } : e));
    const otherMarkets = { 'BTC/USDT': btc };
    const column = onnxPredictionColumns(graph, eth, { predictors, timeframe: '5m', otherMarkets }).model!;
    const features = evaluateBatch(compileStrategy(graph, { models: modelFeed(() => undefined, onnxRuntimeSource(predictors)) }), eth, {
      timeframe: '5m',
      otherMarkets,
    });
    const [fast, mid, slow] = ['fast', 'mid', 'slow'].map((id) => features.series(id, 'value') as Float64Array);
    let predicted = 0;
    for (let bar = 0; bar < eth.length; bar++) {
      const x = [fast![bar]!, mid![bar]!, slow![bar]!];
      if (!x.every(Number.isFinite)) continue;
      expect(Math.abs(column[bar]! - logreg3(x))).toBeLessThanOrEqual(expected.tolerance);
      predicted++;
    }
    expect(predicted).toBeGreaterThan(1000);
  });

  it('gives identical values batch and streaming, bar by bar (core running the model, and the worker replaying its column)', () => {
    const columns = onnxPredictionColumns(onnxGraph(), candles, { predictors });
    for (const models of [modelFeed(() => undefined, onnxRuntimeSource(predictors)), modelFeedFromData([], columns)]) {
      const compiled = compileStrategy(onnxGraph(), { models });
      const batch = evaluateBatch(compiled, candles).series('model', 'value') as Float64Array;
      const stream = new StreamingEvaluator(compileStrategy(onnxGraph(), { models }));
      for (let bar = 0; bar < candles.length; bar++) {
        stream.push(barAt(candles, bar));
        const value = stream.value('model', 'value')!;
        if (!same(value, batch[bar]!)) throw new Error(`bar ${bar}: streaming ${value}, batch ${batch[bar]}`);
      }
      expect(Array.from(batch)).toEqual(Array.from(columns.model!));
    }
  });

  it('refuses a block with another number of connected features than the mapping, naming the block', () => {
    const two = onnxGraph(2);
    expect(() => compileStrategy(two, { models: modelFeed(() => undefined, onnxRuntimeSource(predictors)) })).toThrow(ModelInputError);
    expect(() => onnxPredictionColumns(two, candles, { predictors })).toThrow(
      /The block "Imported" \(Model, node "model"\): the ONNX model "logreg3" is mapped to 3 features \(fast\.value, mid\.value, slow\.value\), and 2 are connected/,
    );
    // The stored record of the imported fixture, as OnnxModelStore.get returns it.
    const store = {
      get: () => ({
        id: ONNX_ID,
        name: 'logreg3',
        fileName: 'logreg3.onnx',
        sha256: '',
        sizeBytes: 0,
        importedAt: 0,
        runtime: '',
        signature,
        mapping: MAPPING,
      }),
    };
    expect(() => checkOnnxBlocks(store, two)).toThrow(
      /Model block "Imported": the ONNX model "logreg3" is mapped to 3 features \(fast\.value, mid\.value, slow\.value\), and 2 are connected/,
    );
    expect(checkOnnxBlocks(store, onnxGraph())).toEqual([
      { nodeId: 'model', label: 'Model block "Imported"', modelId: ONNX_ID, connected: 3 },
    ]);
  });
});
