/**
 * The Model block in a strategy: batch (backtests) and streaming (live) give identical values on
 * every bar, a prefix of the bars gives the same values as the whole (no look-ahead), the block's
 * values are the trainer's walk-forward predictions, and a backtest runs with the usual fill model.
 */
import { describe, expect, it } from 'vitest';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { runBacktest } from '../backtest/run-backtest';
import { barAt, sliceColumns } from '../strategy/candle-columns';
import { resampleClosed } from '../strategy/kernels/timeframe-align';
import { evaluateBatch } from '../strategy/compiler/batch-evaluator';
import { compileStrategy } from '../strategy/compiler/compile';
import { StreamingEvaluator } from '../strategy/compiler/streaming-evaluator';
import { realCandles } from '../strategy/test-support/real-candles';
import { ModelInputError } from './errors';
import { compileForBot } from '../bots/candle-feed';
import { modelFeedFromData } from './model-feed';
import { featureColumns } from './dataset';
import { trainWalkForward } from './train';
import { MODEL_ID, modelGraph, modelSpec, trainedVersion } from './test-support/model-graph';
import { loadXGBoost } from './models/xgboost-wasm';

const xgboost = await loadXGBoost();

const candles = sliceColumns(realCandles('btc1h'), 0, 1500);
const version = trainedVersion(candles);
const models = modelFeedFromData([version]);
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('Model block', () => {
  const compiled = compileStrategy(modelGraph(), { models, includeUnusedNodes: true });
  const batch = evaluateBatch(compiled, candles);
  const values = batch.series('model', 'value') as Float64Array;

  it('is the walk-forward prediction the trainer reported, empty before the first window', () => {
    const features = featureColumns(modelGraph(), version.features, candles);
    const { predictions } = trainWalkForward(version.spec, features, candles);
    expect(Array.from(values)).toEqual(Array.from(predictions));
    expect(values.slice(0, 403).every(Number.isNaN)).toBe(true);
    expect(values.slice(403).every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('gives identical values and signals batch and streaming, bar by bar', () => {
    const stream = new StreamingEvaluator(compiled);
    for (let i = 0; i < candles.length; i++) {
      stream.push(barAt(candles, i));
      const v = stream.value('model', 'value')!;
      if (!same(v, values[i]!)) throw new Error(`bar ${i}: streaming ${v}, batch ${values[i]}`);
      expect(stream.value('both', 'value')).toBe((batch.series('both', 'value') as Uint8Array)[i]);
    }
  });

  it('never changes a past value when bars are appended (a prefix gives the same values)', () => {
    for (const end of [650, 1234]) {
      const prefix = evaluateBatch(compileStrategy(modelGraph(), { models, includeUnusedNodes: true }), sliceColumns(candles, 0, end));
      const head = prefix.series('model', 'value') as Float64Array;
      for (let i = 0; i < end; i++) if (!same(head[i]!, values[i]!)) throw new Error(`prefix ${end}, bar ${i}: ${head[i]} vs ${values[i]}`);
    }
  });

  it('backtests with the same fill model as every strategy: signals from the model and RSI, fills at the next open', () => {
    const result = runBacktest({ strategy: modelGraph(), candles, models, settings: { feeRate: 0.001 } });
    expect(result.metrics.trades).toBeGreaterThan(0);
    const entry = result.trades[0]!;
    // Entered at the open of the bar after a close where model > 0.55 and RSI < 50.
    const i = Array.from(candles.time).indexOf(entry.entryTime);
    const rsi = batch.series('rsi', 'value') as Float64Array;
    expect(values[i - 1]!).toBeGreaterThan(0.55);
    expect(rsi[i - 1]!).toBeLessThan(50);
    expect(entry.entryPrice).toBe(candles.open[i]);
  });

  it('names the block when its model version is missing or does not fit the inputs', () => {
    const missing = () => compileStrategy(modelGraph(MODEL_ID, 2), { models });
    expect(missing).toThrow(ModelInputError);
    expect(missing).toThrow(/The block "Up next bars" \(Model, node "model"\): there is no version 2 of model mdl_00112233445566ff/);
    const oneFeature = trainedVersion(candles, modelSpec({ kind: 'logistic' }));
    const narrow = { ...oneFeature, features: oneFeature.features.slice(0, 1) };
    expect(() => compileStrategy(modelGraph(), { models: modelFeedFromData([narrow]) })).toThrow(
      /trained on 1 features .* and 2 are connected/,
    );
  });

  it('is validated: a model must be chosen, features connected from 1 up', () => {
    const graph = modelGraph('');
    expect(validateStrategyGraph(graph).map((i) => i.message)).toContainEqual(expect.stringMatching(/no model chosen/));
    const gap = modelGraph();
    gap.edges = gap.edges.map((e) => (e.to.node === 'model' && e.to.port === 'f2' ? { ...e, to: { node: 'model', port: 'f3' } } : e));
    expect(validateStrategyGraph(gap).map((i) => i.message)).toContainEqual(
      expect.stringMatching(/input "f3" is connected but "f2" is not/),
    );
  });

  it('is refused by a bot host without a model registry, naming the block, rather than run without its model', () => {
    expect(() => compileForBot(modelGraph(), 'RSI + ROC model', '1h')).toThrow(
      'The strategy "RSI + ROC model" cannot run as a bot: Model block "Up next bars" runs a trained model, and this host has no model registry to load it from.',
    );
  });

  it('stays empty with a warning where no model is loaded (an alert preview)', () => {
    const unfed = compileStrategy(modelGraph());
    expect(unfed.warnings).toContainEqual(expect.objectContaining({ code: 'no_model_feed', nodeId: 'model' }));
    expect((evaluateBatch(unfed, candles).series('model', 'value') as Float64Array).every(Number.isNaN)).toBe(true);
  });
});

describe('Model block with gradient-boosted trees (XGBoost)', () => {
  const boosted = trainedVersion(candles, modelSpec({ kind: 'xgboostClassifier', xgboost: { trees: 25, maxDepth: 4 } }));
  const feed = modelFeedFromData([boosted]);

  it('gives the trainer’s predictions in batch and identical values streaming, bar by bar, freeing its boosters', () => {
    const live = xgboost.liveBoosters();
    const compiled = compileStrategy(modelGraph(), { models: feed, includeUnusedNodes: true });
    const batch = evaluateBatch(compiled, candles);
    const values = batch.series('model', 'value') as Float64Array;
    expect(xgboost.liveBoosters()).toBe(live);
    const { predictions } = trainWalkForward(boosted.spec, featureColumns(modelGraph(), boosted.features, candles), candles);
    expect(Array.from(values)).toEqual(Array.from(predictions));
    expect(values.slice(403).every((v) => v > 0 && v < 1)).toBe(true);
    const stream = new StreamingEvaluator(compiled);
    for (let i = 0; i < candles.length; i++) {
      stream.push(barAt(candles, i));
      const v = stream.value('model', 'value')!;
      if (!same(v, values[i]!)) throw new Error(`bar ${i}: streaming ${v}, batch ${values[i]}`);
    }
  });
});

describe('Model block fed by indicators of a higher timeframe', () => {
  // RSI and ROC of the 4h close feed the model: the indicators run on 4h bars, the model on the
  // base bars (its labels read the base close), predicting every 1h bar as it was trained to.
  const strategy = modelGraph(MODEL_ID, 1, '4h');
  const htfVersion = trainedVersion(candles, modelSpec(), MODEL_ID, 1, strategy);
  const feed = modelFeedFromData([htfVersion]);

  it('predicts on the base bars, the trainer’s values, identical batch and streaming', () => {
    const compiled = compileStrategy(strategy, { models: feed, includeUnusedNodes: true });
    const batch = evaluateBatch(compiled, candles, { timeframe: '1h' });
    const values = batch.series('model', 'value') as Float64Array;
    const { predictions } = trainWalkForward(
      htfVersion.spec,
      featureColumns(strategy, htfVersion.features, candles, { timeframe: '1h' }),
      candles,
    );
    expect(Array.from(values)).toEqual(Array.from(predictions));
    expect(values.some((v) => !Number.isNaN(v))).toBe(true);
    const stream = new StreamingEvaluator(compiled, { timeframe: '1h' });
    // The 4h bars arrive as a bot's subscription hands them in; each waits for the base bar that closes it.
    const native = resampleClosed(candles, '4h');
    for (let k = 0; k < native.length; k++) stream.addHigherBar('4h', barAt(native, k));
    for (let i = 0; i < candles.length; i++) {
      stream.push(barAt(candles, i));
      const v = stream.value('model', 'value')!;
      const r = stream.value('rsi', 'value')!;
      const rb = (batch.series('rsi', 'value') as Float64Array)[i]!;
      if (!same(r, rb) && i < 80) console.log(`rsi bar ${i}: streaming ${r}, batch ${rb}`);
      const o = stream.value('roc', 'value')!;
      const ob = (batch.series('roc', 'value') as Float64Array)[i]!;
      if (!same(o, ob) && i < 40) console.log(`roc bar ${i} t=${new Date(candles.time[i]!).toISOString()}: streaming ${o}, batch ${ob}`);
      if (!same(v, values[i]!)) throw new Error(`bar ${i}: streaming ${v}, batch ${values[i]}`);
    }
  });
});
